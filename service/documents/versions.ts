import DataLoader from 'dataloader';
import type { DocumentKey, DocumentRepository } from '../../worker';

export type VersionLoader = DataLoader<DocumentKey, string | null, DocumentKey>;

/**
 * Reads document versions a batch at a time, one query out at once: the requests that ask while a
 * query is out wait for it to return and share the next one, sent after every one of them arrived,
 * so each is answered from the database as it stands after its request came in. Under load a batch
 * is every request of one round trip, rather than of one event-loop turn. Nothing is remembered
 * between batches.
 */
export function versionLoader(repo: Pick<DocumentRepository, 'documentVersions'>): VersionLoader {
  let outstanding: Promise<void> | undefined;
  return new DataLoader(
    (keys) => {
      const query = repo.documentVersions(keys);
      const settled = query.then(
        () => undefined,
        () => undefined,
      );
      outstanding = settled;
      void settled.then(() => {
        if (outstanding === settled) outstanding = undefined;
      });
      return query;
    },
    {
      cache: false,
      batchScheduleFn: (send) => {
        if (outstanding) void outstanding.then(() => setImmediate(send));
        else setImmediate(send);
      },
      maxBatchSize: 1000,
    },
  );
}
