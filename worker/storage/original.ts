import { hash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageObjectNotFound, type DocumentStore } from './port';

/**
 * The stored object is not (or not yet) the file its document records. An upload's rows commit while
 * its file flushes to disk, and it is answered only once both are done: a worker may look before the
 * write has landed, which a short wait or a retry outlasts, and a crash between the two leaves a row
 * whose file is missing or torn, which nothing mends. The client of such an upload never had a 2xx;
 * on the last attempt the document fails with `code`, before any stage has read the bytes.
 */
export class OriginalNotStored extends Error {
  constructor(
    readonly code: 'original_missing' | 'original_incomplete',
    readonly key: string,
    detail: string,
  ) {
    super(`The stored original at ${key} ${detail}`);
    this.name = 'OriginalNotStored';
  }
}

/** What a document's row says its original is. */
export interface RecordedOriginal {
  size_bytes: number;
  sha256: string;
}

/**
 * Milliseconds waited before each look again: a write still on its way (queued behind other disk work
 * when the worker started the job at its commit) lands within these, so its job does not wait for a
 * queue retry, seconds later.
 */
const LOOK_AGAIN_MS = [25, 100, 400];

/** The original's bytes, once they are those its row recorded (size and SHA-256); otherwise, after a few looks, `OriginalNotStored`. */
export async function storedOriginal(
  store: Pick<DocumentStore, 'get'>,
  key: string,
  recorded: RecordedOriginal,
  lookAgainMs: readonly number[] = LOOK_AGAIN_MS,
): Promise<Buffer> {
  for (let looked = 0; ; looked++) {
    const found = await look(store, key, recorded);
    if (Buffer.isBuffer(found)) return found;
    if (looked >= lookAgainMs.length) throw found;
    await sleep(lookAgainMs[looked]);
  }
}

/** The bytes when they match the row, else why not. */
async function look(store: Pick<DocumentStore, 'get'>, key: string, recorded: RecordedOriginal): Promise<Buffer | OriginalNotStored> {
  let bytes: Buffer;
  try {
    bytes = await store.get(key);
  } catch (error) {
    if (error instanceof StorageObjectNotFound) return new OriginalNotStored('original_missing', key, 'is not there');
    throw error;
  }
  if (bytes.length !== Number(recorded.size_bytes))
    return new OriginalNotStored('original_incomplete', key, `has ${bytes.length} bytes, not the ${recorded.size_bytes} recorded`);
  if (hash('sha256', bytes, 'hex') !== recorded.sha256)
    return new OriginalNotStored('original_incomplete', key, 'does not match the SHA-256 recorded');
  return bytes;
}
