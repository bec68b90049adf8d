import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { FolderSyncs } from '../../worker/storage/folder-syncs';

describe('folder flushes', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-folder-syncs-'));
  });
  after(async () => fs.rm(root, { recursive: true, force: true }));

  it('when many files of one folder ask for its flush at once, then they share one, and those asking while it runs share the next', async () => {
    const syncs = new FolderSyncs();
    const first = Array.from({ length: 5 }, () => syncs.sync(root));
    expect(new Set(first).size).to.equal(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = Array.from({ length: 5 }, () => syncs.sync(root));
    expect(new Set(second).size).to.equal(1);
    expect(second[0]).to.not.equal(first[0]);
    await Promise.all([...first, ...second]);
    expect(syncs.sync(root)).to.not.equal(second[0]);
  });

  it('when the folder does not exist, then its flush fails and a later flush of a folder that does still succeeds', async () => {
    const syncs = new FolderSyncs();
    let caught: unknown;
    await syncs.sync(path.join(root, 'gone')).catch((e: unknown) => (caught = e));
    expect((caught as NodeJS.ErrnoException).code).to.equal('ENOENT');
    await syncs.sync(root);
  });
});
