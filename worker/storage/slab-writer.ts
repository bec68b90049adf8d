import { close } from 'node:fs';
import { Writable } from 'node:stream';

/** Write buffers kept for reuse: a slab that has been written goes back here, so a stream of uploads allocates none once warm. */
export class SlabPool {
  private readonly free: Buffer[] = [];

  constructor(
    readonly slabBytes: number,
    /** Slabs kept while no file uses them; beyond these, a returned slab is left to the collector. */
    private readonly kept: number,
  ) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.slabBytes);
  }

  give(slab: Buffer): void {
    if (this.free.length < this.kept) this.free.push(slab);
  }
}

/** Writes all of `bytes` at the file's current position: one call unless the kernel writes less than asked. */
export type WriteAll = (fd: number, bytes: Buffer) => Promise<void>;

/**
 * A file written from two slabs in turn: each chunk is copied into the slab being filled and let go
 * at once, and a full slab is one write while the next fills. Handed straight to a write stream, each
 * 64 KiB socket chunk was its own write (a hop to libuv's pool and its wake-ups) and was held until
 * that write came back, under load long enough to outlive young-generation collections and wait for a
 * full one over the API's heap; the copy costs less than either. The descriptor stays open once
 * finished (the caller flushes and closes it) and is closed if the stream is destroyed, once no
 * slab's write is still running.
 */
export class SlabFileWriter extends Writable {
  /** The slab being filled, taken at the first chunk after the last one was sent. */
  private slab?: Buffer;
  private used = 0;
  /** The last slab's write, settled once it has returned (rejected if it failed). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly fd: number,
    private readonly pool: SlabPool,
    private readonly writeAll: WriteAll,
  ) {
    // Not destroyed once finished: that would close the descriptor before the caller's flush.
    super({ autoDestroy: false });
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const slab = this.slab ?? this.pool.take();
    this.slab = slab;
    const room = slab.length - this.used;
    if (chunk.length < room) {
      chunk.copy(slab, this.used);
      this.used += chunk.length;
      done();
      return;
    }
    chunk.copy(slab, this.used, 0, room);
    this.used = slab.length;
    this.send().then(() => (this.destroyed ? done() : this._write(chunk.subarray(room), encoding, done)), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.send()
      .then(() => this.writing)
      .then(() => {
        this.release();
        done();
      }, done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    void this.writing
      .catch(() => undefined)
      .then(() => {
        this.release();
        close(this.fd, (closeError) => done(error ?? closeError));
      });
  }

  /** Writes the slab filled so far, once the one before has been written; the next chunk takes another. */
  private async send(): Promise<void> {
    await this.writing;
    const slab = this.slab;
    // A destroyed stream's descriptor is closed, or about to be: its number may already name another file.
    if (!slab || this.used === 0 || this.destroyed) return;
    const written = this.writeAll(this.fd, slab.subarray(0, this.used)).finally(() => this.pool.give(slab));
    // Waited for by the next send or the end; a stream destroyed meanwhile closes its file only after it.
    written.catch(() => undefined);
    this.writing = written;
    this.slab = undefined;
    this.used = 0;
  }

  /** The slab being filled goes back to the pool unwritten. */
  private release(): void {
    if (this.slab) this.pool.give(this.slab);
    this.slab = undefined;
    this.used = 0;
  }
}
