import 'dotenv/config';
import { Command } from 'commander';
import type { ChainReport } from '../worker';
import { withRepositories } from './repositories';

function describe(tenant: string, report: ChainReport): string {
  const counted = `${report.records} record${report.records === 1 ? '' : 's'}${report.erased ? ` (${report.erased} erased by recorded deletions)` : ''}`;
  if (!report.broken) return `Evidence chain of tenant ${tenant} holds: ${counted} checked.\n`;
  const { id, chain_seq, reason } = report.broken;
  return `Evidence chain of tenant ${tenant} is BROKEN at record ${id} (#${chain_seq} in the chain): ${reason.replaceAll('_', ' ')}. ${counted} read.\n`;
}

/** `kyb evidence verify --tenant <name or id>`: exit 0 when the chain holds, 1 when it is broken. */
export function evidenceCommand(): Command {
  const program = new Command('evidence').description("Check a tenant's tamper-evident evidence chain");
  program
    .command('verify')
    .description("Walk a tenant's evidence chain and name the first record that does not hold (exit 1)")
    .requiredOption('-t, --tenant <name-or-id>', 'tenant name or id')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const report = await withRepositories(async ({ apiKeys, evidence }) => {
        const tenant = await apiKeys.findTenant(opts.tenant);
        if (!tenant) throw new Error(`No tenant named ${opts.tenant}`);
        return evidence.verifyChain(tenant.id);
      });
      process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : describe(opts.tenant, report));
      if (report.broken) process.exitCode = 1;
    });
  return program;
}

if (require.main === module) {
  evidenceCommand()
    .parseAsync()
    .catch((error: unknown) => {
      process.stderr.write(`evidence: ${(error as Error).message}\n`);
      process.exit(2);
    });
}
