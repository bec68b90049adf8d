import { LRUCache } from 'lru-cache';

/** A view as it is sent: its JSON body, serialised once, and the version and ETag it was built from. */
export interface KeptView {
  version: string;
  etag: string;
  body: Buffer;
}

/** Room for about a thousand typical views (a few KB of JSON each, mostly text); the largest fall out first. */
export const VIEW_CACHE_BYTES = 32 * 2 ** 20;

/**
 * Document views of this API process, by tenant and id, least recently read out first.
 * An entry is only ever served for the version asked for: the caller reads the document's current
 * version from the database first, so a view changed by another process (a re-verification, a
 * review, a deletion) is never served, and a tenant never reads another's entry (the key holds both).
 */
export class DocumentViewCache {
  private readonly views: LRUCache<string, KeptView>;

  constructor(maxBytes = VIEW_CACHE_BYTES) {
    this.views = new LRUCache<string, KeptView>({ maxSize: maxBytes, sizeCalculation: ({ body }) => Math.max(1, body.length) });
  }

  /** Whether there is anything to validate: with no entry, the caller reads the view in one query instead. */
  has(tenantId: string, documentId: string): boolean {
    return this.views.has(key(tenantId, documentId));
  }

  /** The view built from this version, if it is the one kept; an entry of another version is dropped. */
  get(tenantId: string, documentId: string, version: string): KeptView | undefined {
    const k = key(tenantId, documentId);
    const entry = this.views.get(k);
    if (entry?.version === version) return entry;
    if (entry) this.views.delete(k);
    return undefined;
  }

  set(tenantId: string, documentId: string, entry: KeptView): void {
    this.views.set(key(tenantId, documentId), entry);
  }

  delete(tenantId: string, documentId: string): void {
    this.views.delete(key(tenantId, documentId));
  }
}

const key = (tenantId: string, documentId: string) => `${tenantId}/${documentId}`;
