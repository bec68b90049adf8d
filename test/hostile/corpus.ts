import type supertest from 'supertest';
import * as images from './files/images';
import * as other from './files/other';
import * as pdf from './files/pdf';

/**
 * The hostile corpus: every file is made here, at test time, from a few lines of code, so nothing
 * large is committed and every run sees the same bytes.
 */

type Agent = ReturnType<typeof supertest>;

export interface Upload {
  status: number;
  body: Record<string, any>;
}

/** What a request is expected to get at the door. */
export interface RefusedCase {
  name: string;
  status: number;
  /** The stable error code(s) allowed. */
  codes: string[];
  send(agent: Agent, key: string): Promise<Upload>;
}

/** Accepted at upload; what the document must end as. */
export interface ProcessedCase {
  name: string;
  filename: string;
  build(): Buffer | Promise<Buffer>;
  outcome: { status: 'completed'; content_type?: string } | { status: 'failed'; code: string };
  /** The display name the document must keep, when the name itself is the attack. */
  storedName?: string;
  /** Send this Content-Disposition for the file part as it is, instead of letting the client library write one. */
  disposition?: string;
}

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

const path = '/api/v1/documents/upload';
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

function file(bytes: Buffer | (() => Buffer | Promise<Buffer>), filename: string, fields: Record<string, string> = {}) {
  return async (agent: Agent, key: string): Promise<Upload> => {
    let req = agent.post(path).set(bearer(key));
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', typeof bytes === 'function' ? await bytes() : bytes, filename);
  };
}

function raw(contentType: string, body: Buffer | string) {
  return (agent: Agent, key: string): Promise<Upload> => agent.post(path).set(bearer(key)).set('Content-Type', contentType).send(body);
}

const BOUNDARY = 'hostileBoundary7MA4YWxkTrZu0gW';

function multipart(parts: Array<{ name: string; filename?: string; disposition?: string; body: Buffer | string }>, close = true): Buffer {
  const chunks = parts.map((p) => {
    const disposition = p.disposition ?? `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename || p.disposition ? 'Content-Type: application/octet-stream\r\n' : '';
    return Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`),
      Buffer.from(p.body),
      Buffer.from('\r\n'),
    ]);
  });
  return Buffer.concat([...chunks, Buffer.from(close ? `--${BOUNDARY}--\r\n` : '')]);
}

const smallPdf = () => pdf.onePagePdf();
const withFile = (fields: Record<string, string>) => file(smallPdf, 'claims.pdf', fields);
const TOO_MANY = ['too_many_files', 'unexpected_file', 'too_many_parts'];

