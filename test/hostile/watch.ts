import fs from 'node:fs';

/** What was seen of the server while one document was processed. */
export interface Watched {
  /** Slowest answer of /health, in ms. */
  maxHealthMs: number;
  healthChecks: number;
  /** Highest resident memory of this process (the server runs in it), in bytes. */
  peakRss: number;
  /** Resident memory when the watch began, in bytes. */
  startRss: number;
}

const STATUS = '/proc/self/status';

/** Linux keeps the process's peak RSS (VmHWM); writing 5 to clear_refs starts it again from now. */
function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function kernelPeak(): number {
  const kb = /VmHWM:\s*(\d+)/.exec(fs.readFileSync(STATUS, 'utf8'))?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/**
 * Polls `/health` one request after another and samples the resident memory until stopped. The
 * server shares this process, so a blocked event loop shows up as a slow answer here.
 */
export function watchServer(baseUrl: string, everyMs = 100): { stop(): Promise<Watched> } {
  const startRss = process.memoryUsage.rss();
  const kernel = resetPeak();
  let running = true;
  let maxHealthMs = 0;
  let healthChecks = 0;
  let sampledPeak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 50);
  const poll = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/health`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`/health answered ${res.status}`);
      maxHealthMs = Math.max(maxHealthMs, performance.now() - started);
      healthChecks++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await poll;
      clearInterval(sampler);
      return { maxHealthMs, healthChecks, startRss, peakRss: Math.max(sampledPeak, kernel ? kernelPeak() : 0) };
    },
  };
}
