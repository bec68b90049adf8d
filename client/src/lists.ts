import type { operations } from './generated/schema';

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** Filters of the document list (and `limit`, the page size); `cursor` is the helpers' business. */
export type DocumentQuery = Omit<Query<'ListDocuments'>, 'cursor'>;
export type CaseQuery = Omit<Query<'ListCases'>, 'cursor'>;
export type MonitorQuery = Omit<Query<'ListMonitors'>, 'cursor'>;

/** One page of any list: its items and where the next page starts (null on the last). */
export interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * Every item of every page, in the API's order, fetching each page only when the one before is
 * used up: `for await` over a queue of any length holds one page at a time, and `break` stops fetching.
 */
export async function* followCursor<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
