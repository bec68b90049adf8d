import path from 'node:path';
import type { Check, Claims, PageInfo } from '../domain';
import type { PdfFacts } from '../domain';
import { canonicalCompanyNumber } from '../registries/companies-house';
import { check } from '../verification/check';
import { editingTool } from './editing-tools';

export const FORENSICS = {
  type: 'forensics.type_extension',
  producer: 'forensics.pdf_producer',
  dates: 'forensics.pdf_dates',
  updates: 'forensics.pdf_incremental_updates',
  javascript: 'forensics.pdf_javascript',
  embedded: 'forensics.pdf_embedded_files',
  annotations: 'forensics.pdf_annotations',
  imageSoftware: 'forensics.image_software',
  quality: 'forensics.image_quality',
  duplicate: 'forensics.duplicate',
} as const;

export interface ForensicsOptions {
  /** Grey variance (a page's `blur` figure) below which a page counts as blurred. */
  minSharpness: number;
  minDpi: number;
  minOcrConfidence: number;
  /** Modification this long after creation means the file was changed after it was made. */
  editedAfterMinutes: number;
}

export const defaultForensicsOptions: ForensicsOptions = { minSharpness: 100, minDpi: 150, minOcrConfidence: 60, editedAfterMinutes: 5 };

/** Extensions that name the same type. */
const SAME_TYPE: Record<string, string> = { jpeg: 'jpg', jpe: 'jpg', tif: 'tiff', htm: 'html' };
const canonicalExt = (ext: string) => SAME_TYPE[ext] ?? ext;

export function typeExtensionCheck(filename: string, file: { mime: string; ext: string } | undefined): Check {
  const claimed = path.extname(filename).slice(1).toLowerCase();
  if (!file) return check(FORENSICS.type, 'not_applicable', 'type_unknown', 'The file type was not identified.');
  const evidence = { filename_extension: claimed || null, detected_type: file.mime, detected_extension: file.ext };
  if (!claimed) return check(FORENSICS.type, 'warn', 'no_extension', 'The file name has no extension.', evidence);
  return canonicalExt(claimed) === canonicalExt(file.ext)
    ? check(FORENSICS.type, 'pass', 'type_matches', 'The content is the type its name says.', evidence)
    : check(FORENSICS.type, 'fail', 'extension_mismatch', `The file is named .${claimed} but its content is ${file.mime}.`, evidence);
}

const notPdf = (id: string) => check(id, 'not_applicable', 'not_a_pdf', 'Only PDFs carry this.');

export function pdfChecks(pdf: PdfFacts | undefined, options: ForensicsOptions): Check[] {
  const ids = [FORENSICS.producer, FORENSICS.dates, FORENSICS.updates, FORENSICS.javascript, FORENSICS.embedded, FORENSICS.annotations];
  if (!pdf) return ids.map(notPdf);
  return [producerCheck(pdf), datesCheck(pdf, options), updatesCheck(pdf), javascriptCheck(pdf), embeddedCheck(pdf), annotationsCheck(pdf)];
}

function producerCheck(pdf: PdfFacts): Check {
  const evidence = { producer: pdf.producer ?? null, creator: pdf.creator ?? null };
  const tool = editingTool(pdf.producer) ?? editingTool(pdf.creator);
  if (tool)
    return check(FORENSICS.producer, 'fail', 'editing_tool', `The PDF was made or saved with ${tool}, an editing tool.`, {
      ...evidence,
      tool,
    });
  if (!pdf.producer && !pdf.creator)
    return check(FORENSICS.producer, 'warn', 'no_producer', 'The PDF does not say what made it.', evidence);
  return check(FORENSICS.producer, 'pass', 'producer_ordinary', 'The PDF was not made with a known editing tool.', evidence);
}

function datesCheck(pdf: PdfFacts, options: ForensicsOptions): Check {
  const evidence = { created_at: pdf.created_at ?? null, modified_at: pdf.modified_at ?? null };
  if (!pdf.created_at || !pdf.modified_at)
    return check(FORENSICS.dates, 'not_applicable', 'dates_missing', 'The PDF does not record both dates.', evidence);
  const gapMinutes = (Date.parse(pdf.modified_at) - Date.parse(pdf.created_at)) / 60_000;
  if (gapMinutes < -1)
    return check(
      FORENSICS.dates,
      'fail',
      'modified_before_created',
      'The PDF claims to have been modified before it was created.',
      evidence,
    );
  if (gapMinutes > options.editedAfterMinutes) {
    return check(
      FORENSICS.dates,
      'warn',
      'modified_after_creation',
      `The PDF was modified ${Math.round(gapMinutes)} minutes after it was created.`,
      {
        ...evidence,
        gap_minutes: Math.round(gapMinutes),
      },
    );
  }
  return check(FORENSICS.dates, 'pass', 'dates_consistent', 'The PDF was not modified after it was made.', evidence);
}

function updatesCheck(pdf: PdfFacts): Check {
  const evidence = { incremental_updates: pdf.incremental_updates };
  return pdf.incremental_updates > 0
    ? check(
        FORENSICS.updates,
        'warn',
        'incremental_updates',
        `The PDF was saved again ${pdf.incremental_updates} time(s) after it was made.`,
        evidence,
      )
    : check(FORENSICS.updates, 'pass', 'single_revision', 'The PDF has one revision.', evidence);
}

function javascriptCheck(pdf: PdfFacts): Check {
  return pdf.has_javascript
    ? check(FORENSICS.javascript, 'fail', 'javascript', 'The PDF contains JavaScript, which no genuine statement or certificate needs.')
    : check(FORENSICS.javascript, 'pass', 'no_javascript', 'The PDF contains no JavaScript.');
}