export const refusedCases: RefusedCase[] = [
  { name: 'a zero-byte file', status: 400, codes: ['empty_file'], send: file(Buffer.alloc(0), 'empty.pdf') },
  { name: 'a one-byte file', status: 415, codes: ['unsupported_type'], send: file(Buffer.from('%'), 'one.pdf') },
  { name: 'a single NUL byte', status: 415, codes: ['unsupported_type'], send: file(Buffer.alloc(1), 'nul.pdf') },
  { name: 'HTML renamed .pdf', status: 415, codes: ['unsupported_type'], send: file(other.html(), 'invoice.pdf') },
  { name: 'SVG with a script renamed .pdf', status: 415, codes: ['unsupported_type'], send: file(other.svg(), 'certificate.pdf') },
  { name: 'a HEIC photo', status: 415, codes: ['unsupported_type'], send: file(images.heic(), 'IMG_0001.HEIC') },
  { name: 'a GIF', status: 415, codes: ['unsupported_type'], send: file(images.gif(), 'scan.gif') },
  { name: 'a gzip bomb named .pdf', status: 415, codes: ['unsupported_type'], send: file(other.gzipBomb, 'statement.pdf') },
  {
    name: 'a ZIP named .pdf',
    status: 415,
    codes: ['unsupported_type'],
    send: file(other.zip('a.txt', Buffer.from('hello')), 'bundle.pdf'),
  },
  {
    name: 'a ZIP carrying a PDF (ZIP first)',
    status: 415,
    codes: ['unsupported_type'],
    send: file(() => other.zip('inner.pdf', pdf.onePagePdf()), 'polyglot.pdf'),
  },
  { name: 'a Windows executable named .pdf', status: 415, codes: ['unsupported_type'], send: file(other.exe(), 'setup.pdf') },
  { name: 'plain text named .pdf', status: 415, codes: ['unsupported_type'], send: file(other.plainText(), 'notes.pdf') },
  {
    name: 'a file one byte over the upload limit',
    status: 413,
    codes: ['file_too_large'],
    send: file(() => Buffer.concat([pdf.onePagePdf(), Buffer.alloc(MAX_UPLOAD_BYTES, 0x20)]), 'big.pdf'),
  },
  {
    name: 'a form without a file part',
    status: 400,
    codes: ['file_required'],
    send: (agent, key) => agent.post(path).set(bearer(key)).field('company_number', '09446231'),
  },
  {
    name: 'the file in a part not named "file"',
    status: 400,
    codes: ['unexpected_file'],
    send: (agent, key) => agent.post(path).set(bearer(key)).attach('document', pdf.onePagePdf(), 'a.pdf'),
  },
  {
    name: 'two file parts',
    status: 400,
    codes: TOO_MANY,
    send: (agent, key) =>
      agent.post(path).set(bearer(key)).attach('file', pdf.onePagePdf(), 'a.pdf').attach('file', pdf.onePagePdf(), 'b.pdf'),
  },
  {
    name: '40 file parts',
    status: 400,
    codes: TOO_MANY,
    send: raw(
      `multipart/form-data; boundary=${BOUNDARY}`,
      multipart(Array.from({ length: 40 }, (_, i) => ({ name: 'file', filename: `${i}.pdf`, body: pdf.onePagePdf() }))),
    ),
  },
  {
    name: '500 small fields',
    status: 400,
    codes: ['too_many_parts', 'too_many_fields'],
    send: raw(
      `multipart/form-data; boundary=${BOUNDARY}`,
      multipart(Array.from({ length: 500 }, (_, i) => ({ name: `f${i}`, body: 'x' }))),
    ),
  },
  {
    name: 'a 10 MB text field',
    status: 413,
    codes: ['field_too_large'],
    send: raw(
      `multipart/form-data; boundary=${BOUNDARY}`,
      multipart([
        { name: 'company_name', body: 'A'.repeat(10 * 1024 * 1024) },
        { name: 'file', filename: 'a.pdf', body: pdf.onePagePdf() },
      ]),
    ),
  },
  {
    name: 'multipart without a boundary',
    status: 400,
    codes: ['invalid_multipart'],
    send: raw('multipart/form-data', multipart([{ name: 'file', filename: 'a.pdf', body: pdf.onePagePdf() }])),
  },
  {
    name: 'multipart with an empty boundary',
    status: 400,
    codes: ['invalid_multipart'],
    send: raw('multipart/form-data; boundary=', multipart([{ name: 'file', filename: 'a.pdf', body: pdf.onePagePdf() }])),
  },
  {
    name: 'a multipart body cut off before its closing boundary',
    status: 400,
    codes: ['invalid_multipart'],
    send: raw(
      `multipart/form-data; boundary=${BOUNDARY}`,
      multipart([{ name: 'file', filename: 'a.pdf', body: pdf.onePagePdf() }], false).subarray(0, 200),
    ),
  },
  {
    name: 'a part with a malformed header',
    status: 400,
    codes: ['invalid_multipart'],
    send: raw(`multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nthis is not a header\r\n\r\nbody\r\n--${BOUNDARY}--\r\n`),
  },
  {
    name: 'a JSON body instead of a form',
    status: 400,
    codes: ['file_required'],
    send: raw('application/json', JSON.stringify({ file: 'JVBERi0xLjcK' })),
  },
  {
    name: 'raw control bytes in the part header',
    status: 400,
    codes: ['invalid_multipart'],
    send: raw(`multipart/form-data; boundary=${BOUNDARY}`, multipart([{ name: 'file', filename: 'a\u0001b.pdf', body: pdf.onePagePdf() }])),
  },
  { name: 'a VAT number with letters', status: 422, codes: ['invalid_claims'], send: withFile({ vat_number: 'GB12345ABC' }) },
  {
    name: 'a NUL byte in the company number',
    status: 422,
    codes: ['invalid_claims'],
    send: withFile({ company_number: '0944\u00006231' }),
  },
  { name: 'a NUL byte in the company name', status: 422, codes: ['invalid_claims'], send: withFile({ company_name: 'Acme\u0000 Ltd' }) },
  {
    name: 'SQL in the company number',
    status: 422,
    codes: ['invalid_claims'],
    send: withFile({ company_number: "1'; DROP TABLE documents;--" }),
  },
  { name: 'a 301-character company name', status: 422, codes: ['invalid_claims'], send: withFile({ company_name: 'A'.repeat(301) }) },
  {
    name: 'the company number sent twice',
    status: 422,
    codes: ['invalid_claims', 'validation_failed'],
    send: (agent, key) =>
      agent
        .post(path)
        .set(bearer(key))
        .field('company_number', '09446231')
        .field('company_number', '12345678')
        .attach('file', pdf.onePagePdf(), 'twice.pdf'),
  },
  { name: 'no API key', status: 401, codes: ['unauthorized'], send: (agent) => agent.post(path).attach('file', pdf.onePagePdf(), 'a.pdf') },
  {
    name: 'a made-up API key',
    status: 401,
    codes: ['unauthorized'],
    send: (agent) => file(pdf.onePagePdf(), 'a.pdf')(agent, 'kyb_not-a-real-key-at-all-0000000000'),
  },
  {
    name: 'the key sent with the Basic scheme',
    status: 401,
    codes: ['unauthorized'],
    send: (agent, key) =>
      agent
        .post(path)
        .set('Authorization', `Basic ${Buffer.from(`${key}:`).toString('base64')}`)
        .attach('file', pdf.onePagePdf(), 'a.pdf'),
  },
  {
    name: 'a path-traversal document id',
    status: 404,
    codes: ['not_found'],
    send: (agent, key) => agent.get('/api/v1/documents/..%2f..%2fetc%2fpasswd').set(bearer(key)),
  },
  {
    name: 'a NUL byte in the document id',
    status: 404,
    codes: ['not_found'],
    send: (agent, key) => agent.get('/api/v1/documents/%00').set(bearer(key)),
  },
];

