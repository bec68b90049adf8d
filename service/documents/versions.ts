import DataLoader from 'dataloader';
import { boundedBatches } from './bounded-batches';
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
  const slots = boundedBatches(1);
  return new DataLoader(
    async (keys) => {
      try {
        return await repo.documentVersions(keys);
      } finally {
        slots.settled();
      }
    },
    { cache: false, maxBatchSize: 1000, batchScheduleFn: slots.batchScheduleFn },
  );
}