function embeddedCheck(pdf: PdfFacts): Check {
  const evidence = { embedded_files: pdf.embedded_files };
  return pdf.embedded_files > 0
    ? check(FORENSICS.embedded, 'warn', 'embedded_files', `The PDF carries ${pdf.embedded_files} embedded file(s).`, evidence)
    : check(FORENSICS.embedded, 'pass', 'no_embedded_files', 'The PDF carries no embedded files.', evidence);
}

function annotationsCheck(pdf: PdfFacts): Check {
  const evidence = { annotations: pdf.annotations };
  return pdf.annotations > 0
    ? check(
        FORENSICS.annotations,
        'warn',
        'annotations',
        `The PDF has ${pdf.annotations} annotation(s) that can cover or add printed content.`,
        evidence,
      )
    : check(FORENSICS.annotations, 'pass', 'no_annotations', 'The PDF has no annotations over its content.', evidence);
}

export function imageSoftwareCheck(isImage: boolean, meta: Record<string, string> | undefined): Check {
  if (!isImage) return check(FORENSICS.imageSoftware, 'not_applicable', 'not_an_image', 'Only images carry EXIF software.');
  const software = [meta?.software, meta?.processing_software, meta?.creator_tool].filter((s): s is string => Boolean(s));
  const evidence = { software, camera: meta?.camera ?? null };
  const tool = software.map(editingTool).find(Boolean);
  if (tool)
    return check(FORENSICS.imageSoftware, 'fail', 'editing_tool', `The image was saved by ${tool}, an editing tool.`, {
      ...evidence,
      tool,
    });
  return check(FORENSICS.imageSoftware, 'pass', 'no_editing_tool', 'The image was not saved by a known editing tool.', evidence);
}

const MIN_CHARS_FOR_BLUR = 100;

/** Blur and resolution measured when pages were read as images; text-layer pages have none. */
export function qualityCheck(pages: PageInfo[], options: ForensicsOptions): Check {
  const measured = pages.filter((p) => p.blur !== undefined || p.dpi !== undefined || p.ocr_confidence !== undefined);
  if (measured.length === 0) return check(FORENSICS.quality, 'not_applicable', 'not_measured', 'No page was read as an image.');
  // A nearly empty page has few edges whatever the focus, so blur is judged only where there is text.
  const blurred = measured
    .filter((p) => p.blur !== undefined && p.blur < options.minSharpness && p.chars >= MIN_CHARS_FOR_BLUR)
    .map((p) => p.number);
  const lowRes = measured.filter((p) => p.dpi !== undefined && p.dpi < options.minDpi).map((p) => p.number);
  const unsure = measured.filter((p) => p.ocr_confidence !== undefined && p.ocr_confidence < options.minOcrConfidence).map((p) => p.number);
  const evidence = {
    pages: measured.map((p) => ({ page: p.number, blur: p.blur ?? null, dpi: p.dpi ?? null, ocr_confidence: p.ocr_confidence ?? null })),
    blurred_pages: blurred,
    low_resolution_pages: lowRes,
    low_confidence_pages: unsure,
  };
  if (blurred.length || lowRes.length || unsure.length) {
    const why = [blurred.length && 'blurred', lowRes.length && 'low resolution', unsure.length && 'hard to read']
      .filter(Boolean)
      .join(', ');
    return check(FORENSICS.quality, 'warn', 'poor_quality', `Some pages are ${why}; what was read from them is less certain.`, evidence);
  }
  return check(FORENSICS.quality, 'pass', 'quality_ok', 'Every page is sharp and detailed enough.', evidence);
}

export interface EarlierUpload {
  id: string;
  claims: Claims;
  created_at: Date;
}

/** Which company an upload was made for: the claimed number, else the claimed name. */
function companyKey(claims: Claims, fallbackNumber?: string): string | undefined {
  if (claims.company_number) return `number:${canonicalCompanyNumber(claims.company_number)}`;
  if (fallbackNumber) return `number:${canonicalCompanyNumber(fallbackNumber)}`;
  if (claims.company_name) return `name:${claims.company_name.trim().toUpperCase()}`;
  return undefined;
}

/**
 * The same bytes already submitted: fine for the same company (a resubmission), a fail for
 * another one. Identical bytes print the same company number, so that number stands in where
 * an earlier upload made no claim.
 */
export function duplicateCheck(claims: Claims, printedNumber: string | undefined, earlier: EarlierUpload[], sha256: string): Check {
  if (earlier.length === 0) return check(FORENSICS.duplicate, 'pass', 'unique', 'This file has not been submitted before.', { sha256 });
  const mine = companyKey(claims, printedNumber);
  const others = earlier.filter((e) => {
    const theirs = companyKey(e.claims, printedNumber);
    return theirs !== undefined && mine !== undefined && theirs !== mine;
  });
  const evidence = {
    sha256,
    earlier_documents: earlier.map((e) => ({ document_id: e.id, submitted_at: e.created_at.toISOString(), claims: e.claims })),
  };
  if (others.length > 0) {
    return check(FORENSICS.duplicate, 'fail', 'duplicate_other_company', 'The same file was already submitted for a different company.', {
      ...evidence,
      conflicting_documents: others.map((o) => o.id),
    });
  }
  return check(FORENSICS.duplicate, 'pass', 'resubmission', 'The same file was submitted before for the same company.', evidence);
}
