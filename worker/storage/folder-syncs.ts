import { close, fsync, open } from 'node:fs';
import { promisify } from 'node:util';
import { LRUCache } from 'lru-cache';

const openFolder = promisify(open);
const syncFolder = promisify(fsync);
const closeFolder = promisify(close);

/** Folders whose descriptors stay open (a local store's are its tenants'): those written to lately. */
export const KEPT_DESCRIPTORS = 64;

/**
 * A folder's fsync, shared: every caller that asks while one is running waits for the next one,
 * which they all share, so a burst of new files in one folder costs two folder flushes, not one
 * each. A flush that starts after a file was created covers that file's entry.
 */
export class FolderSyncs {
  private readonly running = new Map<string, Promise<void>>();
  private readonly next = new Map<string, Promise<void>>();
  /**
   * Each folder's descriptor, opened at its first flush and kept: a flush is then one call to the
   * thread pool, where opening and closing the folder around it made three in a row, the longest
   * chain an upload waited on. A plain descriptor, as a FileHandle costs an object and a promise more
   * per call. Closed once evicted or forgotten, after the flush that may be using it has settled.
   * The folders are the store's own: one removed and made again by another hand while its descriptor
   * is kept would be flushed through the old one, so whoever removes a folder must `forget` it (the
   * store does, once a file cannot be opened in it).
   */
  private readonly descriptors = new LRUCache<string, Promise<number>>({
    max: KEPT_DESCRIPTORS,
    dispose: (descriptor, folder) => this.closeWhenIdle(folder, descriptor),
  });

  sync(folder: string): Promise<void> {
    const queued = this.next.get(folder);
    if (queued) return queued;
    const before = this.running.get(folder) ?? Promise.resolve();
    const mine: Promise<void> = before
      .catch(() => undefined)
      .then(() => {
        this.next.delete(folder);
        this.running.set(folder, mine);
        return this.flush(folder);
      })
      .finally(() => {
        if (this.running.get(folder) === mine) this.running.delete(folder);
      });
    this.next.set(folder, mine);
    return mine;
  }

  /** The folder may have gone (or been made again): its next flush opens it afresh. */
  forget(folder: string): void {
    this.descriptors.delete(folder);
  }

  private async flush(folder: string): Promise<void> {
    let descriptor = this.descriptors.get(folder);
    if (!descriptor) {
      descriptor = openFolder(folder, 'r');
      this.descriptors.set(folder, descriptor);
    }
    try {
      await syncFolder(await descriptor);
    } catch (error) {
      // A descriptor that failed is not used again: the next flush opens the folder anew.
      if (this.descriptors.get(folder) === descriptor) this.forget(folder);
      throw error;
    }
  }

  private closeWhenIdle(folder: string, descriptor: Promise<number>): void {
    const inUse = this.running.get(folder) ?? Promise.resolve();
    void inUse
      .catch(() => undefined)
      .then(() => descriptor)
      .then(closeFolder)
      .catch(() => undefined);
  }
}
