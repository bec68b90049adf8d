import type { Client } from 'openapi-fetch';
import { KybApiError, unwrap } from './errors';
import type { paths } from './generated/schema';
import type { Claims, UploadAccepted } from './types';

/** Above this size a file goes straight to storage with a presigned form, not through the API. */
export const DIRECT_UPLOAD_ABOVE_BYTES = 8 * 1024 * 1024;

/** The types a direct upload may declare (the API reads the bytes again when it is registered). */
const DIRECT_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'image/webp']);

/** Whether a file goes the direct way: large enough, and of a type the browser names and the API reads. */
export function goesDirect(file: Blob, aboveBytes: number): boolean {
  return file.size > aboveBytes && DIRECT_TYPES.has(file.type);
}

interface DirectContext {
  api: Client<paths>;
  baseUrl: string;
  /** The fetch that posts the form: without the API key, which storage must never see. */
  fetch: typeof globalThis.fetch;
}

/** Asks for a form, posts the file to storage with it (fields first, the file last), then registers it. */
export async function uploadDirect(
  context: DirectContext,
  file: Blob,
  claims: Claims & { case_id?: string },
  filename: string,
  signal?: AbortSignal,
): Promise<UploadAccepted> {
  const form = await unwrap(context.api.POST('/api/v1/direct-uploads', { body: { content_type: file.type }, signal }));
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', file, filename);
  const posted = await context.fetch(new URL(form.url, context.baseUrl), { method: 'POST', body, signal });
  if (!posted.ok) throw KybApiError.fromResponse(posted, await posted.json().catch(() => undefined));
  return unwrap(context.api.POST('/api/v1/direct-uploads/register', { body: { key: form.key, filename, ...claims }, signal }));
}
