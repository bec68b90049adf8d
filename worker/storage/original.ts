import { hash } from 'node:crypto';
import { StorageObjectNotFound, type DocumentStore } from './port';

/**
 * The stored object is not (or not yet) the file its document records. An upload's rows commit while
 * its file flushes to disk, and it is answered only once both are done: a worker may look before the
 * write has landed, which a retry waits out, and a crash between the two leaves a row whose file is
 * missing or torn, which no retry mends. The client of such an upload never had a 2xx; on the last
 * attempt the document fails with `code`, before any stage has read the bytes.
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

/** The original's bytes, once they are those its row recorded (size and SHA-256); otherwise `OriginalNotStored`. */
export async function storedOriginal(store: Pick<DocumentStore, 'get'>, key: string, recorded: RecordedOriginal): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await store.get(key);
  } catch (error) {
    if (error instanceof StorageObjectNotFound) throw new OriginalNotStored('original_missing', key, 'is not there');
    throw error;
  }
  if (bytes.length !== Number(recorded.size_bytes))
    throw new OriginalNotStored('original_incomplete', key, `has ${bytes.length} bytes, not the ${recorded.size_bytes} recorded`);
  if (hash('sha256', bytes, 'hex') !== recorded.sha256)
    throw new OriginalNotStored('original_incomplete', key, 'does not match the SHA-256 recorded');
  return bytes;
}
