import type { Client } from 'openapi-fetch';
import { KybApiError } from './errors';
import type { paths } from './generated/schema';
import { sleep } from './sleep';
import type { DocumentView } from './types';

/** How many documents' last views a client keeps to revalidate; the least recently read goes first. */
const HELD_VIEWS = 100;

export interface DocumentRead {
  view: DocumentView;
  /** False when the API answered 304: the view is the one this client read last time. */
  changed: boolean;
}

export interface PollOptions {
  /** Stops polling (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Pause between reads. */
  intervalMs?: number;
}

/** A document the pipeline has finished with: its view changes again only if someone acts on it. */
export const isSettled = (view: Pick<DocumentView, 'status'>): boolean => view.status === 'completed' || view.status === 'failed';

/**
 * Reads documents conditionally: the last view of each is kept with its ETag and sent back as
 * `If-None-Match`, so an unchanged document is answered 304 with no body and the kept view is used.
 */
export class DocumentReader {
  private readonly held = new Map<string, { etag: string; view: DocumentView }>();

  constructor(private readonly api: Client<paths>) {}

  async read(documentId: string, signal?: AbortSignal): Promise<DocumentRead> {
    const held = this.held.get(documentId);
    const { data, error, response } = await this.api.GET('/api/v1/documents/{document_id}', {
      params: { path: { document_id: documentId }, header: held ? { 'If-None-Match': held.etag } : {} },
      // fetch adds `Cache-Control: no-cache` to a request with If-None-Match unless it has one (the Fetch
      // standard's HTTP-network-or-cache fetch), and that asks the API for the whole view: max-age=0 asks it to revalidate.
      ...(held ? { headers: { 'Cache-Control': 'max-age=0' } } : {}),
      signal,
    });
    if (response.status === 304 && held) {
      this.keep(documentId, held);
      return { view: structuredClone(held.view), changed: false };
    }
    if (!response.ok || data === undefined) {
      this.held.delete(documentId);
      throw KybApiError.fromResponse(response, error);
    }
    const etag = response.headers.get('ETag');
    if (etag) this.keep(documentId, { etag, view: structuredClone(data) });
    else this.held.delete(documentId);
    return { view: data, changed: true };
  }

  /**
   * Reads the document every `intervalMs` until the pipeline has finished with it, calling `onChange`
   * with the first view and each one that differs (a 304 is no news), and resolves with the last.
   */
  async poll(
    documentId: string,
    onChange: (view: DocumentView) => void,
    { signal, intervalMs = 1000 }: PollOptions = {},
  ): Promise<DocumentView> {
    for (;;) {
      const { view, changed } = await this.read(documentId, signal);
      if (changed) onChange(view);
      if (isSettled(view)) return view;
      await sleep(intervalMs, signal);
    }
  }

  /** Kept as the most recently read, the oldest dropped beyond HELD_VIEWS. */
  private keep(documentId: string, entry: { etag: string; view: DocumentView }): void {
    this.held.delete(documentId);
    this.held.set(documentId, entry);
    if (this.held.size > HELD_VIEWS) this.held.delete(this.held.keys().next().value!);
  }
}
