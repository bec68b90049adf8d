import { SingleBar } from 'cli-progress';
import type { VerifyRow } from './rows';
import { plainLine } from './rows';

export interface Progress {
  start(total: number): void;
  done(row: VerifyRow): void;
  stop(): void;
}

/**
 * On a terminal, one bar on stderr: files done, pages read, documents per minute and the time
 * left. Elsewhere (pipes, CI logs), one plain line per document on stdout as it finishes.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, out: NodeJS.WritableStream = process.stdout): Progress {
  let total = 0;
  let finished = 0;
  let pages = 0;
  let started = 0;
  if (!stream.isTTY) {
    return {
      start: (n) => {
        total = n;
      },
      done: (row) => {
        finished += 1;
        out.write(`${plainLine(row, finished, total)}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream,
    format: 'verify [{bar}] {value}/{total} files | {pages} pages | {rate}/min | ETA {eta_formatted}',
    hideCursor: true,
    etaBuffer: 20,
  });
  return {
    start: (n) => {
      total = n;
      started = Date.now();
      bar.start(total, 0, { pages: 0, rate: '-' });
    },
    done: (row) => {
      finished += 1;
      pages += row.pages ?? 0;
      const minutes = (Date.now() - started) / 60_000;
      bar.update(finished, { pages, rate: minutes > 0 ? (finished / minutes).toFixed(1) : '-' });
    },
    stop: () => bar.stop(),
  };
}
