import { randomBytes } from 'node:crypto';
import { close, createWriteStream, fsync, open } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { ByteMeter } from '../files/meter';
import { PostPolicyRefused, signPostPolicy, verifyPostPolicy } from './post-policy';
import { FolderSyncs } from './folder-syncs';
import { StorageObjectNotFound, type DirectUploadForm, type DirectUploadPolicy, type DocumentStore, type StreamPut } from './port';

const openFile = promisify(open);
const syncFile = promisify(fsync);
const closeFile = promisify(close);

/** Server-made keys only: letters, digits, dashes and slashes between segments. */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Where the API receives the local store's direct uploads (the service mounts it). */
export const LOCAL_POST_PATH = '/direct-uploads/local';

export interface LocalStoreOptions {
  /** Signs direct-upload policies; a random key (valid until restart) when none is given. */
  signingKey?: string;
  /** The API's public address, to which direct uploads are posted; relative to the API when unset. */
  publicUrl?: string;
}

/**
 * Pipes `body` into `written` until both have finished, destroying both if either fails. What
 * `pipeline` does for two streams, without the AbortController (and the DOMException its abort
 * makes) that pipeline creates for every call: on the upload path that was one of each per file.
 */
async function writeAll(body: Readable, written: Writable): Promise<void> {
  body.pipe(written);
  try {
    // Promise.all listens to both, so the second one's rejection after a destroy is handled too.
    await Promise.all([finished(body), finished(written)]);
  } catch (error) {
    body.destroy();
    written.destroy();
    throw error;
  }
}

/** Keeps originals in a folder on this machine: the embedded default. */
export class LocalDocumentStore implements DocumentStore {
  readonly kind = 'local' as const;
  private readonly signingKey: Buffer;
  private readonly postUrl: string;
  /** Folders made already: an upload then costs no mkdir. */
  private readonly folders = new Set<string>();
  private readonly folderSyncs = new FolderSyncs();

  constructor(
    private readonly root: string,
    options: LocalStoreOptions = {},
  ) {
    this.signingKey = options.signingKey ? Buffer.from(`local-post:${options.signingKey}`) : randomBytes(32);
    this.postUrl = `${(options.publicUrl ?? '').replace(/\/+$/, '')}${LOCAL_POST_PATH}`;
  }

  private pathOf(key: string): string {
    if (!SAFE_KEY.test(key) || key.split('/').includes('..')) throw new Error(`Refusing unsafe storage key ${JSON.stringify(key)}`);
    return path.join(this.root, key);
  }

  private async folderFor(file: string): Promise<void> {
    const folder = path.dirname(file);
    if (this.folders.has(folder)) return;
    await fs.mkdir(folder, { recursive: true });
    this.folders.add(folder);
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await this.folderFor(file);
    // Write then rename, so a reader never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    await fs.writeFile(partial, body, { mode: 0o600 });
    await fs.rename(partial, file);
  }

  /**
   * Written in place: the keys are new (server-made ids) and no one reads one before the write has
   * returned and its document is recorded, so a partial file and a rename would buy nothing. The
   * flush to disk starts as the stream ends and is not waited for here: `durable` is the file's data
   * and its new name in its folder (POSIX makes a new entry durable only through its folder's fsync,
   * whatever ext4 happens to do), on disk.
   */
  async putStream(key: string, body: Readable): Promise<StreamPut> {
    const file = this.pathOf(key);
    const folder = path.dirname(file);
    await this.folderFor(file);
    const fd = await openFile(file, 'w', 0o600).catch((error: unknown) => {
      // The folder may have gone: the next write makes it again.
      this.folders.delete(folder);
      throw error;
    });
    // A plain descriptor, as multer's disk storage writes: a FileHandle's stream settles a promise per write.
    const written = createWriteStream('', { fd, autoClose: false });
    try {
      await writeAll(body, written);
    } catch (error) {
      // writeAll destroyed the stream, and with it closed the descriptor.
      await fs.rm(file, { force: true });
      throw error;
    }
    // The file's data and its entry in the folder flush together: the folder's flush starts after the
    // file was created, so it covers the entry. The descriptor is closed once both have settled.
    const flushes = Promise.allSettled([syncFile(fd), this.folderSyncs.sync(folder)]);
    const durable = flushes
      .finally(() => closeFile(fd))
      .then((settled) => {
        const failed = settled.find((flush) => flush.status === 'rejected');
        if (failed) throw failed.reason;
      });
    // Marked handled as the port promises: callers may never ask.
    durable.catch(() => undefined);
    return { durable };
  }

  /**
   * Writes `body` to `target`, or leaves nothing there. Flushed to disk before it returns (fsync on
   * close), then renamed to `file`.
   */
  private async streamTo(target: string, body: Readable, file = target): Promise<void> {
    try {
      await this.folderFor(file);
      await pipeline(body, createWriteStream(target, { mode: 0o600, flush: true }));
      if (target !== file) await fs.rename(target, file);
    } catch (error) {
      // The folder may have gone: the next write makes it again.
      this.folders.delete(path.dirname(file));
      await fs.rm(target, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  async getStream(key: string): Promise<Readable> {
    const handle = await fs.open(this.pathOf(key)).catch((error: unknown) => {
      throw notFoundOr(error, key);
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async presignPost(policy: DirectUploadPolicy): Promise<DirectUploadForm> {
    this.pathOf(policy.key);
    return signPostPolicy(this.signingKey, this.postUrl, policy);
  }

  /**
   * What S3 does with a presigned POST: the form's fields must carry a valid, unexpired signed policy,
   * and the file is stored at its key only if it meets the policy's size range.
   */
  async acceptPost(fields: Record<string, unknown>, file: Readable): Promise<DirectUploadPolicy> {
    const policy = verifyPostPolicy(this.signingKey, fields);
    const meter = new ByteMeter(
      policy.maxBytes,
      () => new PostPolicyRefused('EntityTooLarge', 'The file is larger than the policy allows.'),
    );
    file.once('error', (error) => meter.destroy(error));
    // The client knows this key and registers it with its own call: it must never find half a file.
    const target = this.pathOf(policy.key);
    await this.streamTo(`${target}.${process.pid}.partial`, file.pipe(meter), target);
    if (meter.bytes === 0) {
      await this.delete(policy.key);
      throw new PostPolicyRefused('EntityTooSmall', 'The file is empty.');
    }
    return policy;
  }

  async ping(): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    await fs.access(this.root, fs.constants.W_OK);
  }
}

function notFoundOr(error: unknown, key: string): unknown {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new StorageObjectNotFound(key) : error;
}
