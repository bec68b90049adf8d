import { expect } from 'chai';
import type { DocumentKey } from '../../worker';
import { versionLoader } from '../../service/documents/versions';

/** A version store read when a query is sent, whose queries answer only when told; it records what each asked. */
function heldRepository(versions: Map<string, string>) {
  const queries: Array<{ keys: string[]; answer: () => void }> = [];
  return {
    queries,
    documentVersions(keys: readonly DocumentKey[]): Promise<(string | null)[]> {
      const rows = keys.map((k) => versions.get(k.id) ?? null);
      return new Promise((resolve) => queries.push({ keys: keys.map((k) => k.id), answer: () => resolve(rows) }));
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const key = (id: string): DocumentKey => ({ tenant_id: 't', id });

describe('document versions read in batches', () => {
  it('when requests ask while a version query is out, then they wait and share one next query, sent after all of them arrived', async () => {
    const versions = new Map([
      ['a', '1'],
      ['b', '1'],
      ['c', '1'],
    ]);
    const repo = heldRepository(versions);
    const loader = versionLoader(repo);

    const first = loader.load(key('a'));
    await turn();
    expect(repo.queries.map((q) => q.keys)).to.deep.equal([['a']]);

    // Asked while the first query is out, after the rows changed: neither may be answered from that query.
    versions.set('a', '2');
    const waiting = [loader.load(key('a')), loader.load(key('b'))];
    await turn();
    await turn();
    const late = loader.load(key('c'));
    await turn();
    expect(repo.queries).to.have.length(1);

    repo.queries[0]!.answer();
    expect(await first).to.equal('1');
    await turn();
    await turn();
    expect(repo.queries.map((q) => q.keys)).to.deep.equal([['a'], ['a', 'b', 'c']]);
    repo.queries[1]!.answer();
    expect(await Promise.all([...waiting, late])).to.deep.equal(['2', '1', '1']);
  });

  it('when nothing is out, then a request is sent at the next turn of the event loop, and a failed query fails only its batch', async () => {
    const repo = heldRepository(new Map([['a', '7']]));
    const failing = {
      calls: 0,
      documentVersions(keys: readonly DocumentKey[]): Promise<(string | null)[]> {
        return this.calls++ === 0 ? Promise.reject(new Error('connection lost')) : repo.documentVersions(keys);
      },
    };
    const loader = versionLoader(failing);
    const lost = loader.load(key('a')).catch((e: unknown) => e);
    expect(((await lost) as Error).message).to.equal('connection lost');

    const next = loader.load(key('a'));
    await turn();
    expect(repo.queries.map((q) => q.keys)).to.deep.equal([['a']]);
    repo.queries[0]!.answer();
    expect(await next).to.equal('7');
  });
});
