import { hash } from 'node:crypto';
import { expect } from 'chai';
import { StorageObjectNotFound } from '../../worker/storage/port';
import { OriginalNotStored, storedOriginal } from '../../worker/storage/original';

const file = Buffer.from('%PDF-1.7 the whole file as uploaded');
const recorded = { size_bytes: file.length, sha256: hash('sha256', file, 'hex') };

/** A store that answers each look with the next of `answers` (the last one from then on), counting the looks. */
function storeAnswering(...answers: Array<Buffer | null>) {
  const store = {
    looks: 0,
    async get(key: string): Promise<Buffer> {
      const answer = answers[Math.min(store.looks++, answers.length - 1)];
      if (!answer) throw new StorageObjectNotFound(key);
      return answer;
    },
  };
  return store;
}

describe('stored original', () => {
  it('when the stored bytes are those the row recorded, then they are returned at the first look', async () => {
    const store = storeAnswering(file);
    expect(await storedOriginal(store, 'k', recorded, [1, 1])).to.equal(file);
    expect(store.looks).to.equal(1);
  });

  it('when the write lands while the worker looks again (it came before the file), then the whole file is returned', async () => {
    const store = storeAnswering(null, file.subarray(0, 8), file);
    expect(await storedOriginal(store, 'k', recorded, [1, 1, 1])).to.deep.equal(file);
    expect(store.looks).to.equal(3);
  });

  it('when the file stays torn after every look, then it is refused original_incomplete, and a missing one original_missing', async () => {
    const torn = await storedOriginal(storeAnswering(file.subarray(0, 8)), 'k', recorded, [1]).catch((e: unknown) => e);
    expect(torn).to.be.instanceOf(OriginalNotStored);
    expect((torn as OriginalNotStored).code).to.equal('original_incomplete');
    const missing = await storedOriginal(storeAnswering(null), 'k', recorded, [1]).catch((e: unknown) => e);
    expect((missing as OriginalNotStored).code).to.equal('original_missing');
  });

  it('when the file has the recorded size but other bytes, then it is refused original_incomplete', async () => {
    const other = Buffer.alloc(file.length, 0x20);
    const refused = await storedOriginal(storeAnswering(other), 'k', recorded, []).catch((e: unknown) => e);
    expect((refused as OriginalNotStored).code).to.equal('original_incomplete');
  });

  it('when the store itself fails, then the error is passed on as it is, for the queue to retry', async () => {
    const store = { get: async () => Promise.reject(new Error('EACCES')) };
    const failed = await storedOriginal(store, 'k', recorded, [1]).catch((e: unknown) => e);
    expect((failed as Error).message).to.equal('EACCES');
  });
});