const completed = (content_type?: string) => ({ status: 'completed' as const, content_type });
const failed = (code: string) => ({ status: 'failed' as const, code });
const goodPdf = () => pdf.onePagePdf();

export const processedCases: ProcessedCase[] = [
  { name: 'a truncated PDF (60%)', filename: 'cut.pdf', build: () => pdf.truncatedPdf(0.6), outcome: failed('pdf_corrupt') },
  { name: 'a truncated PDF (30%)', filename: 'cut-more.pdf', build: () => pdf.truncatedPdf(0.3), outcome: failed('pdf_corrupt') },
  { name: 'a PDF header and nothing else', filename: 'header.pdf', build: () => Buffer.from('%PDF-1.7\n'), outcome: failed('pdf_corrupt') },
  {
    name: 'HTML that mentions %PDF- near its start',
    filename: 'sneaky.pdf',
    build: other.htmlWithPdfMarker,
    outcome: failed('pdf_corrupt'),
  },
  {
    name: 'a PDF with a broken xref table',
    filename: 'xref.pdf',
    build: () => pdf.onePagePdf({ xref: 'broken' }),
    outcome: completed('application/pdf'),
  },
  {
    name: 'a PDF with no xref table at all',
    filename: 'no-xref.pdf',
    build: () => pdf.onePagePdf({ xref: 'missing' }),
    outcome: completed('application/pdf'),
  },
  {
    name: 'a PDF locked with a user password (RC4)',
    filename: 'locked.pdf',
    build: () => pdf.encryptedPdf('secret'),
    outcome: failed('pdf_encrypted'),
  },
  {
    name: 'a PDF locked with a user password (AES)',
    filename: 'locked-aes.pdf',
    build: () => pdf.aesEncryptedPdf('secret'),
    outcome: failed('pdf_encrypted'),
  },
  {
    name: 'a PDF encrypted with only an owner password (RC4)',
    filename: 'owner.pdf',
    build: () => pdf.encryptedPdf(''),
    outcome: completed('application/pdf'),
  },
  {
    name: 'a PDF encrypted with only an owner password (AES)',
    filename: 'owner-aes.pdf',
    build: () => pdf.aesEncryptedPdf(''),
    outcome: completed('application/pdf'),
  },
  {
    name: 'a PDF naming an unknown security handler',
    filename: 'drm.pdf',
    build: pdf.unknownEncryptionPdf,
    outcome: failed('pdf_corrupt'),
  },
  { name: 'a PDF with /OpenAction JavaScript', filename: 'script.pdf', build: pdf.javascriptPdf, outcome: completed('application/pdf') },
  { name: 'a 500-page PDF', filename: 'long.pdf', build: () => pdf.manyPagesPdf(500), outcome: failed('pdf_too_many_pages') },
  {
    name: 'a PDF claiming 2^31 pages',
    filename: 'count.pdf',
    build: () => pdf.lyingCountPdf('2147483648'),
    outcome: completed('application/pdf'),
  },
  { name: 'a PDF claiming -5 pages', filename: 'negative.pdf', build: () => pdf.lyingCountPdf('-5'), outcome: failed('pdf_corrupt') },
  { name: 'a PDF with no pages', filename: 'empty-tree.pdf', build: pdf.noPagesPdf, outcome: failed('pdf_no_pages') },
  {
    name: 'a page tree 3000 levels deep',
    filename: 'deep-tree.pdf',
    build: () => pdf.deepPageTreePdf(3000),
    outcome: completed('application/pdf'),
  },
  { name: 'a page tree that contains itself', filename: 'cycle.pdf', build: pdf.cyclicPageTreePdf, outcome: failed('pdf_corrupt') },
  { name: 'arrays nested 100000 deep', filename: 'arrays.pdf', build: () => pdf.nestedArraysPdf(100_000), outcome: failed('pdf_corrupt') },
  {
    name: 'dictionaries nested 50000 deep',
    filename: 'dicts.pdf',
    build: () => pdf.nestedDictionariesPdf(50_000),
    outcome: failed('pdf_corrupt'),
  },
  {
    name: 'object streams extending each other in a loop',
    filename: 'objstm.pdf',
    build: () => pdf.objectStreamsPdf(5),
    outcome: completed('application/pdf'),
  },
  {
    name: 'object streams holding dictionaries nested 20000 deep',
    filename: 'objstm-deep.pdf',
    build: () => pdf.objectStreamsPdf(20_000),
    outcome: failed('pdf_corrupt'),
  },
  {
    name: 'a content stream that inflates 1000:1 to 64 MB',
    filename: 'flate.pdf',
    build: () => pdf.flateBombPdf(64 * 1024 * 1024),
    outcome: completed('application/pdf'),
  },
  {
    name: 'an embedded image declaring 60000 x 60000 pixels',
    filename: 'image-bomb.pdf',
    build: () => pdf.imageBombPdf(60_000),
    outcome: completed('application/pdf'),
  },
  { name: 'a 200 x 200 inch page without text', filename: 'huge-page.pdf', build: pdf.hugePagePdf, outcome: completed('application/pdf') },
  { name: 'a page whose MediaBox is no size', filename: 'sizeless.pdf', build: pdf.sizelessPagePdf, outcome: failed('pdf_corrupt') },
  {
    name: 'a PDF with a ZIP appended (polyglot)',
    filename: 'polyglot.pdf',
    build: () => Buffer.concat([pdf.onePagePdf(), other.zip('a.txt', Buffer.from('hi'))]),
    outcome: completed('application/pdf'),
  },
  {
    name: 'a PDF after 500 bytes of junk',
    filename: 'junk.pdf',
    build: () => Buffer.concat([Buffer.alloc(500, 0x41), pdf.onePagePdf()]),
    outcome: completed('application/pdf'),
  },
  {
    name: 'a PNG declaring 100000 x 100000 pixels',
    filename: 'bomb.png',
    build: () => images.png(100_000, 100_000),
    outcome: failed('image_too_large'),
  },
  {
    name: 'a JPEG declaring 65500 x 65500 pixels',
    filename: 'bomb.jpg',
    build: () => images.jpegBomb(65_500, 65_500),
    outcome: failed('image_too_large'),
  },
  {
    name: 'a TIFF declaring 100000 x 100000 pixels',
    filename: 'bomb.tif',
    build: () => images.tiffBomb(100_000, 100_000),
    outcome: failed('image_too_large'),
  },
  { name: 'a WebP declaring 16383 x 16383 pixels', filename: 'bomb.webp', build: images.webpBomb, outcome: failed('image_too_large') },
  { name: 'a 0 x 0 PNG', filename: 'zero.png', build: () => images.png(0, 0), outcome: failed('image_corrupt') },
  { name: 'a PNG with a bad header checksum', filename: 'crc.png', build: images.pngBadCrc, outcome: failed('image_corrupt') },
  {
    name: 'a TIFF header pointing at a directory past its end',
    filename: 'header.tif',
    build: () => Buffer.concat([Buffer.from('II*\0'), Buffer.from([0x00, 0x00, 0x10, 0x00]), Buffer.alloc(64)]),
    outcome: failed('image_corrupt'),
  },
  {
    name: 'a JPEG with a corrupt Huffman table',
    filename: 'huffman.jpg',
    build: images.jpegCorruptHuffman,
    outcome: failed('image_corrupt'),
  },
  { name: 'a JPEG cut off mid-scan', filename: 'cut.jpg', build: images.jpegTruncated, outcome: failed('image_corrupt') },
  { name: 'a TIFF whose directory chain loops', filename: 'loop.tif', build: images.tiffCyclicIfd, outcome: completed('image/tiff') },
  { name: 'a PNG named .jpg (wrong extension)', filename: 'photo.jpg', build: images.plainPng, outcome: completed('image/png') },
  { name: 'a PNG named .pdf', filename: 'scan.pdf', build: images.plainPng, outcome: completed('image/png') },
  { name: 'a path-traversal filename', filename: '../../../../etc/passwd', build: goodPdf, outcome: completed(), storedName: 'passwd' },
  {
    name: 'a Windows path-traversal filename',
    filename: '..\\..\\Windows\\System32\\evil.pdf',
    build: goodPdf,
    outcome: completed(),
    storedName: 'evil.pdf',
  },
  { name: 'a filename that is only dots', filename: '..', build: goodPdf, outcome: completed(), storedName: 'document' },
  {
    name: 'a filename with emoji and CJK',
    filename: '\u{1F4C4} 登记证书.pdf',
    build: goodPdf,
    outcome: completed(),
    storedName: '\u{1F4C4} 登记证书.pdf',
  },
  { name: 'a filename with a right-to-left override', filename: 'invoice\u202Efdp.exe', build: goodPdf, outcome: completed() },
  {
    name: 'a decomposed (NFD) unicode filename',
    filename: 'Zu\u0308rich.pdf',
    build: goodPdf,
    outcome: completed(),
    storedName: 'Zürich.pdf',
  },
  {
    name: 'a filename with percent-encoded control characters',
    filename: 'unused',
    disposition: `form-data; name="file"; filename*=UTF-8''a%01b%1Fc%7F%00.pdf`,
    build: goodPdf,
    outcome: completed(),
    storedName: 'abc.pdf',
  },
  {
    name: 'a 1000-character filename',
    filename: `${'n'.repeat(996)}.pdf`,
    build: goodPdf,
    outcome: completed(),
    storedName: 'n'.repeat(255),
  },
];

/** Uploads a processed case the way its name needs: through the client library, or as raw multipart. */
export async function sendProcessed(agent: Agent, key: string, c: ProcessedCase): Promise<Upload> {
  const bytes = await c.build();
  if (!c.disposition) return file(bytes, c.filename)(agent, key);
  return raw(`multipart/form-data; boundary=${BOUNDARY}`, multipart([{ name: 'file', disposition: c.disposition, body: bytes }]))(
    agent,
    key,
  );
}
