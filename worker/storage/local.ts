import { randomBytes } from 'node:crypto';
import { closeSync, constants, createWriteStream, fsync, open, writev } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { ByteMeter } from '../files/meter';
import { PostPolicyRefused, signPostPolicy, verifyPostPolicy } from './post-policy';
import { FolderSyncs } from './folder-syncs';
import { SlabFileWriter, SlabPool } from './slab-writer';
import { StorageObjectNotFound, type DirectUploadForm, type DirectUploadPolicy, type DocumentStore, type StreamPut } from './port';

const openFile = promisify(open);
const syncFile = promisify(fsync);
const writeChunks = promisify(writev);

/**
 * A body up to this size is gathered in memory as it arrives and written in one call to a file opened
 * for synchronous data writes: the call returns once the bytes are on disk, so a small upload costs an
 * open, a write and a close, where streaming it costs an open, a write per chunk, an fsync and a close
 * (each a hop to libuv's thread pool). Larger bodies stream to disk as they come, flushed after, and so
 * does any body while those held already fill the store's memory budget. Holding 8 MiB bodies whole
 * instead cost 5 MB uploads more CPU and throughput than their writes saved (measured, under load).
 * Against streaming every body, 100 KB uploads made fewer system calls (strace: futex 13 vs 22, fsync
 * 0.3 vs 1.4, write 1.6 vs 2.6 an upload) and no worse throughput in alternating runs (under load 10-19).
 */
const BODY_IN_MEMORY_BYTES = 512 * 1024;

/**
 * A streamed body is written from slabs of this size, two per file, taken from the store's memory
 * budget (a body that finds it spent is written chunk by chunk instead): a 5 MB body is 20 writes
 * rather than one per 64 KiB socket read.
 */
const SLAB_BYTES = 256 * 1024;

/** Slabs a store keeps for the next files while none is streaming: enough for a burst of 8 at once. */
const SLABS_KEPT = 16;

/** Bytes of bodies held in memory at once by one store, unless told otherwise: slow clients cannot make it hold more. */
const MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * O_DSYNC: each write returns once its data, and the metadata needed to read it back (size, blocks),
 * are on disk: an fdatasync with the write, which is all a new file's bytes need.
 */
const SMALL_FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_DSYNC;

/** Server-made keys only: letters, digits, dashes and slashes between segments. */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Where the API receives the local store's direct uploads (the service mounts it). */
export const LOCAL_POST_PATH = '/direct-uploads/local';

export interface LocalStoreOptions {
  /** Signs direct-upload policies; a random key (valid until restart) when none is given. */
  signingKey?: string;
  /** The API's public address, to which direct uploads are posted; relative to the API when unset. */
  publicUrl?: string;
  /** Bytes of bodies held in memory at once while they are written whole (64 MiB by default). */
  memoryBudgetBytes?: number;
}

/** Bytes held in memory at once, against a ceiling. */
class MemoryBudget {
  private held = 0;

  constructor(private readonly ceiling: number) {}

  take(bytes: number): boolean {
    if (this.held + bytes > this.ceiling) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held -= bytes;
  }
}

/** A stream's first chunks, read before the rest is let through: all of it when `ended`. */
interface Gathered {
  chunks: Buffer[];
  bytes: number;
  ended: boolean;
  /** What they took of the memory budget, to give back once written. */
  held: number;
}

const NOTHING_GATHERED: Gathered = { chunks: [], bytes: 0, ended: false, held: 0 };

/**
 * Reads `body` until it ends, holds more than `limit` bytes or finds the budget spent, then pauses it;
 * the chunks are kept as they came, uncopied. A paused body keeps an error listener, so an error
 * before the rest is piped on is kept by the stream (for whoever waits on it next) rather than thrown.
 */
function gather(body: Readable, limit: number, budget: MemoryBudget): Promise<Gathered> {
  const gathered: Gathered = { chunks: [], bytes: 0, ended: false, held: 0 };
  return new Promise((resolve, reject) => {
    const settle = () => {
      body.off('data', onData).off('end', onEnd);
      resolve(gathered);
    };
    const onData = (chunk: Buffer) => {
      gathered.chunks.push(chunk);
      gathered.bytes += chunk.length;
      if (gathered.bytes <= limit && budget.take(chunk.length)) gathered.held += chunk.length;
      else {
        body.pause();
        settle();
      }
    };
    const onEnd = () => {
      gathered.ended = true;
      body.off('error', onError);
      settle();
    };
    const onError = (error: unknown) => {
      budget.give(gathered.held);
      reject(error);
    };
    body.on('data', onData).once('end', onEnd).once('error', onError);
  });
}

/**
 * Pipes `body` (its head read already) into `written` until both have finished, destroying both if
 * either fails. What `pipeline` does for two streams, without the AbortController (and the
 * DOMException its abort makes) that pipeline creates for every call: on the upload path that was
 * one of each per file.
 */
