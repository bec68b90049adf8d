#!/usr/bin/env node
import 'dotenv/config';
import { Command } from 'commander';
import { apiKeyCommand } from './api-key';
import { evidenceCommand } from './evidence';
import { redriveCommand } from './redrive';
import { verifyCommand } from './verify/command';

/** One command line for the operational verbs the Makefile wraps: `kyb <verb> --help` for each. */
export function program(): Command {
  const root = new Command('kyb')
    .description(
      'KYB document verification: verify documents in batches, run the service, manage API keys, redrive failed tasks, verify evidence chains',
    )
    .showHelpAfterError();
  root.addCommand(verifyCommand());
  root.addCommand(
    new Command('serve')
      .description(
        'Run the API with its in-process worker on the configured (default: embedded) database, storage and queue; what `make dev` runs',
      )
      .action(async () => (await import('../service/server.js')).main()),
  );
  root.addCommand(apiKeyCommand());
  root.addCommand(redriveCommand());
  root.addCommand(evidenceCommand());
  return root;
}

if (require.main === module) {
  program()
    .parseAsync()
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    });
}
