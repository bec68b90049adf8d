import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { LocalDocumentStore } from '../../worker/storage/local';
import { StorageObjectNotFound, type DocumentStore } from '../../worker/storage/port';

/** A body whose client goes away after `chunks` socket-sized chunks. */
const failingAfter64KiBChunks = (chunks: number): Readable =>
  Readable.from(
    (async function* () {
      for (let i = 0; i < chunks; i++) yield Buffer.alloc(64 * 1024, i);
      throw new Error('client went away');
    })(),
  );

describe('local document store', () => {
  let root: string;
  let store: DocumentStore;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-store-'));
    store = new LocalDocumentStore(root);
  });
  afterEach(async () => fs.rm(root, { recursive: true, force: true }));

  it('when an object is put, then the same bytes come back, readable only by the owner', async () => {
    const bytes = Buffer.from('%PDF-1.7 example');
    await store.put('documents/t1/d1.pdf', bytes, 'application/pdf');
    expect(await store.get('documents/t1/d1.pdf')).to.deep.equal(bytes);
    const mode = (await fs.stat(path.join(root, 'documents/t1/d1.pdf'))).mode & 0o777;
    expect(mode).to.equal(0o600);
  });

  it('when an object is deleted or never existed, then reading it says not found', async () => {
    await store.put('documents/t1/d2.pdf', Buffer.from('x'), 'application/pdf');
    await store.delete('documents/t1/d2.pdf');
    let caught: unknown;
    await store.get('documents/t1/d2.pdf').catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(StorageObjectNotFound);
  });

  it('when a key tries to leave the folder, then it is refused', async () => {
    for (const key of ['../escape.pdf', 'documents/../../x', '/etc/passwd', 'a//b']) {
      let caught: unknown;
      await store.put(key, Buffer.from('x'), 'text/plain').catch((e: unknown) => (caught = e));
      expect(caught, key).to.be.instanceOf(Error);
    }
    expect(await fs.readdir(path.dirname(root))).to.not.include('escape.pdf');
  });

  it('when a stream is put, then the object holds its bytes in order, owner-only, with no leftover beside it', async () => {
    const parts = [Buffer.from('%PDF-1.7 '), Buffer.alloc(100_000, 7), Buffer.from(' end')];
    await (
      await store.putStream('documents/t1/d3.pdf', Readable.from(parts), 'application/pdf')
    ).durable;
    expect(await store.get('documents/t1/d3.pdf')).to.deep.equal(Buffer.concat(parts));
    expect((await fs.stat(path.join(root, 'documents/t1/d3.pdf'))).mode & 0o777).to.equal(0o600);
    expect(await fs.readdir(path.join(root, 'documents/t1'))).to.deep.equal(['d3.pdf']);
  });

  it('when a stream larger than the memory budget is put, then it is streamed to disk and the object holds its bytes in order', async () => {
    const parts = [Buffer.from('%PDF-1.7 '), ...Array.from({ length: 12 }, (_, i) => Buffer.alloc(64 * 1024, i)), Buffer.from(' end')];
    const tight = new LocalDocumentStore(root, { memoryBudgetBytes: 100 * 1024 });
    const put = await tight.putStream('documents/t1/big.pdf', Readable.from(parts));
    await put.durable;
    expect(await store.get('documents/t1/big.pdf')).to.deep.equal(Buffer.concat(parts));
    expect((await fs.stat(path.join(root, 'documents/t1/big.pdf'))).mode & 0o777).to.equal(0o600);
  });

  it('when a body is said to be larger than the store holds in memory, then it is streamed from its first byte and holds its bytes in order', async () => {
    const parts = [Buffer.from('%PDF-1.7 '), Buffer.alloc(64 * 1024, 3), Buffer.from(' end')];
    const put = await store.putStream('documents/t1/said-big.pdf', Readable.from(parts), 'application/pdf', 20 * 1024 * 1024);
    await put.durable;
    expect(await store.get('documents/t1/said-big.pdf')).to.deep.equal(Buffer.concat(parts));
  });

  it('when a body said to be large fails after several slabs were written, then the put fails and no object is left', async () => {
    const failing = failingAfter64KiBChunks(12);
    let caught: unknown;
    await store
      .putStream('documents/t1/said-big-lost.pdf', failing, 'application/pdf', 20 * 1024 * 1024)
      .catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.equal('client went away');
    expect(await fs.readdir(path.join(root, 'documents/t1'))).to.deep.equal([]);
  });

  it('when a stream fails after more than the memory budget was written, then the put fails and no object is left', async () => {
    const failing = failingAfter64KiBChunks(12);
    let caught: unknown;
    const tight = new LocalDocumentStore(root, { memoryBudgetBytes: 100 * 1024 });
    await tight.putStream('documents/t1/big-lost.pdf', failing).catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.equal('client went away');
    expect(await fs.readdir(path.join(root, 'documents/t1'))).to.deep.equal([]);
  });

  it('when bodies arriving together are more than the memory budget holds, then each is stored whole, and later ones fit again', async () => {
    const tight = new LocalDocumentStore(root, { memoryBudgetBytes: 256 * 1024 });
    const body = (i: number) => [Buffer.from(`%PDF-1.7 ${i} `), Buffer.alloc(60 * 1024, i), Buffer.alloc(60 * 1024, i + 1)];
    for (let round = 0; round < 2; round++) {
      const puts = await Promise.all([0, 1, 2, 3, 4].map((i) => tight.putStream(`documents/t3/${round}-${i}.pdf`, Readable.from(body(i)))));
      await Promise.all(puts.map((put) => put.durable));
      for (const i of [0, 1, 2, 3, 4]) expect(await tight.get(`documents/t3/${round}-${i}.pdf`)).to.deep.equal(Buffer.concat(body(i)));
    }
  });

  it('when a small object is deleted while its write may still be running, then no file is left once the write settles', async () => {
    const put = await store.putStream('documents/t1/d5.pdf', Readable.from([Buffer.from('%PDF-1.7 small')]), 'application/pdf');
    await store.delete('documents/t1/d5.pdf');
    await put.durable.catch(() => undefined);
    expect(await fs.readdir(path.join(root, 'documents/t1'))).to.deep.equal([]);
  });

  it('when the folder of a small object has gone, then its put is not durable, and the next put makes the folder again', async () => {
    await (
      await store.putStream('documents/t2/first.pdf', Readable.from([Buffer.from('%PDF-1.7 a')]), 'application/pdf')
    ).durable;
    await fs.rm(path.join(root, 'documents/t2'), { recursive: true });
    const lost = await store.putStream('documents/t2/lost.pdf', Readable.from([Buffer.from('%PDF-1.7 b')]), 'application/pdf');
    let caught: unknown;
    await lost.durable.catch((e: unknown) => (caught = e));
    expect((caught as NodeJS.ErrnoException).code).to.equal('ENOENT');
    await (
      await store.putStream('documents/t2/again.pdf', Readable.from([Buffer.from('%PDF-1.7 c')]), 'application/pdf')
    ).durable;
    expect(await store.get('documents/t2/again.pdf')).to.deep.equal(Buffer.from('%PDF-1.7 c'));
  });

  it('when a stream fails part-way, then the put fails and no object (not even part of one) is left', async () => {
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(70_000, 1);
        throw new Error('client went away');
      })(),
    );
    let caught: unknown;
    await store.putStream('documents/t1/d4.pdf', failing, 'application/pdf').catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.equal('client went away');
    expect(await fs.readdir(path.join(root, 'documents/t1'))).to.deep.equal([]);
  });
});
