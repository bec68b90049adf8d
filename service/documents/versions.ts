import DataLoader from 'dataloader';
import type { DocumentKey, DocumentRepository } from '../../worker';

export type VersionLoader = DataLoader<DocumentKey, string | null, DocumentKey>;

/**
 * Reads document versions a batch at a time: the requests that ask during one turn of the event
 * loop share one query, sent after every one of them arrived, so each is answered from the database
 * as it stands after its request came in. Nothing is remembered between batches.
 */
export function versionLoader(repo: Pick<DocumentRepository, 'documentVersions'>): VersionLoader {
  return new DataLoader((keys) => repo.documentVersions(keys), {
    cache: false,
    batchScheduleFn: (send) => setImmediate(send),
    maxBatchSize: 1000,
  });
}
