import { fstatSync, openSync, writeSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { expect } from 'chai';
import { SlabFileWriter, SlabPool, type WriteAll } from '../../worker/storage/slab-writer';

/** Writes through the descriptor at once, recording each call's size. */
function recordingWrites(): { writeAll: WriteAll; sizes: number[] } {
  const sizes: number[] = [];
  const writeAll: WriteAll = async (fd, bytes) => {
    sizes.push(bytes.length);
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  };
  return { writeAll, sizes };
}

const isOpen = (fd: number): boolean => {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
};

describe('slab file writer', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-slabs-'));
  });
  afterEach(async () => fs.rm(folder, { recursive: true, force: true }));

  it('when a body arrives in chunks of any size, then the file is written in slab-sized writes and holds its bytes in order', async () => {
    const file = path.join(folder, 'body');
    const fd = openSync(file, 'w');
    const { writeAll, sizes } = recordingWrites();
    const chunks = [333, 1000, 2500, 1, 0, 666, 999, 64].map((length, i) => Buffer.alloc(length, i + 1));
    await pipeline(Readable.from(chunks), new SlabFileWriter(fd, new SlabPool(1000, 2), writeAll));
    expect(isOpen(fd), 'left open for the caller to flush').to.equal(true);
    expect(await fs.readFile(file)).to.deep.equal(Buffer.concat(chunks));
    expect(sizes).to.deep.equal([1000, 1000, 1000, 1000, 1000, 563]);
  });

  it('when files are written one after another, then they reuse the same slabs, two at most', async () => {
    const pool = new SlabPool(100, 4);
    const taken = new Set<Buffer>();
    const take = pool.take.bind(pool);
    pool.take = () => {
      const slab = take();
      taken.add(slab);
      return slab;
    };
    for (const name of ['a', 'b', 'c']) {
      const fd = openSync(path.join(folder, name), 'w');
      await pipeline(Readable.from([Buffer.alloc(250, 1), Buffer.alloc(90, 2)]), new SlabFileWriter(fd, pool, recordingWrites().writeAll));
      expect(await fs.readFile(path.join(folder, name))).to.deep.equal(Buffer.concat([Buffer.alloc(250, 1), Buffer.alloc(90, 2)]));
    }
    expect(taken.size).to.be.within(1, 2);
  });

  it("when a slab's write fails, then the stream fails with its error and the descriptor is closed", async () => {
    const fd = openSync(path.join(folder, 'failing'), 'w');
    let calls = 0;
    const failing: WriteAll = async () => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
    };
    const writer = new SlabFileWriter(fd, new SlabPool(10, 2), failing);
    let caught: unknown;
    await pipeline(Readable.from([Buffer.alloc(15), Buffer.alloc(15), Buffer.alloc(15)]), writer).catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.equal('disk full');
    if (!writer.closed) await new Promise((resolve) => writer.once('close', resolve));
    expect(isOpen(fd)).to.equal(false);
  });

  it('when the stream is destroyed while a slab is being written, then its descriptor is closed only once that write has returned', async () => {
    const fd = openSync(path.join(folder, 'slow'), 'w');
    let release: () => void = () => undefined;
    const slow: WriteAll = () => new Promise<void>((resolve) => (release = resolve));
    const writer = new SlabFileWriter(fd, new SlabPool(10, 2), slow);
    writer.write(Buffer.alloc(10));
    await new Promise((resolve) => setImmediate(resolve));
    writer.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(isOpen(fd), 'open while the write runs').to.equal(true);
    release();
    await finished(writer).catch(() => undefined);
    if (!writer.closed) await new Promise((resolve) => writer.once('close', resolve));
    expect(isOpen(fd)).to.equal(false);
  });
});
