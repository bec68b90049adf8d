import { randomBytes, randomUUID } from 'node:crypto';
import { generateDocument, layoutNames, type FixtureType, type Rendering } from '../fixtures';
import { imagePdf, type ScanOptions } from '../fixtures/render';
import { ACTIVE } from '../test/fakes/registry-data';
import type { Claims } from '../worker/domain';

/** A document the bench sends, with what the applicant claims about it. */
export interface BenchDocument {
  bytes: Buffer;
  filename: string;
  mime: string;
  pages: number;
  claims: Claims;
}

/** An ordinary office scan: the bench pins it so runs compare like with like. */
export const SCAN: ScanOptions = { dpi: 200, rotateDegrees: 1.2, noise: 8, blurSigma: 0.5, jpegQuality: 75 };

/** The business every bench document is about: the fake registries know it as active and VAT-registered. */
const CLAIMS: Claims = { company_number: ACTIVE.company.number, company_name: ACTIVE.company.name, vat_number: ACTIVE.company.vat_number };

const PAGE_TYPES: FixtureType[] = ['certificate_of_incorporation', 'vat_registration_certificate', 'bank_statement', 'utility_bill'];

/** A born-digital certificate of incorporation: one page with a text layer. */
export async function textPdf(): Promise<BenchDocument> {
  const doc = await generateDocument({ type: 'certificate_of_incorporation', rendering: 'text_pdf', seed: 7, company: ACTIVE.company });
  return { bytes: doc.bytes, filename: doc.filename, mime: doc.mime, pages: 1, claims: CLAIMS };
}

/** The same kind of certificate, scanned: a one-page PDF holding only a picture. */
export async function scanPdf(): Promise<BenchDocument> {
  const doc = await generateDocument({
    type: 'certificate_of_incorporation',
    rendering: 'image_pdf',
    seed: 7,
    company: ACTIVE.company,
    scan: SCAN,
  });
  return { bytes: doc.bytes, filename: doc.filename, mime: doc.mime, pages: doc.pages, claims: CLAIMS };
}

/** Distinct scanned pages (JPEG), cycling through the document types so the OCR sees varied layouts. */
export async function scannedPages(count: number): Promise<Buffer[]> {
  const pages: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const type = PAGE_TYPES[i % PAGE_TYPES.length]!;
    const doc = await generateDocument({ type, rendering: 'scan_image', seed: 100 + i, company: ACTIVE.company, scan: SCAN });
    pages.push(doc.bytes);
  }
  return pages;
}

/** The OCR rows' scanned pages (JPEG at 200 dpi, seeds from 1, cycling through the document types), which the OCR profiles read too. */
export async function ocrScanPages(count: number): Promise<Buffer[]> {
  const pages: Buffer[] = [];
  for (let seed = 1; pages.length < count; seed++) {
    const doc = await generateDocument({ type: PAGE_TYPES[seed % PAGE_TYPES.length]!, rendering: 'scan_image', seed, scan: { dpi: 200 } });
    pages.push(doc.bytes);
  }
  return pages;
}

/**
 * A scanned PDF of `count` pages, as a scanner's multi-page mode writes it. It repeats a few
 * distinct pages (one per document type): reading costs the same, making them costs less.
 */
export async function multiPageScanPdf(count: number): Promise<BenchDocument> {
  const distinct = await scannedPages(Math.min(count, PAGE_TYPES.length));
  const bytes = await imagePdf(
    Array.from({ length: count }, (_, i) => distinct[i % distinct.length]!),
    SCAN.dpi,
  );
  return { bytes, filename: `bench-scan-${count}-pages.pdf`, mime: 'application/pdf', pages: count, claims: CLAIMS };
}

/**
 * A PDF of exactly `size` bytes for the upload figures: a real one-page PDF followed by a comment
 * of random bytes, so both servers see a PDF while the size is what is being measured.
 */
export function paddedPdf(base: Buffer, size: number): Buffer {
  const room = size - base.length - 2;
  if (room < 0) throw new RangeError(`cannot pad a ${base.length}-byte PDF to ${size} bytes`);
  const padding = randomBytes(Math.ceil(room * 0.75) + 3)
    .toString('base64')
    .slice(0, room);
  return Buffer.concat([base, Buffer.from('\n%'), Buffer.from(padding)]);
}

/** One multipart/form-data body with a fixed boundary, as a browser or curl would send it. */
export function multipartBody(
  file: { bytes: Buffer; filename: string; mime: string },
  fields: Record<string, string> = {},
): { body: Buffer; contentType: string } {
  const boundary = '----kybbench7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.mime}\r\n\r\n`,
    ),
  );
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The multipart body of one upload of a padded text PDF of `kb` KiB, as the upload scripts send it. */
export async function pdfUploadBody(kb: number): Promise<{ body: Buffer; contentType: string }> {
  return multipartBody({
    bytes: paddedPdf((await textPdf()).bytes, kb * 1024),
    filename: `bench-${randomUUID()}.pdf`,
    mime: 'application/pdf',
  });
}

/** The renderings a day's uploads arrive in, two of each per document type. */
const BATCH_RENDERINGS: Rendering[] = ['text_pdf', 'image_pdf', 'scan_image', 'photo_jpeg'];

/**
 * A day's mixed uploads: 8 documents of each type, across text PDFs, scans, image-only PDFs and
 * phone photos, each in one of its type's layouts, all about a business the fake registries know.
 */
export async function batchDocuments(): Promise<BenchDocument[]> {
  const docs: BenchDocument[] = [];
  for (const type of PAGE_TYPES) {
    const layouts = layoutNames(type);
    for (let i = 0; i < 2 * BATCH_RENDERINGS.length; i++) {
      const rendering = BATCH_RENDERINGS[i % BATCH_RENDERINGS.length]!;
      const doc = await generateDocument({ type, rendering, seed: 500 + i, company: ACTIVE.company, layout: layouts[i % layouts.length] });
      docs.push({ bytes: doc.bytes, filename: doc.filename, mime: doc.mime, pages: doc.pages, claims: CLAIMS });
    }
  }
  return docs;
}
