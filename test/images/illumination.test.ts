import { expect } from 'chai';
import { flattenIllumination } from '../../worker/images/illumination';

/** A page of text lines on paper that darkens from `left` to `right` across the page, with a little grain. */
function page(left: number, right: number): { data: Uint8Array; width: number; height: number } {
  const [width, height] = [640, 480];
  const data = new Uint8Array(width * height);
  let seed = 3;
  const grain = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 7) - 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const paper = left + ((right - left) * x) / width;
      data[y * width + x] = Math.round((y % 40 < 3 && x % 60 < 45 ? paper * 0.3 : paper) + grain());
    }
  }
  return { data, width, height };
}

describe('images: illumination', () => {
  it('when a page is evenly lit, as a flatbed scan is, then it is returned as it is', async () => {
    const scan = page(236, 240);
    expect(await flattenIllumination(scan)).to.equal(scan);
  });

  it('when a shadow darkens one side of a photo, then its paper comes out evenly bright', async () => {
    const photo = page(240, 150);
    const flat = await flattenIllumination(photo);
    const paperAt = (x: number) => flat.data[10 * flat.width + x]!;
    expect(flat).to.not.equal(photo);
    expect(Math.abs(paperAt(20) - paperAt(600))).to.be.below(15);
  });
});
