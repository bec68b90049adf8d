import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { startEnvironment, ROOT } from './processes';
import { formatTable, row, type Row } from './report';
import type { Section } from './section';
import { apiSection } from './sections/api';
import { batchSection } from './sections/batch';
import { coldStartSection } from './sections/cold-start';
import { endToEndSection } from './sections/end-to-end';
import { forensicsSection } from './sections/forensics';
import { memorySection } from './sections/memory';
import { ocrSection } from './sections/ocr';
import { pagingSection } from './sections/paging';
import { uploadSection } from './sections/upload';

/** In the order they run: the CPU-bound OCR work last but one, so it does not heat the request figures. */
const SECTIONS: Section[] = [
  apiSection,
  uploadSection,
  endToEndSection,
  pagingSection,
  coldStartSection,
  batchSection,
  ocrSection,
  forensicsSection,
  memorySection,
];

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A section that failed still owns its rows: they say it was not measured and why, never a number. */
function unmeasured(section: Section, error: unknown): Row[] {
  const reason = ((error as Error).message ?? String(error)).split('\n')[0]!.slice(0, 300);
  return section.figures.map((figure) =>
    row({ section: section.name, figure, measured: { value: null, unit: '' }, note: `not measured: ${reason}` }),
  );
}

async function runSections(sections: Section[]): Promise<Row[]> {
  const env = await startEnvironment();
  const rows: Row[] = [];
  try {
    for (const section of sections) {
      const started = Date.now();
      log(`${section.name}: start`);
      try {
        rows.push(...(await section.run({ env, log })));
      } catch (error) {
        log(`${section.name}: failed: ${(error as Error).stack ?? String(error)}`);
        rows.push(...unmeasured(section, error));
      }
      log(`${section.name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await env.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('bench')
    .description('Measures the system against its baselines, as ratios taken in the same run.')
    .option('--only <sections>', `comma-separated subset of: ${SECTIONS.map((s) => s.name).join(', ')}`)
    .option('--out <file>', 'where to write the rows (default bench/results.json; a subset goes to bench/out/results.<sections>.json)')
    .parse();
  const options = program.opts<{ only?: string; out?: string }>();
  const wanted = options.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) program.error(`unknown section: ${unknown.join(', ')}`);
  const sections = wanted ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;

  const started = Date.now();
  const loadBefore = os.loadavg()[0]!;
  const rows = await runSections(sections);
  const loadAfter = os.loadavg()[0]!;
  const seconds = Math.round((Date.now() - started) / 1000);
  const out = path.resolve(
    ROOT,
    options.out ?? (wanted ? `bench/out/results.${sections.map((s) => s.name).join('-')}.json` : 'bench/results.json'),
  );
  const machine = {
    cpus: os.availableParallelism(),
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other work on a shared machine slows both sides of a ratio, but not always alike: this says how busy it was.
    load_average_1m: { start: loadBefore, end: loadAfter },
  };
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(
    out,
    `${JSON.stringify({ generated_at: new Date().toISOString(), duration_seconds: seconds, machine, rows }, null, 2)}\n`,
  );
  const busy =
    Math.max(loadBefore, loadAfter) > machine.cpus
      ? ' Other work was competing for the cores: absolute figures are noisy, ratios less so.'
      : '';
  process.stdout.write(
    `\n${formatTable(rows)}\n\nWrote ${path.relative(process.cwd(), out)} in ${seconds} s on ${machine.cpus} cores (${machine.cpu_model}); load average ${loadBefore.toFixed(1)} at start, ${loadAfter.toFixed(1)} at end.${busy}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
