import { randomUUID } from 'node:crypto';
import { Writable, type Readable } from 'node:stream';
import { MulterError } from 'multer';
import { pipeline } from 'node:stream/promises';
import { ByteMeter, detectFileType, documentKey, peek, SNIFF_BYTES, type DocumentStore, type Logger, type Peeked } from '../../worker';
import { ServiceError } from '../errors';

export interface IntakeDeps {
  store: DocumentStore;
  storagePrefix: string;
  log: Logger;
}

/** What the bytes are: the type decided by them, how many, and their SHA-256. */
export interface FileFacts {
  mime: string;
  size: number;
  sha256: string;
}

export function unsupported(mime: string | undefined): ServiceError {
  const what = mime ? `${mime} files are` : 'This file is';
  const hint = mime === 'image/heic' || mime === 'image/heif' ? ' Export HEIC photos as JPEG first.' : '';
  return new ServiceError('unsupported', 'unsupported_type', `${what} not supported: upload a PDF, PNG, JPEG, TIFF or WebP.${hint}`, {
    detected: mime ?? null,
  });
}

export const emptyFile = () => new ServiceError('bad_input', 'empty_file', 'The uploaded file is empty.');

/** Storage failed under an upload: logged with its cause, answered 503 `storage_unavailable`. */
export function storageUnavailable(log: Logger, error: unknown): ServiceError {
  log.error({ err: error }, 'Document storage is unavailable');
  return new ServiceError('unavailable', 'storage_unavailable', 'Document storage is not reachable; try again shortly.');
}

/** The store's flush of a file (which the store marks handled), and what a failed one becomes. */
export interface PendingFlush {
  done: Promise<void>;
  failed: (error: unknown) => Error;
}

const FLUSHED: PendingFlush = { done: Promise.resolve(), failed: (error) => (error instanceof Error ? error : new Error(String(error))) };

/**
 * An object in the store that no document records yet. Until `keep()` (its document is recorded)
 * it is the upload's to remove: `discard()` deletes it, once, whatever went wrong.
 */
export class StoredUpload {
  private kept = false;
  private discarded?: Promise<void>;

  constructor(
    private readonly store: DocumentStore,
    readonly documentId: string,
    readonly key: string,
    readonly facts: FileFacts,
    private readonly flush: PendingFlush = FLUSHED,
  ) {}

  /**
   * Settles once the file would survive a power cut: its upload must not be answered before. Asked
   * for only once its document is being recorded, so an upload refused before that leaves no
   * rejection behind.
   */
  durable(): Promise<void> {
    return this.flush.done.catch((error: unknown) => {
      throw this.flush.failed(error);
    });
  }

  keep(): void {
    this.kept = true;
  }

  discard(): Promise<void> {
    if (this.kept) return Promise.resolve();
    this.discarded ??= this.store.delete(this.key).catch(() => undefined);
    return this.discarded;
  }
}

/** The head decides the type; a file that is empty or of a type we do not read is refused before anything is stored. */
async function sniff(source: Readable): Promise<{ peeked: Peeked; mime: string; ext: string }> {
  const peeked = await peek(source, SNIFF_BYTES);
  if (peeked.head.length === 0) throw emptyFile();
  const type = await detectFileType(peeked.head);
  if (!type?.supported) {
    peeked.drain();
    throw unsupported(type?.mime);
  }
  return { peeked, mime: type.mime, ext: type.ext };
}

/**
 * Streams an upload into the store while its type is sniffed from the head and its bytes are
 * counted and hashed: intake never holds the file whole (the store may, a small one). `truncated` says whether the parser cut it at
 * the size limit, in which case nothing is kept; `atMostBytes` bounds its size when that is known.
 */
export async function storeStream(
  deps: IntakeDeps,
  tenantId: string,
  source: Readable,
  truncated: () => boolean,
  atMostBytes?: number,
): Promise<StoredUpload> {
  const { peeked, mime, ext } = await sniff(source);
  const documentId = randomUUID();
  const key = documentKey(deps.storagePrefix, tenantId, documentId, ext);
  const meter = new ByteMeter();
  const unavailable = (error: unknown) => storageUnavailable(deps.log, error);
  const put = await deps.store.putStream(key, peeked.pipe(meter), mime, atMostBytes).catch((error: unknown) => {
    throw unavailable(error);
  });
  const stored = new StoredUpload(
    deps.store,
    documentId,
    key,
    { mime, size: meter.bytes, sha256: meter.sha256() },
    {
      done: put.durable,
      failed: unavailable,
    },
  );
  if (truncated()) {
    await stored.discard();
    throw new MulterError('LIMIT_FILE_SIZE', 'file');
  }
  return stored;
}

/** Reads an object already in the store (a direct upload) the way an upload is read as it arrives: type from the head, size and hash of the whole. */
export async function inspectStored(store: DocumentStore, key: string): Promise<FileFacts> {
  const { peeked, mime } = await sniff(await store.getStream(key));
  const meter = peeked.pipe(new ByteMeter());
  await pipeline(meter, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return { mime, size: meter.bytes, sha256: meter.sha256() };
}
