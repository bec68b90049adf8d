/** Raised instead of waiting when the window reopens later than the caller can afford. */
export class RateLimitWaitTooLong extends Error {
  constructor(readonly waitMs: number) {
    super(`Rate limit window reopens in ${waitMs} ms`);
    this.name = 'RateLimitWaitTooLong';
  }
}

export interface WindowLimiterOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Longest a caller waits for the window to reopen before giving up. */
  maxWaitMs: number;
  now?: () => number;
}

/**
 * A fixed-window budget shared by every caller in the process. It is a small class of its own
 * because the registry's headers are the truth: they count what other processes using the same
 * key spent too, and say exactly when the window reopens, which a generic limiter cannot adopt.
 */
export class WindowLimiter {
  private remaining: number;
  private resetAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: WindowLimiterOptions) {
    this.remaining = options.limit;
    this.now = options.now ?? Date.now;
  }

  /** Takes one request from the budget, waiting for the next window when it is spent. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now >= this.resetAt) {
        this.remaining = this.options.limit;
        this.resetAt = now + this.options.windowMs;
      }
      if (this.remaining > 0) {
        this.remaining -= 1;
        return;
      }
      const wait = this.resetAt - now;
      if (wait > this.options.maxWaitMs) throw new RateLimitWaitTooLong(wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Adopts the registry's own count: requests left and when (epoch seconds) the window resets. */
  observe(remaining: number | undefined, resetEpochSeconds: number | undefined): void {
    if (resetEpochSeconds !== undefined && Number.isFinite(resetEpochSeconds)) this.resetAt = resetEpochSeconds * 1000;
    if (remaining !== undefined && Number.isFinite(remaining)) this.remaining = Math.max(0, remaining);
  }

  /** Reads the Companies House style headers (X-Ratelimit-Remain, X-Ratelimit-Reset). */
  observeHeaders(headers: Headers): void {
    const number = (name: string) => {
      const raw = headers.get(name);
      return raw === null || raw.trim() === '' ? undefined : Number(raw);
    };
    this.observe(number('x-ratelimit-remain') ?? number('x-ratelimit-remaining'), number('x-ratelimit-reset'));
  }
}
