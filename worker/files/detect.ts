import { fileTypeFromBuffer } from 'file-type';

/** The types we read, decided by their bytes. HEIC is recognised only to be refused by name. */
export const SUPPORTED_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'image/webp': 'webp',
} as const;

export type SupportedMime = keyof typeof SUPPORTED_TYPES;

export interface DetectedType {
  mime: string;
  ext: string;
  supported: boolean;
}

/** How much of a file its type is decided from: the sample file-type's own stream detection reads. */
export const SNIFF_BYTES = 4100;

function isSupported(mime: string): mime is SupportedMime {
  return Object.hasOwn(SUPPORTED_TYPES, mime);
}

/** A TIFF's byte-order mark and magic number 42, little- or big-endian. */
function isTiffHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  return head === 'II*\0' || head === 'MM\0*';
}

/**
 * Identifies a file by its magic bytes alone (the first SNIFF_BYTES are enough); the name and Content-Type the client sent play no
 * part. A PDF may carry junk before `%PDF-` (readers allow 1 KiB), which file-type does not scan for. A TIFF whose first directory
 * follows its image data (libvips and many scanners write it last) is past the sample, where file-type looks for camera raw
 * formats and, not reaching it, names nothing: its header alone makes it a TIFF, and decoding it later proves it.
 */
export async function detectFileType(bytes: Uint8Array): Promise<DetectedType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return { mime: found.mime, ext: found.ext, supported: isSupported(found.mime) };
  if (isTiffHeader(bytes)) return { mime: 'image/tiff', ext: 'tif', supported: true };
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return { mime: 'application/pdf', ext: 'pdf', supported: true };
  return undefined;
}
