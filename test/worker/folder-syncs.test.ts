import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { FolderSyncs, KEPT_DESCRIPTORS } from '../../worker/storage/folder-syncs';

/** This process's open descriptors on `folder`, by what the kernel says they point at ("<path> (deleted)" once it is removed). */
async function descriptorsOn(folder: string): Promise<number> {
  const links = await Promise.all((await fs.readdir('/proc/self/fd')).map((fd) => fs.readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return links.filter((link) => link === folder || link === `${folder} (deleted)`).length;
}

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

  it('when one folder is flushed again and again, then it is opened once and its descriptor kept', async () => {
    const folder = await fs.mkdtemp(path.join(root, 'kept-'));
    const syncs = new FolderSyncs();
    for (let i = 0; i < 3; i++) await syncs.sync(folder);
    expect(await descriptorsOn(folder)).to.equal(1);
  });

  it('when a folder is forgotten, then its descriptor is closed and the next flush opens the folder now at that path', async () => {
    const folder = await fs.mkdtemp(path.join(root, 'remade-'));
    const syncs = new FolderSyncs();
    await syncs.sync(folder);
    await fs.rm(folder, { recursive: true });
    await fs.mkdir(folder);
    syncs.forget(folder);
    await syncs.sync(folder);
    await new Promise((resolve) => setImmediate(resolve));
    // The old folder's descriptor would read "<path> (deleted)": one left means only the new folder's.
    expect(await descriptorsOn(folder)).to.equal(1);
  });

  it('when more folders are flushed than descriptors are kept, then the oldest are closed', async () => {
    const parent = await fs.mkdtemp(path.join(root, 'many-'));
    const folders = await Promise.all(
      Array.from({ length: KEPT_DESCRIPTORS + 6 }, (_, i) => fs.mkdir(path.join(parent, `t${i}`)).then(() => path.join(parent, `t${i}`))),
    );
    const syncs = new FolderSyncs();
    for (const folder of folders) await syncs.sync(folder);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const open = await Promise.all(folders.map(descriptorsOn));
    expect(open.slice(0, 6).every((n) => n === 0)).to.equal(true);
    expect(open.slice(6).every((n) => n === 1)).to.equal(true);
  });
});
