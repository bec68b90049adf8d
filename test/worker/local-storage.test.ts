import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { LocalDocumentStore } from '../../worker/storage/local';
import { StorageObjectNotFound, type DocumentStore } from '../../worker/storage/port';

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
});
