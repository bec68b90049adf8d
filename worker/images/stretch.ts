import sharp from 'sharp';
import type { GreyImage } from './deskew';
import { greyHistogram } from './histogram';

/**
 * A small image that sharp stretches exactly as it would the page: the page's darkest and lightest
 * levels and every level between once (the answers read back), then the level at the page's
 * `upper` percentile filling the rest, so that percentile falls where it falls on the page.
 */
function probeFor(page: GreyImage, upper: number): { probe: Buffer; first: number; last: number } {
  const histogram = greyHistogram(page.data);
  const first = histogram.findIndex((n) => n > 0);
  const last = 255 - [...histogram].reverse().findIndex((n) => n > 0);
  let high = last;
  for (let level = 0, below = 0; level < 256; level++) {
    below += histogram[level]!;
    if (below > (page.data.length * upper) / 100) {
      high = level;
      break;
    }
  }
  const levels = last - first + 1;
  // Long enough that the levels listed cannot move the percentile off `high`.
  const size = levels + Math.ceil((4 * levels * 100) / Math.min(upper, 100 - upper));
  const probe = Buffer.alloc(size, high);
  for (let level = first; level <= last; level++) probe[level - first] = level;
  return { probe, first, last };
}

/**
 * What sharp's `normalise({ lower: 0, upper })` does to a greyscale page, at a fraction of its
 * cost: the darkest pixel becomes black and the `upper` percentile white, stretched in Lab
 * lightness. On a whole A4 page sharp spends some 1.2 s of CPU on it (converting every pixel to
 * Lab and back), more than reading the page. The mapping depends only on the grey level, the
 * darkest pixel and the percentile, so sharp works it out on a small probe that shares them, and
 * the page goes through the answer (a percentile that falls exactly between two levels may land
 * one level apart from sharp's, which reads it off whole-number lightness). The page is stretched in
 * place: clean-up hands over its own copy, and a second page-sized array only fed the collector.
 */
export async function stretchContrast(page: GreyImage, upper: number): Promise<GreyImage> {
  const { probe, first, last } = probeFor(page, upper);
  const stretched = await sharp(probe, { raw: { width: probe.length, height: 1, channels: 1 } })
    .normalise({ lower: 0, upper })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const map = new Uint8Array(256);
  for (let level = first; level <= last; level++) map[level] = stretched[level - first]!;
  const { data } = page;
  for (let i = 0; i < data.length; i++) data[i] = map[data[i]!]!;
  return page;
}
