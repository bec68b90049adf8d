import { Command, Option } from 'commander';
import type { VerifyFlags } from './report';

export function verifyCommand(): Command {
  return new Command('verify')
    .description('Verify documents in this process on the embedded defaults (no server needed): files, folders, globs or - for stdin')
    .argument(
      '<files-or-folders...>',
      'PDFs or images, folders of them (searched recursively), quoted globs, or - to read one path per line from standard input',
    )
    .option('--company-number <number>', 'the Companies House number the documents should belong to')
    .option('--company-name <name>', 'the registered name the documents should show')
    .option('--vat-number <number>', 'the VAT registration number the documents should show')
    .addOption(new Option('--json <file>', 'write the report as JSON').conflicts('csv'))
    .addOption(new Option('--csv <file>', 'write the report as CSV').conflicts('json'))
    .option('--concurrency <n>', 'documents processed at once (default WORKER_CONCURRENCY)')
    .addHelpText('after', '\nExit code: 0 every document verified, 1 some not verified, 2 a document could not be processed (or no files).')
    .action(async (targets: string[], flags: VerifyFlags) => {
      // Loaded here, so `--help` does not pay for the pipeline's start-up.
      const { runVerify } = await import('./report.js');
      process.exitCode = await runVerify(targets, flags);
    });
}