async function writeAll(body: Readable, head: Gathered, written: Writable): Promise<void> {
  for (const chunk of head.chunks) written.write(chunk);
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

/** Writes every chunk with as few calls as the kernel allows: one, unless it writes less than asked (a full disk says so next). */
async function writeFully(fd: number, chunks: Buffer[]): Promise<void> {
  let left = chunks;
  while (left.length > 0) {
    let written = (await writeChunks(fd, left)).bytesWritten;
    const rest: Buffer[] = [];
    for (const chunk of left) {
      if (written >= chunk.length) written -= chunk.length;
      else {
        rest.push(chunk.subarray(written));
        written = 0;
      }
    }
    left = rest;
  }
}

/** `chunks` written in order to the new file open at `fd` (O_DSYNC), which is closed either way; no file is left if they fail. */
async function writeWhole(file: string, fd: number, chunks: Buffer[]): Promise<void> {
  try {
    await writeFully(fd, chunks);
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  } finally {
    // Closed at once, not through the thread pool: the data is on disk already (O_DSYNC), so closing
    // a new local file has nothing to flush or wait for, and a hop to the pool costs more than the call.
    closeSync(fd);
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
  /** Small bodies being written, by key, settled either way: a delete waits for its key's. */
  private readonly writing = new Map<string, Promise<void>>();
  private readonly memory: MemoryBudget;
  private readonly slabs = new SlabPool(SLAB_BYTES, SLABS_KEPT);

  constructor(
    private readonly root: string,
    options: LocalStoreOptions = {},
  ) {
    this.signingKey = options.signingKey ? Buffer.from(`local-post:${options.signingKey}`) : randomBytes(32);
    this.postUrl = `${(options.publicUrl ?? '').replace(/\/+$/, '')}${LOCAL_POST_PATH}`;
    this.memory = new MemoryBudget(options.memoryBudgetBytes ?? MEMORY_BUDGET_BYTES);
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
   * Written in place: the keys are new (server-made ids), and a reader that comes before `durable`
   * (a worker handed the document's job while the file still flushes) checks the bytes against the
   * document's size and SHA-256 and retries, so a partial file and a rename would buy nothing. `durable` is
   * the file's data and its new name in its folder (POSIX makes a new entry durable only through its
   * folder's fsync, whatever ext4 happens to do), on disk. A body that fits in memory is taken whole and
   * this returns at once: its write runs meanwhile, as a larger body's flush does once it has streamed
   * to disk. Neither is waited for here, so the caller's other work (recording the upload) overlaps it.
   */
  async putStream(key: string, body: Readable, _contentType?: string, atMostBytes?: number): Promise<StreamPut> {
    const file = this.pathOf(key);
    await this.folderFor(file);
    // A body known to be large streams from its first byte, its writes overlapping its arrival.
    if (atMostBytes !== undefined && atMostBytes > BODY_IN_MEMORY_BYTES) return this.writeStreamed(file, body, NOTHING_GATHERED);
    const head = await gather(body, BODY_IN_MEMORY_BYTES, this.memory);
    const put = head.ended
      ? { durable: this.writeSmall(key, file, head) }
      : await this.writeStreamed(file, body, head).finally(() => this.memory.give(head.held));
    // Marked handled as the port promises: callers may never ask.
    put.durable.catch(() => undefined);
    return put;
  }

  /**
   * The whole body in one write, on disk once it returns, while the file's entry in its folder flushes
   * (that flush starts once the file exists, so it covers the entry): the two run at once, as a
   * streamed file's fsync and its folder's do. Until the write has settled a delete of the key waits
   * for it, so the file cannot appear after it.
   */
  private writeSmall(key: string, file: string, head: Gathered): Promise<void> {
    const opened = this.openNew(file, SMALL_FILE_FLAGS);
    const written = opened.then((fd) => writeWhole(file, fd, head.chunks));
    const entered = opened.then(() => this.folderSyncs.sync(path.dirname(file)));
    const settled = written.then(
      () => undefined,
      () => undefined,
    );
    void settled.then(() => this.memory.give(head.held));
    this.writing.set(key, settled);
    void settled.then(() => {
      if (this.writing.get(key) === settled) this.writing.delete(key);
    });
    return Promise.all([written, entered]).then(() => undefined);
  }

  /** The body streamed to the file as it arrives; its flush and its folder's start once it has ended. */
  private async writeStreamed(file: string, body: Readable, head: Gathered): Promise<StreamPut> {
    const fd = await this.openNew(file, 'w');
    const slabbed = this.memory.take(2 * SLAB_BYTES);
    const written = slabbed
      ? new SlabFileWriter(fd, this.slabs, (descriptor, bytes) => writeFully(descriptor, [bytes]))
      : // A plain descriptor, as multer's disk storage writes: a FileHandle's stream settles a promise per write.
        createWriteStream('', { fd, autoClose: false });
    try {
      await writeAll(body, head, written);
    } catch (error) {
      // writeAll destroyed the stream, and with it closed the descriptor.
      await fs.rm(file, { force: true });
      throw error;
    } finally {
      if (slabbed) this.memory.give(2 * SLAB_BYTES);
    }
    // The file's data and its entry in the folder flush together: the folder's flush starts after the
    // file was created, so it covers the entry. The descriptor is closed once both have settled.
    const flushes = Promise.allSettled([syncFile(fd), this.folderSyncs.sync(path.dirname(file))]);
    const durable = flushes.then((settled) => {
      // Closed at once, as a small body's file is: its data is flushed already, and a hop to the
      // thread pool for the close was one more wait before the upload could be answered.
      closeSync(fd);
      const failed = settled.find((flush) => flush.status === 'rejected');
      if (failed) throw failed.reason;
    });
    return { durable };
  }

  /** A new owner-only file; when its folder has gone, the next write makes it again. */
  private openNew(file: string, flags: string | number): Promise<number> {
    return openFile(file, flags, 0o600).catch((error: unknown) => {
      this.forgetFolderOf(file);
      throw error;
    });
  }

  /** The folder may have gone: the next write makes it again. */
  private forgetFolderOf(file: string): void {
    const folder = path.dirname(file);
    this.folders.delete(folder);
    this.folderSyncs.forget(folder);
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
      this.forgetFolderOf(file);
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
    const file = this.pathOf(key);
    await this.writing.get(key);
    await fs.rm(file, { force: true });
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
