import 'dotenv/config';
import { Command, InvalidArgumentError } from 'commander';
import { withRepositories } from './repositories';

function positive(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

async function main(): Promise<void> {
  const program = new Command('failed-documents')
    .description('List failed documents with the reason each failed (configured database, or the embedded one)')
    .option('-n, --limit <n>', 'how many, newest first', positive, 50)
    .option('-t, --tenant <id>', 'only this tenant id')
    .option('--json', 'one JSON object per line instead of a table')
    .parse();
  const opts = program.opts<{ limit: number; tenant?: string; json?: boolean }>();
  const failed = await withRepositories(({ documents }) => documents.failedDocuments({ limit: opts.limit, tenantId: opts.tenant }));
  if (opts.json) {
    for (const f of failed) process.stdout.write(`${JSON.stringify(f)}\n`);
  } else if (failed.length === 0) {
    process.stdout.write('No failed documents.\n');
  } else {
    console.table(failed);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`failed-documents: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
