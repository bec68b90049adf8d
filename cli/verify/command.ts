import { Command, Option } from 'commander';
import type { VerifyFlags } from './report';

export function verifyCommand(): Command {
  return new Command('verify')
    .description('Verify a document, or every document in a folder, in this process on the embedded defaults (no server needed)')
    .argument('<file-or-folder>', 'a PDF or image, or a folder of them (searched recursively)')
    .option('--company-number <number>', 'the Companies House number the documents should belong to')
    .option('--company-name <name>', 'the registered name the documents should show')
    .option('--vat-number <number>', 'the VAT registration number the documents should show')
    .addOption(new Option('--json <file>', 'write the report as JSON').conflicts('csv'))
    .addOption(new Option('--csv <file>', 'write the report as CSV').conflicts('json'))
    .option('--concurrency <n>', 'documents processed at once (default WORKER_CONCURRENCY)')
    .addHelpText('after', '\nExit code: 0 every document verified, 1 some not verified, 2 a document could not be processed (or no files).')
    .action(async (target: string, flags: VerifyFlags) => {
      // Loaded here, so `--help` does not pay for the pipeline's start-up.
      const { runVerify } = await import('./report.js');
      process.exitCode = await runVerify(target, flags);
    });
}
