import type { MessagePort } from 'node:worker_threads';
import type { Claims, StageName, TaskKind } from '../domain';
import { PermanentError } from '../errors';
import type { OcrResult } from '../ocr/port';
import type { DocumentInfo, PipelineState } from './types';

/** What a processing thread is asked to do: run one reading stage, or parse a file for its facts. */
export type ThreadJob =
  | {
      kind: 'stage';
      stage: StageName;
      /** Progress and OCR requests go back over it; the main thread's OCR pool answers. */
      port: MessagePort;
      document: DocumentInfo;
      task: { id: string; kind: TaskKind };
      claims: Claims;
      bytes: Uint8Array;
      state: PipelineState;
    }
  | { kind: 'facts'; bytes: Uint8Array; mime: string }
  /** Start a thread and load pdf.js before the first document needs them. */
  | { kind: 'warm' };

/** A failure crossing the thread boundary: with a code it is permanent, without one it may be retried. */
export interface ThreadFailure {
  code?: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Errors lose their class when cloned between threads, so outcomes carry them as data. */
export type ThreadOutcome<T> = { ok: true; value: T } | { ok: false; error: ThreadFailure };

export type FromThread =
  | { kind: 'progress'; fraction: number }
  | { kind: 'ocr'; id: number; image: Uint8Array }
  /** Pages the stage found it must render and OCR, for the task's deadline. */
  | { kind: 'pages'; count: number };
export type ToThread = { kind: 'ocr-done'; id: number; result: OcrResult } | { kind: 'ocr-failed'; id: number; error: ThreadFailure };

export function failureOf(error: unknown): ThreadFailure {
  if (error instanceof PermanentError) return { code: error.code, message: error.message, details: error.details };
  return { message: (error as Error)?.message ?? String(error) };
}

export function errorOf(failure: ThreadFailure): Error {
  return failure.code ? new PermanentError(failure.code, failure.message, failure.details) : new Error(failure.message);
}

/** Buffers arrive from another thread as plain Uint8Arrays; the readers check for Buffer. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The state as it arrived from another thread, with its picture crops made Buffers again. */
export function revived(state: PipelineState): PipelineState {
  if (!state.pixel_pages) return state;
  return {
    ...state,
    pixel_pages: state.pixel_pages.map((page) => ({ ...page, crops: page.crops.map((crop) => ({ ...crop, png: asBuffer(crop.png) })) })),
  };
}
