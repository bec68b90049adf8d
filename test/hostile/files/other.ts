import zlib from 'node:zlib';

/** Non-document files that arrive dressed as documents. */

/** A one-entry ZIP archive (stored, not compressed), written by hand. */
export function zip(name: string, content: Buffer): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  const crc = zlib.crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localPart = Buffer.concat([local, fileName, content]);
  const centralPart = Buffer.concat([central, fileName]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

/** 64 MiB of zeros gzipped to about 64 KB. */
export function gzipBomb(): Buffer {
  return zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
}

export const html = () =>
  Buffer.from('<!doctype html><html><body><h1>Invoice</h1><script>fetch("/api/v1/documents")</script></body></html>');

/** HTML that mentions `%PDF-` early, so a lazy sniffer takes it for a PDF. */
export const htmlWithPdfMarker = () => Buffer.from('<html><!-- %PDF-1.7 --><body><script>alert(1)</script></body></html>');

export const svg = () =>
  Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><text x="0" y="15">Certificate</text></svg>');

/** The start of a Windows executable. */
export const exe = () =>
  Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58),
    Buffer.from([0x80, 0, 0, 0]),
    Buffer.alloc(64),
    Buffer.from('PE\0\0'),
    Buffer.alloc(200),
  ]);

export const plainText = () => Buffer.from('Company number 09446231\nAcme Widgets Limited\n');
