/**
 * The day's batch through differently run apps in turn (A B, then B A, ...) on one Postgres: each
 * run's wall time, the app's CPU seconds (what a loaded machine moves least), its split by kind of
 * thread, its peak RSS and its outcomes, with the load it ran under. What a thread count, a V8 flag
 * or tsx against the compiled build does to the batch, read within one run.
 * `npx tsx bench/batch-ab.ts --variant 'p4:PROCESSING_THREADS=4' --variant 'p2:PROCESSING_THREADS=2' [--rounds 2]`;
 * a variant is `name:` then settings (NAME=value), node flags (--flag) and `tsx` (run under tsx, not compiled).
 */
import fs from 'node:fs';
import os from 'node:os';
import { Command } from 'commander';
import { batchDocuments } from './documents';
import { startEnvironment, type AppRun } from './processes';
import { median } from './report';
import { startBatchApp, tally, warmThenTime, type BatchRun } from './sections/batch';

interface Variant {
  name: string;
  app: AppRun;
}

function parseVariant(spec: string): Variant {
  const [name, rest = ''] = spec.split(/:(.*)/s);
  const app: AppRun = { tsx: false, nodeArgs: [], env: {} };
  for (const token of rest.split(/\s+/).filter(Boolean)) {
    if (token === 'tsx') app.tsx = true;
    else if (token.startsWith('--')) app.nodeArgs.push(token);
    else if (/^\w+=/.test(token)) {
      const [key, value] = token.split(/=(.*)/s);
      app.env[key!] = value!;
    } else throw new Error(`variant ${name}: cannot read ${token}`);
  }
  return { name: name!, app };
}

/** A process's peak resident memory so far, MiB. */
function peakRssMib(pid: number | undefined): number | undefined {
  const status = pid === undefined ? '' : fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

interface Measured {
  variant: string;
  run: BatchRun;
  load: [number, number];
  peakMib?: number;
}

function describe(m: Measured): string {
  const threads = [...m.run.threads]
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, s]) => `${name} ${s.toFixed(1)}`)
    .join(', ');
  const live = [...m.run.threads.values()].reduce((sum, s) => sum + s, 0);
  const cpu = m.run.cpuSeconds ?? Number.NaN;
  return [
    `${m.variant.padEnd(10)} wall ${(m.run.ms / 1000).toFixed(1)} s, app CPU ${cpu.toFixed(1)} s, load ${m.load[0].toFixed(1)}->${m.load[1].toFixed(1)}, peak RSS ${m.peakMib?.toFixed(0) ?? '?'} MiB; ${tally(m.run.outcomes)}`,
    `           threads (CPU s): ${threads}; threads that ended ${(cpu - live).toFixed(1)}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = new Command()
    .name('batch-ab')
    .requiredOption('--variant <spec...>', "an app to measure: 'name:' then NAME=value settings, --node-flags and tsx")
    .option('--rounds <n>', 'alternating rounds (each runs every variant once)', '2')
    .parse()
    .opts<{ variant: string[]; rounds: string }>();
  const variants = options.variant.map(parseVariant);
  const docs = await batchDocuments();
  const env = await startEnvironment();
  const results: Measured[] = [];
  try {
    for (let round = 0; round < Number(options.rounds); round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        const app = await startBatchApp(env, `${variant.name}-${round}`, variant.app);
        try {
          const loadBefore = os.loadavg()[0]!;
          const run = await warmThenTime(app, docs);
          const measured = {
            variant: variant.name,
            run,
            load: [loadBefore, os.loadavg()[0]!] as [number, number],
            peakMib: peakRssMib(app.process.pid),
          };
          results.push(measured);
          process.stdout.write(`round ${round + 1} ${new Date().toISOString().slice(11, 19)}: ${describe(measured)}\n`);
        } finally {
          await app.stop();
        }
      }
    }
  } finally {
    await env.close();
  }
  for (const { name } of variants) {
    const runs = results.filter((r) => r.variant === name).map((r) => r.run);
    process.stdout.write(
      `${name.padEnd(10)} median wall ${(median(runs.map((r) => r.ms)) / 1000).toFixed(1)} s, median app CPU ${median(runs.map((r) => r.cpuSeconds ?? Number.NaN)).toFixed(1)} s over ${runs.length} runs\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
