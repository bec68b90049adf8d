import createClient, { type Client } from 'openapi-fetch';
import { KybApiError } from './errors';
import type { paths } from './generated/schema';
import { followProgress, type FollowOptions } from './progress';
import type { Claims, DocumentView, ProgressView, TaskAccepted, UploadAccepted } from './types';

export interface KybClientOptions {
  /** Where the API is served, without `/api/v1`: e.g. `https://kyb.example.com`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` on every request. */
  apiKey: string;
  /** A fetch to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface UploadOptions extends RequestOptions {
  /** The file name the API records; defaults to the File's own name. */
  filename?: string;
}

export interface KybClient {
  /** Uploads a document with optional claims; answers with the ids to follow. */
  upload(file: Blob, claims?: Claims, options?: UploadOptions): Promise<UploadAccepted>;
  /** The document with its status, text, fields and verdict so far. */
  getDocument(documentId: string, options?: RequestOptions): Promise<DocumentView>;
  /** Starts a new verification of a document with (new) claims. */
  verify(documentId: string, claims?: Claims, options?: RequestOptions): Promise<TaskAccepted>;
  /** Where a task has got to, once. */
  getProgress(taskId: string, options?: RequestOptions): Promise<ProgressView>;
  /** Streams a task's progress to `onEvent` and resolves with its final state. */
  followProgress(taskId: string, onEvent: (progress: ProgressView) => void, options?: FollowOptions): Promise<ProgressView>;
  /** The typed openapi-fetch client underneath, for endpoints without a helper here. */
  readonly api: Client<paths>;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; any other answer becomes a KybApiError carrying the API's code and message. */
async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok || data === undefined) throw KybApiError.fromResponse(response, error);
  return data;
}

/** The multipart form the upload endpoint reads: the file under `file`, and each non-empty claim. */
function toFormData(body: ({ file?: Blob } & Claims) | undefined, filename?: string): FormData {
  const form = new FormData();
  const { file, ...claims } = body ?? {};
  if (file) form.append('file', file, filename ?? ('name' in file && typeof file.name === 'string' ? file.name : 'document'));
  for (const [name, value] of Object.entries(claims)) {
    if (typeof value === 'string' && value.trim() !== '') form.append(name, value.trim());
  }
  return form;
}

export function createKybClient({ baseUrl, apiKey, fetch }: KybClientOptions): KybClient {
  const api = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${apiKey}` },
    ...(fetch ? { fetch } : {}),
  });
  return {
    api,
    upload: (file, claims = {}, { filename, signal } = {}) =>
      unwrap(
        api.POST('/api/v1/documents/upload', {
          body: { ...claims, file },
          bodySerializer: (body) => toFormData(body, filename),
          signal,
        }),
      ),
    getDocument: (documentId, { signal } = {}) =>
      unwrap(api.GET('/api/v1/documents/{document_id}', { params: { path: { document_id: documentId } }, signal })),
    verify: (documentId, claims = {}, { signal } = {}) =>
      unwrap(api.POST('/api/v1/verification/{document_id}', { params: { path: { document_id: documentId } }, body: claims, signal })),
    getProgress: (taskId, { signal } = {}) =>
      unwrap(api.GET('/api/v1/progress/{task_id}', { params: { path: { task_id: taskId } }, signal })),
    followProgress: (taskId, onEvent, options) => followProgress(api, taskId, onEvent, options),
  };
}
