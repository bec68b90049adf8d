import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { uploadRecorder, type PendingUpload, type UploadRecorder } from '../../service/documents/upload-recorder';
import type { Job, NewUpload, SqlInsert, TaskRecord } from '../../worker';

const pending = (name: string, sizeBytes = 1): PendingUpload => {
  const upload: NewUpload = {
    id: randomUUID(),
    tenant_id: randomUUID(),
    filename: name,
    content_type: 'application/pdf',
    size_bytes: sizeBytes,
    sha256: '0'.repeat(64),
    storage_key: `documents/${name}`,
    claims: {},
    task_id: randomUUID(),
  };
  return { upload, job: { document_id: upload.id, task_id: upload.task_id, generation: 1 } };
};

const taskOf = (upload: NewUpload) => ({ id: upload.task_id, document_id: upload.id }) as TaskRecord;

/** A repository whose writes finish when the test says, recording each group it was given and the jobs committed with it. */
function heldRepository(refuse: (upload: NewUpload) => boolean = () => false) {
  const groups: string[][] = [];
  const sent: string[][] = [];
  const forgotten: string[][] = [];
  const releases: Array<() => void> = [];
  return {
    groups,
    sent,
    forgotten,
    release: () => releases.shift()?.(),
    repo: {
      async recordUploads(uploads: readonly NewUpload[], also?: SqlInsert) {
        groups.push(uploads.map((u) => u.filename));
        await new Promise<void>((resolve) => releases.push(resolve));
        if (uploads.some(refuse)) throw new Error('foreign key violated');
        also?.committed();
        return uploads.map(taskOf);
      },
      async forgetUploads(documentIds: readonly string[]) {
        forgotten.push([...documentIds]);
      },
    },
    queue: {
      async insertOf(jobs: readonly Job[]): Promise<SqlInsert> {
        return { text: 'INSERT', values: [], rows: jobs.length, committed: () => void sent.push(jobs.map((j) => j.task_id)) };
      },
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** How a group of three settles when the repository lets four writes through: the group, then each upload alone. */
async function groupThenEachAlone(held: ReturnType<typeof heldRepository>, recorder: UploadRecorder, group: PendingUpload[]) {
  const outcomes = Promise.allSettled(group.map((p) => recorder.load(p)));
  for (let i = 0; i < 4; i++) {
    await tick();
    held.release();
  }
  return outcomes;
}

describe('upload recorder', () => {
  it('when uploads arrive while a group is being written, then they wait and are written together, each answered only after its own group', async () => {
    const held = heldRepository();
    const recorder = uploadRecorder(held.repo, held.queue, { concurrency: 1, maxGroup: 10 });
    const first = pending('a');
    const answered: string[] = [];
    const firstDone = recorder.load(first).then(() => answered.push('a'));
    await tick();
    const later = ['b', 'c', 'd'].map(pending);
    const laterDone = later.map((p) => recorder.load(p).then((task) => (answered.push(p.upload.filename), task)));
    await tick();
    expect(held.groups).to.deep.equal([['a']]);
    expect(answered).to.deep.equal([]);
    held.release();
    await firstDone;
    await tick();
    expect(answered).to.deep.equal(['a']);
    expect(held.groups).to.deep.equal([['a'], ['b', 'c', 'd']]);
    held.release();
    const tasks = await Promise.all(laterDone);
    expect(tasks.map((t) => t.id)).to.deep.equal(later.map((p) => p.upload.task_id));
    expect(held.sent).to.deep.equal([[first.upload.task_id], later.map((p) => p.upload.task_id)]);
  });

  it('when one upload of a group cannot be written, then only that upload fails and the others are recorded with their jobs', async () => {
    const held = heldRepository((u) => u.filename === 'bad');
    const recorder = uploadRecorder(held.repo, held.queue, { concurrency: 1, maxGroup: 10 });
    const group = ['a', 'bad', 'c'].map(pending);
    const settled = await groupThenEachAlone(held, recorder, group);
    expect(settled.map((s) => s.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(held.groups).to.deep.equal([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(held.sent).to.deep.equal([[group[0]!.upload.task_id], [group[2]!.upload.task_id]]);
  });

  it('when more uploads arrive than a group holds, then they are split into groups of at most that size', async () => {
    const held = heldRepository();
    const recorder = uploadRecorder(held.repo, held.queue, { concurrency: 2, maxGroup: 2 });
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => recorder.load(pending(n))));
    for (let i = 0; i < 3; i++) {
      await tick();
      held.release();
    }
    await all;
    expect(held.groups).to.deep.equal([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('when a file of a group is still flushing, then the group is written meanwhile, but no upload of it is answered until its file is on disk', async () => {
    const held = heldRepository();
    const recorder = uploadRecorder(held.repo, held.queue, { concurrency: 1, maxGroup: 10 });
    let flushed!: () => void;
    const flush = new Promise<void>((resolve) => (flushed = resolve));
    const slow = { ...pending('slow'), durable: () => flush };
    const answered: string[] = [];
    const all = [pending('a'), slow].map((p) => recorder.load(p).then(() => answered.push(p.upload.filename)));
    await tick();
    await tick();
    expect(held.groups).to.deep.equal([['a', 'slow']]);
    held.release();
    for (let i = 0; i < 3; i++) await tick();
    expect(answered).to.deep.equal([]);
    flushed();
    await Promise.all(all);
    expect(answered.sort()).to.deep.equal(['a', 'slow']);
  });

  it('when one file of a group fails its flush, then only its upload fails, its rows (written with the group) are forgotten, and the others stay recorded', async () => {
    const held = heldRepository();
    const recorder = uploadRecorder(held.repo, held.queue, { concurrency: 1, maxGroup: 10 });
    const group = [pending('a'), { ...pending('lost'), durable: () => Promise.reject(new Error('EIO')) }, pending('c')];
    const outcomes = Promise.allSettled(group.map((p) => recorder.load(p)));
    for (let i = 0; i < 3; i++) await tick();
    held.release();
    const settled = await outcomes;
    expect(settled.map((s) => s.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).to.equal('EIO');
    expect(held.groups).to.deep.equal([['a', 'lost', 'c']]);
    expect(held.forgotten).to.deep.equal([[group[1]!.upload.id]]);
  });

  it('when a file fails its flush and its group could not be written either, then there is nothing to forget and the upload fails with the flush error', async () => {
    const held = heldRepository((upload) => upload.filename === 'lost');
    const recorder = uploadRecorder(held.repo, held.queue, { concurrency: 1, maxGroup: 10 });
    const lost = { ...pending('lost'), durable: () => Promise.reject(new Error('EIO')) };
    const outcome = recorder.load(lost).catch((error: Error) => error.message);
    await tick();
    held.release();
    expect(await outcome).to.equal('EIO');
    expect(held.forgotten).to.deep.equal([]);
  });

  /** One upload whose file flushes until the test says, then another arriving while it does: which groups are written before that flush ends. */
  async function writtenWhileFlushing(firstBytes: number): Promise<string[][]> {
    const held = heldRepository();
    const recorder = uploadRecorder(held.repo, held.queue, { concurrency: 1, maxGroup: 10, longFlushBytes: 1000 });
    let flushed!: () => void;
    const flush = new Promise<void>((resolve) => (flushed = resolve));
    const first = recorder.load({ ...pending('first', firstBytes), durable: () => flush });
    await tick();
    held.release();
    for (let i = 0; i < 3; i++) await tick();
    const next = recorder.load(pending('next'));
    for (let i = 0; i < 3; i++) await tick();
    const written = held.groups.map((group) => [...group]);
    flushed();
    await first;
    await tick();
    held.release();
    await next;
    return written;
  }

  it('when a group of at least longFlushBytes has been written, then the next group is written while its files still flush', async () => {
    expect(await writtenWhileFlushing(1000)).to.deep.equal([['first'], ['next']]);
  });

  it('when a smaller group has been written, then it keeps its slot until its files are on disk and the next group waits', async () => {
    expect(await writtenWhileFlushing(999)).to.deep.equal([['first']]);
  });
});
