import createClient, { type Client } from 'openapi-fetch';
import { DIRECT_UPLOAD_ABOVE_BYTES, goesDirect, uploadDirect } from './direct';
import { DocumentReader, type PollOptions } from './documents';
import { unwrap } from './errors';
import type { paths } from './generated/schema';
import { followCursor, type CaseQuery, type DocumentQuery, type MonitorQuery } from './lists';
import { followProgress, type FollowOptions } from './progress';
import type {
  CaseList,
  CaseReviewRequest,
  CaseReviewView,
  CaseSummary,
  CaseView,
  Claims,
  DocumentCounts,
  DocumentList,
  DocumentReviewRequest,
  DocumentReviewView,
  DocumentSummary,
  DocumentView,
  MonitorList,
  MonitorSummary,
  ProgressView,
  TaskAccepted,
  UploadAccepted,
} from './types';

export interface KybClientOptions {
  /** Where the API is served, without `/api/v1`: e.g. `https://kyb.example.com`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` on every request. */
  apiKey: string;
  /** A fetch to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Files larger than this (bytes) are uploaded straight to storage with a presigned form; 8 MiB by default. */
  directUploadAboveBytes?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface UploadOptions extends RequestOptions {
  /** The file name the API records; defaults to the File's own name. */
  filename?: string;
}

export interface KybClient {
  /**
   * Uploads a document with optional claims; answers with the ids to follow. A large file of a type
   * the browser names goes straight to storage (a presigned form, then a registration), the rest through the API.
   */
  upload(file: Blob, claims?: Claims, options?: UploadOptions): Promise<UploadAccepted>;
  /**
   * The document with its status, text, fields and verdict so far. A document read before is asked
   * for with its ETag: unchanged, the API answers 304 and the view this client holds is returned.
   */
  getDocument(documentId: string, options?: RequestOptions): Promise<DocumentView>;
  /**
   * Reads the document every `intervalMs` (1 s by default), each time with its ETag, until it is
   * completed or failed; calls `onChange` with the first view and every changed one (304s are no
   * news) and resolves with the last. `followProgress` streams a task's steps instead.
   */
  pollDocument(documentId: string, onChange: (view: DocumentView) => void, options?: PollOptions): Promise<DocumentView>;
  /** Starts a new verification of a document with (new) claims. */
  verify(documentId: string, claims?: Claims, options?: RequestOptions): Promise<TaskAccepted>;
  /** Where a task has got to, once. */
  getProgress(taskId: string, options?: RequestOptions): Promise<ProgressView>;
  /** Streams a task's progress to `onEvent` and resolves with its final state. */
  followProgress(taskId: string, onEvent: (progress: ProgressView) => void, options?: FollowOptions): Promise<ProgressView>;
  /** One page of the tenant's documents, newest first; pass the page's `next_cursor` as `cursor` for the next. */
  listDocuments(query?: DocumentQuery & { cursor?: string }, options?: RequestOptions): Promise<DocumentList>;
  /** Every document matching the filters, newest first, page after page as the loop asks: `for await (const d of client.documents({ open_review: true }))`. */
  documents(query?: DocumentQuery, options?: RequestOptions): AsyncGenerator<DocumentSummary, void, undefined>;
  /** How many documents stand at each automatic decision, and how many reviews are open. */
  documentCounts(options?: RequestOptions): Promise<DocumentCounts>;
  listCases(query?: CaseQuery & { cursor?: string }, options?: RequestOptions): Promise<CaseList>;
  /** Every case matching the filters, newest first, page after page. */
  cases(query?: CaseQuery, options?: RequestOptions): AsyncGenerator<CaseSummary, void, undefined>;
  listMonitors(query?: MonitorQuery & { cursor?: string }, options?: RequestOptions): Promise<MonitorList>;
  /** Every monitor matching the filters, newest first, page after page. */
  monitors(query?: MonitorQuery, options?: RequestOptions): AsyncGenerator<MonitorSummary, void, undefined>;
  /** A case with its documents, matrix, decision, version and any review. */
  getCase(caseId: string, options?: RequestOptions): Promise<CaseView>;
  /** Records a reviewer's decision on the verdict of the verification they saw (a reviewer or admin key). */
  reviewDocument(documentId: string, review: DocumentReviewRequest, options?: RequestOptions): Promise<DocumentReviewView>;
  /** Records a reviewer's decision on the version of the case they saw (a reviewer or admin key). */
  reviewCase(caseId: string, review: CaseReviewRequest, options?: RequestOptions): Promise<CaseReviewView>;
  /** The typed openapi-fetch client underneath, for endpoints without a helper here. */
  readonly api: Client<paths>;
}

const nameOf = (file: Blob, filename?: string) => filename ?? ('name' in file && typeof file.name === 'string' ? file.name : 'document');

/** The multipart form the upload endpoint reads: the file under `file`, and each non-empty claim. */
function toFormData(body: ({ file?: Blob } & Claims) | undefined, filename?: string): FormData {
  const form = new FormData();
  const { file, ...claims } = body ?? {};
  if (file) form.append('file', file, nameOf(file, filename));
  for (const [name, value] of Object.entries(claims)) {
    if (typeof value === 'string' && value.trim() !== '') form.append(name, value.trim());
  }
  return form;
}

export function createKybClient({
  baseUrl,
  apiKey,
  fetch,
  directUploadAboveBytes = DIRECT_UPLOAD_ABOVE_BYTES,
}: KybClientOptions): KybClient {
  const api = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${apiKey}` },
    ...(fetch ? { fetch } : {}),
  });
  const reader = new DocumentReader(api);
  const listDocuments = (query: DocumentQuery & { cursor?: string } = {}, { signal }: RequestOptions = {}) =>
    unwrap(api.GET('/api/v1/documents', { params: { query }, signal }));
  const listCases = (query: CaseQuery & { cursor?: string } = {}, { signal }: RequestOptions = {}) =>
    unwrap(api.GET('/api/v1/cases', { params: { query }, signal }));
  const listMonitors = (query: MonitorQuery & { cursor?: string } = {}, { signal }: RequestOptions = {}) =>
    unwrap(api.GET('/api/v1/monitors', { params: { query }, signal }));
  return {
    api,
    upload: (file, claims = {}, { filename, signal } = {}) =>
      goesDirect(file, directUploadAboveBytes)
        ? uploadDirect({ api, baseUrl, fetch: fetch ?? globalThis.fetch }, file, claims, nameOf(file, filename), signal)
        : unwrap(
            api.POST('/api/v1/documents/upload', {
              body: { ...claims, file },
              bodySerializer: (body) => toFormData(body, filename),
              signal,
            }),
          ),
    getDocument: async (documentId, { signal } = {}) => (await reader.read(documentId, signal)).view,
    pollDocument: (documentId, onChange, options) => reader.poll(documentId, onChange, options),
    verify: (documentId, claims = {}, { signal } = {}) =>
      unwrap(api.POST('/api/v1/verification/{document_id}', { params: { path: { document_id: documentId } }, body: claims, signal })),
    getProgress: (taskId, { signal } = {}) =>
      unwrap(api.GET('/api/v1/progress/{task_id}', { params: { path: { task_id: taskId } }, signal })),
    followProgress: (taskId, onEvent, options) => followProgress(api, taskId, onEvent, options),
    listDocuments,
    documents: (query = {}, options) => followCursor((cursor) => listDocuments({ ...query, cursor }, options)),
    documentCounts: ({ signal } = {}) => unwrap(api.GET('/api/v1/document-counts', { signal })),
    listCases,
    cases: (query = {}, options) => followCursor((cursor) => listCases({ ...query, cursor }, options)),
    listMonitors,
    monitors: (query = {}, options) => followCursor((cursor) => listMonitors({ ...query, cursor }, options)),
    getCase: (caseId, { signal } = {}) => unwrap(api.GET('/api/v1/cases/{case_id}', { params: { path: { case_id: caseId } }, signal })),
    reviewDocument: (documentId, review, { signal } = {}) =>
      unwrap(api.POST('/api/v1/documents/{document_id}/review', { params: { path: { document_id: documentId } }, body: review, signal })),
    reviewCase: (caseId, review, { signal } = {}) =>
      unwrap(api.POST('/api/v1/cases/{case_id}/review', { params: { path: { case_id: caseId } }, body: review, signal })),
  };
}
