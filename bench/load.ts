import autocannon from 'autocannon';
import os from 'node:os';

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

/** One round's run of a server, with the machine's load (1-minute average) as it started. */
export interface RoundResult extends LoadResult {
  load: number;
}

/**
 * Runs the servers in turn, round after round, and keeps every run: a server is compared with its
 * baseline within each round, where both ran back to back under the same load. The order reverses
 * every other round, so neither side of a pair always runs first (after the other's disk work).
 */
export async function alternatingRounds<K extends string>(
  rounds: number,
  runs: Record<K, () => Promise<LoadResult>>,
): Promise<Array<Record<K, RoundResult>>> {
  const keys = Object.keys(runs) as K[];
  const results: Array<Record<K, RoundResult>> = [];
  for (let round = 0; round < rounds; round++) {
    const result = {} as Record<K, RoundResult>;
    for (const key of round % 2 === 0 ? keys : [...keys].reverse()) {
      const load = os.loadavg()[0]!;
      result[key] = { ...(await runs[key]()), load };
    }
    results.push(result);
  }
  return results;
}

/** A server against its baseline over alternating rounds: the round whose ratio is the median, and the spread of all. */
export interface PairedFigure {
  /** The median round's runs: their ratio is the median of the rounds' ratios (an odd count of rounds gives an observed one). */
  measured: RoundResult;
  baseline: RoundResult;
  /** Every round's ratio, smallest first. */
  ratios: number[];
  /** The lowest and highest load any of the pair's runs started under. */
  load: { min: number; max: number };
}

/**
 * Pairs `measured` with `baseline` within each round and reads the median of the pair ratios: a
 * machine whose speed swings between rounds moves both sides of a pair, so the ratio holds where a
 * best-of or an average of rates does not.
 */
export function pairedFigure<K extends string>(rounds: ReadonlyArray<Record<K, RoundResult>>, measured: K, baseline: K): PairedFigure {
  if (rounds.length === 0) throw new RangeError('a paired figure needs at least one round');
  const pairs = rounds
    .map((round) => ({ round, ratio: round[measured].requestsPerSecond / round[baseline].requestsPerSecond }))
    .sort((a, b) => a.ratio - b.ratio);
  const middle = pairs[Math.floor((pairs.length - 1) / 2)]!.round;
  const loads = rounds.flatMap((round) => [round[measured].load, round[baseline].load]);
  return {
    measured: middle[measured],
    baseline: middle[baseline],
    ratios: pairs.map(({ ratio }) => ratio),
    load: { min: Math.min(...loads), max: Math.max(...loads) },
  };
}

/** `median 61% (spread 48%-70%, 9 rounds, load 2.1-9.8)`: how a paired figure was read. */
export function describePaired(figure: PairedFigure): string {
  const percent = (r: number) => `${Math.round(r * 100)}%`;
  const { ratios, load } = figure;
  const median = ratios[Math.floor((ratios.length - 1) / 2)]!;
  return `median ${percent(median)} (spread ${percent(ratios[0]!)}-${percent(ratios.at(-1)!)}, ${ratios.length} rounds, load ${load.min.toFixed(1)}-${load.max.toFixed(1)})`;
}
