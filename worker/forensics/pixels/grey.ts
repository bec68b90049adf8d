import { pageGrey, type ImageInput } from '../../images/clean';
import type { Quad } from '../../images/perspective';
import type { Box } from '../../ocr/port';

/** A greyscale page in the uploaded image's own pixels: grain, JPEG blocks and all. */
export interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Decodes the page as it arrived (no median, no normalising), so the pixels keep every trace. */
export const decodeGrey: (input: ImageInput, maxPixels: number) => Promise<Grey> = pageGrey;

/** A box's paper and ink: the grey levels at its brighter fifth (the 80th percentile) and its darkest 3%. */
export function boxLevels(page: Grey, box: Box): { paper: number; ink: number } {
  const counts = new Uint32Array(256);
  let n = 0;
  for (let y = box[1]; y < box[3]; y++) for (let x = box[0]; x < box[2]; x++, n++) counts[page.data[y * page.width + x]!]! += 1;
  const at = (share: number) => {
    const rank = Math.floor(n * share);
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += counts[v]!) > rank) return v;
    return 255;
  };
  return { paper: at(0.8), ink: at(0.03) };
}

/** How the OCR'd image was made from the page: rotated by `degrees` about its centre, then scaled to `width`. */
export interface OcrGeometry {
  degrees: number;
  width: number;
  /**
   * A photo's page, made upright before OCR: its corners on the photo, the upright page's size, and
   * the turn (degrees) that then levelled its rows. OCR's level rows run on the photo as these map
   * them, each place at its own slope, where a scan's all fall as `degrees` turns them.
   */
  upright?: { quad: Quad; width: number; height: number; degrees: number };
}

/** Maps a box in the OCR'd image back onto the original page (the rotation's bounding box, clipped). */
export function toPageBox(box: Box, geometry: OcrGeometry, page: Grey): Box {
  const rad = (geometry.degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const rotatedW = page.width * Math.abs(cos) + page.height * Math.abs(sin);
  const rotatedH = page.width * Math.abs(sin) + page.height * Math.abs(cos);
  const scale = geometry.width / rotatedW;
  const corners = [
    [box[0], box[1]],
    [box[2], box[1]],
    [box[0], box[3]],
    [box[2], box[3]],
  ].map(([u, v]) => {
    const x = u! / scale - rotatedW / 2;
    const y = v! / scale - rotatedH / 2;
    return [x * cos + y * sin + page.width / 2, -x * sin + y * cos + page.height / 2] as const;
  });
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  return [
    clamp(Math.min(...xs), page.width),
    clamp(Math.min(...ys), page.height),
    clamp(Math.max(...xs), page.width),
    clamp(Math.max(...ys), page.height),
  ];
}
