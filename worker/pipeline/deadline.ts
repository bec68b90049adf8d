/**
 * A task's processing deadline that grows with the work the task turns out to hold: a base
 * allowance for the document, and more for each page that must be rendered and OCR'd. A flat
 * limit either let a one-page scan run for minutes or failed a 20-page one `processing_timeout`
 * on a busy machine.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly started = Date.now();
  private allowedMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    baseMs: number,
    private readonly perPageMs: number,
  ) {
    this.allowedMs = baseMs;
    this.schedule();
  }

  /** Aborted once the allowance passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Extends the allowance by `count` more pages to render and OCR. */
  addPages(count: number): void {
    if (this.controller.signal.aborted || count <= 0) return;
    this.allowedMs += count * this.perPageMs;
    this.schedule();
  }

  /** Stops the clock once the task has ended either way. */
  stop(): void {
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const left = Math.max(0, this.started + this.allowedMs - Date.now());
    this.timer = setTimeout(() => this.controller.abort(new DOMException('The processing deadline passed', 'TimeoutError')), left);
    // Like AbortSignal.timeout: a pending deadline never keeps the process alive.
    this.timer.unref();
  }
}
