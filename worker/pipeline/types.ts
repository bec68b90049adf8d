import type {
  Check,
  Claims,
  Classification,
  DocumentType,
  ExtractedField,
  PageInfo,
  PdfFacts,
  StageName,
  TaskKind,
  Verification,
} from '../domain';
import type { EvidenceDraft } from '../evidence/types';
import type { PixelPage } from '../forensics/pixels/types';

/** What a stage knows about the document it works on. */
export interface DocumentInfo {
  id: string;
  tenant_id: string;
  filename: string;
  /** The type decided from the bytes at upload. */
  content_type: string;
  size_bytes: number;
  sha256: string;
  /** Text read by an earlier task, reused by a verification task instead of reading again. */
  previous?: { page_texts: string[]; page_info: PageInfo[] };
}

/** Everything the stages have learnt so far; each stage reads what earlier ones wrote and adds its own part. */
export interface PipelineState {
  file?: { mime: string; ext: string };
  pages: PageInfo[];
  page_texts: string[];
  pdf?: PdfFacts;
  /** Pixel measures of the pages read as images, for the pixel forensic checks. */
  pixel_pages?: PixelPage[];
  /** EXIF facts of an uploaded image (software, dates) for forensics. */
  image_meta?: Record<string, string>;
  document_type: DocumentType | null;
  classification: Classification | null;
  fields: Record<string, ExtractedField>;
  checks: Check[];
  verification: Verification | null;
  /** What the stages learnt from outside (registries, the model) and how: written as evidence when the verdict is made. */
  evidence: EvidenceDraft[];
}

export interface StageContext {
  document: DocumentInfo;
  task: { id: string; kind: TaskKind };
  claims: Claims;
  bytes: Buffer;
  /** Aborted when the task's processing deadline passes; work running apart (a processing thread) is stopped with it. */
  signal?: AbortSignal;
  /** Tells the deadline of pages found to need rendering and OCR; each extends it. */
  pagesToRead?(count: number): void;
  state: PipelineState;
  /** Reports how far this stage has got, 0..1; the runner turns it into the task's percent. */
  progress(fraction: number): Promise<void>;
}

/**
 * One step of the pipeline. Stages get their dependencies (OCR pool, registry clients, clock)
 * through the factory that builds them, never by importing an adapter.
 */
export interface Stage {
  name: StageName;
  /** Share of the whole run's progress bar, relative to the other stages. */
  weight: number;
  run(ctx: StageContext): Promise<void>;
}

export function emptyState(): PipelineState {
  return {
    pages: [],
    page_texts: [],
    document_type: null,
    classification: null,
    fields: {},
    checks: [],
    verification: null,
    evidence: [],
  };
}
