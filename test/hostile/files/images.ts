import zlib from 'node:zlib';
import sharp from 'sharp';

/** Image headers written by hand: a few hundred bytes that declare billions of pixels. */

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** A greyscale 8-bit PNG declaring width x height, with `rows` zero rows of real data. */
export function png(width: number, height: number, rows = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  const scanlines = Buffer.alloc(Math.min(rows, Math.max(height, 1)) * (width + 1));
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(scanlines)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A valid PNG whose header checksum is wrong. */
export function pngBadCrc(): Buffer {
  const good = png(64, 64, 64);
  const bad = Buffer.from(good);
  bad.writeUInt32BE(0xdeadbeef, 8 + 8 + 13); // IHDR's CRC
  return bad;
}

/** A JPEG frame header (SOF0) declaring width x height with a tiny, meaningless scan. */
export function jpegBomb(width: number, height: number): Buffer {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xff00 | marker, 0);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
  const sof = Buffer.alloc(9);
  sof.writeUInt8(8, 0);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof.writeUInt8(1, 5); // one component
  sof.set([1, 0x11, 0], 6);
  const dht = segment(0xc4, Buffer.concat([Buffer.from([0x00, 0, 1]), Buffer.alloc(14), Buffer.from([0])]));
  const sos = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  return Buffer.concat([Buffer.from([0xff, 0xd8]), dqt, segment(0xc0, sof), dht, sos, Buffer.alloc(32), Buffer.from([0xff, 0xd9])]);
}

/** A real JPEG (made with sharp) whose Huffman tables are overwritten with noise. */
export async function jpegCorruptHuffman(): Promise<Buffer> {
  const raw = Buffer.alloc(128 * 128 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 37) & 0xff;
  const jpeg = Buffer.from(
    await sharp(raw, { raw: { width: 128, height: 128, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
  for (let at = jpeg.indexOf(Buffer.from([0xff, 0xc4])); at !== -1; at = jpeg.indexOf(Buffer.from([0xff, 0xc4]), at + 2)) {
    const length = jpeg.readUInt16BE(at + 2);
    // Keep the table class/id byte; the code counts (16 bytes) claim far more codes than exist.
    for (let i = at + 5; i < at + 5 + 16 && i < at + 2 + length; i++) jpeg[i] = 0xff;
  }
  return jpeg;
}

/** A JPEG that stops in the middle of its scan. */
export async function jpegTruncated(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#88aacc' } })
    .jpeg()
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length / 3));
}

interface IfdEntry {
  tag: number;
  type: 3 | 4;
  value: number;
}

/** A little-endian baseline TIFF: one IFD with the given entries; `nextIfd` may point anywhere. */
function tiff(entries: IfdEntry[], nextIfd = 0): Buffer {
  const header = Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(entries.length, 0);
  entries
    .sort((a, b) => a.tag - b.tag)
    .forEach((e, i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(e.tag, at);
      ifd.writeUInt16LE(e.type, at + 2);
      ifd.writeUInt32LE(1, at + 4);
      if (e.type === 3) ifd.writeUInt16LE(e.value, at + 8);
      else ifd.writeUInt32LE(e.value, at + 8);
    });
  ifd.writeUInt32LE(nextIfd, 2 + entries.length * 12);
  return Buffer.concat([header, ifd, Buffer.alloc(64)]);
}

function tiffEntries(width: number, height: number, dataAt: number): IfdEntry[] {
  return [
    { tag: 256, type: 4, value: width },
    { tag: 257, type: 4, value: height },
    { tag: 258, type: 3, value: 8 },
    { tag: 259, type: 3, value: 1 },
    { tag: 262, type: 3, value: 1 },
    { tag: 273, type: 4, value: dataAt },
    { tag: 277, type: 3, value: 1 },
    { tag: 278, type: 4, value: height },
    { tag: 279, type: 4, value: 64 },
  ];
}

export function tiffBomb(width: number, height: number): Buffer {
  return tiff(tiffEntries(width, height, 8 + 2 + 9 * 12 + 4));
}

/** A small TIFF whose chain of directories points back at itself. */
export function tiffCyclicIfd(): Buffer {
  return tiff(tiffEntries(8, 8, 8 + 2 + 9 * 12 + 4), 8);
}

/** A lossless WebP (VP8L) whose header declares the largest canvas the format allows, 16383 x 16383. */
export function webpBomb(): Buffer {
  const side = 16383;
  const bits = (side - 1) | ((side - 1) << 14);
  const header = Buffer.alloc(5);
  header.writeUInt8(0x2f, 0); // VP8L signature
  header.writeUInt32LE(bits >>> 0, 1); // 14 bits width-1, 14 bits height-1, no alpha, version 0
  const data = Buffer.concat([header, Buffer.alloc(27)]);
  const chunk = Buffer.concat([Buffer.from('VP8L'), Buffer.alloc(4), data]);
  chunk.writeUInt32LE(data.length, 4);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + chunk.length, 4);
  return Buffer.concat([riff, Buffer.from('WEBP'), chunk]);
}

/** The ISO-BMFF box an iPhone photo starts with. */
export function heic(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic')]);
  return Buffer.concat([ftyp, Buffer.from([0, 0, 0, 8]), Buffer.from('mdat')]);
}

export function gif(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
}

/** A modest, fine PNG with a few dark bars: it should read through to the end. */
export async function plainPng(): Promise<Buffer> {
  const width = 320;
  const height = 200;
  const raw = Buffer.alloc(width * height, 0xff);
  for (let y = 40; y < 160; y += 30) raw.fill(0x20, y * width + 40, y * width + 280);
  return sharp(raw, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}
