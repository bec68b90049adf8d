import { close, fsync, open } from 'node:fs';
import { promisify } from 'node:util';

const openFolder = promisify(open);
const syncFolder = promisify(fsync);
const closeFolder = promisify(close);

/**
 * A folder's fsync, shared: every caller that asks while one is running waits for the next one,
 * which they all share, so a burst of new files in one folder costs two folder flushes, not one
 * each. A flush that starts after a file was created covers that file's entry.
 */
export class FolderSyncs {
  private readonly running = new Map<string, Promise<void>>();
  private readonly next = new Map<string, Promise<void>>();

  sync(folder: string): Promise<void> {
    const queued = this.next.get(folder);
    if (queued) return queued;
    const before = this.running.get(folder) ?? Promise.resolve();
    const mine: Promise<void> = before
      .catch(() => undefined)
      .then(() => {
        this.next.delete(folder);
        this.running.set(folder, mine);
        return flushFolder(folder);
      })
      .finally(() => {
        if (this.running.get(folder) === mine) this.running.delete(folder);
      });
    this.next.set(folder, mine);
    return mine;
  }
}

/** Through a plain descriptor: a FileHandle costs an object and a promise more per call, on every burst of uploads. */
async function flushFolder(folder: string): Promise<void> {
  const fd = await openFolder(folder, 'r');
  try {
    await syncFolder(fd);
  } finally {
    await closeFolder(fd);
  }
}
