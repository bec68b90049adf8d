/**
 * What OCR is handed, page by page: the SHA-256 of every cleaned page of the reading corpus's cached
 * documents (scans, photos, image PDFs), and the CPU seconds clean-up spent on them, on its own
 * thread and on the others (libvips' workers, the collector's helpers). A change meant
 * to leave OCR's input byte-identical is proved so by the same list before and after it:
 * `npx tsx bench/clean-identity.ts --out before.txt`, change, `--out after.txt`, `diff` the two.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { threadCpuUsage } from 'node:process';
import { Command } from 'commander';
import { cleanImage } from '../worker/images/clean';
import { corpusPages, MAX_PIXELS } from './corpus-pages';
import { cpuMsOf, ownCpuMs } from './cpu';

async function main(): Promise<void> {
  const program = new Command()
    .option('--documents <n>', 'documents to read, the first in name order (text PDFs skipped)', '60')
    .requiredOption('--out <file>', 'where the page digests go');
  program.parse();
  const options = program.opts<{ documents: string; out: string }>();
  const lines: string[] = [];
  let cleaning = 0;
  let ownThread = 0;
  for await (const { label, image } of corpusPages(Number(options.documents))) {
    const before = ownCpuMs() / 1000;
    const threadBefore = cpuMsOf(threadCpuUsage()) / 1000;
    const { png } = await cleanImage(image, { maxPixels: MAX_PIXELS });
    cleaning += ownCpuMs() / 1000 - before;
    ownThread += cpuMsOf(threadCpuUsage()) / 1000 - threadBefore;
    lines.push(`${label} ${createHash('sha256').update(png).digest('hex')}`);
  }
  await writeFile(options.out, `${lines.join('\n')}\n`);
  console.log(
    `${lines.length} pages cleaned in ${cleaning.toFixed(2)} CPU s: ${ownThread.toFixed(2)} on its own thread, ` +
      `${(cleaning - ownThread).toFixed(2)} on others`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
