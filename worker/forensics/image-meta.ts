import exifReader from 'exif-reader';
import sharp from 'sharp';

function put(out: Record<string, string>, key: string, value: unknown) {
  if (value instanceof Date && !Number.isNaN(value.getTime())) out[key] = value.toISOString();
  else if (typeof value === 'string' && value.trim() !== '') out[key] = value.replace(/(?<!\0)\0+$/, '').trim();
}

/**
 * The facts of an image that say how it was made: EXIF software and dates, the PNG "Software"
 * text chunk, and the XMP creator tool. Unreadable metadata yields what could be read.
 */
export async function readImageMeta(bytes: Buffer): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const meta = await sharp(bytes).metadata();
  if (meta.exif) {
    try {
      const exif = exifReader(meta.exif);
      put(out, 'software', exif.Image?.Software);
      put(out, 'processing_software', exif.Image?.ProcessingSoftware);
      put(out, 'modified_at', exif.Image?.DateTime);
      put(out, 'taken_at', exif.Photo?.DateTimeOriginal);
      put(out, 'camera', [exif.Image?.Make, exif.Image?.Model].filter(Boolean).join(' '));
    } catch {
      out.exif_error = 'unreadable EXIF block';
    }
  }
  const comments = (meta as { comments?: { keyword: string; text: string }[] }).comments ?? [];
  for (const c of comments) if (/^software$/i.test(c.keyword)) put(out, 'software', out.software ?? c.text);
  if (meta.xmp) {
    const tool = /CreatorTool(?:>|=")([^<"]+)/.exec(meta.xmp.toString('utf8'))?.[1];
    put(out, 'creator_tool', tool);
  }
  return out;
}
