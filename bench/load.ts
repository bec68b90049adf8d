import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  requests: number;
}

export class LoadError extends Error {
  constructor(url: string, detail: string) {
    super(`load on ${url} failed: ${detail}`);
    this.name = 'LoadError';
  }
}

/**
 * Drives one server with autocannon from this process. A run with any error or non-2xx answer
 * is refused: a fast 429 or 500 would otherwise count as throughput.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    const codes = Object.keys((result as { statusCodeStats?: Record<string, unknown> }).statusCodeStats ?? {}).join(', ');
    throw new LoadError(
      options.url,
      `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers (status codes seen: ${codes || 'none'})`,
    );
  }
  return {
    requestsPerSecond: result.requests.total / options.durationSeconds,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

/**
 * Alternates the runs of several servers (a b a b ...) and keeps each one's best round: noise on a
 * shared machine only ever slows a run down, and alternating spreads any drift over both.
 */
export async function bestOfAlternating<K extends string>(
  rounds: number,
  runs: Record<K, () => Promise<LoadResult>>,
): Promise<Record<K, LoadResult>> {
  const best = {} as Record<K, LoadResult>;
  for (let round = 0; round < rounds; round++) {
    for (const key of Object.keys(runs) as K[]) {
      const result = await runs[key]();
      if (!best[key] || result.requestsPerSecond > best[key].requestsPerSecond) best[key] = result;
    }
  }
  return best;
}
