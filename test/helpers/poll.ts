import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** How long to keep asking; generous, since a busy CI machine runs the suite beside other work. */
  timeoutMs?: number;
  everyMs?: number;
}

/**
 * Asks `probe` until `done` holds for its answer or the time is up, and returns the last answer either
 * way: the caller's assertion on it then says what was seen when time ran out.
 */
export async function pollUntil<T>(
  probe: () => T | Promise<T>,
  done: (answer: T) => boolean,
  { timeoutMs = 20_000, everyMs = 50 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (done(answer) || Date.now() >= deadline) return answer;
    await sleep(everyMs);
  }
}

/** Waits until `condition` holds; throws, naming `what`, when the time is up first. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, options: PollOptions = {}): Promise<void> {
  if (!(await pollUntil(condition, Boolean, options))) throw new Error(`${what}: not reached within ${options.timeoutMs ?? 20_000} ms`);
}
