import 'dotenv/config';
import { Argument, Command, Option } from 'commander';
import type { Role } from '../worker';
import { withRepositories } from './repositories';

const ROLES: Role[] = ['submitter', 'reviewer', 'admin'];
const roleOption = () =>
  new Option('-r, --role <role>', 'submitter (upload and read), reviewer (read and decide reviews) or admin (both)')
    .choices(ROLES)
    .default('submitter');

/** The api-key command and its verbs; `kyb api-key` mounts the same command. */
export function apiKeyCommand(): Command {
  const program = new Command('api-key').description('Create, list and revoke API keys. Keys are stored hashed; a new key is shown once.');

  program
    .command('create')
    .description('Create a key for a tenant (the tenant is created if new); prints the key as the last line')
    .requiredOption('-t, --tenant <name>', 'tenant name')
    .option('-l, --label <label>', 'what the key is for')
    .addOption(roleOption())
    .action(async (opts: { tenant: string; label?: string; role: Role }) => {
      const created = await withRepositories(({ apiKeys }) => apiKeys.create(opts.tenant, { label: opts.label, role: opts.role }));
      process.stdout.write(
        `Created ${created.role} key ${created.id} for tenant ${opts.tenant}. Store it now: it cannot be shown again.\n${created.key}\n`,
      );
    });

  program
    .command('role')
    .description("Change an active key's role, by its id or by the key itself")
    .argument('<id-or-key>')
    .addArgument(new Argument('<role>').choices(ROLES))
    .action(async (idOrKey: string, role: Role) => {
      const count = await withRepositories(({ apiKeys }) => apiKeys.setRole(idOrKey, role));
      process.stdout.write(count > 0 ? `The key is now a ${role}.\n` : 'No active key matched.\n');
      if (count === 0) process.exitCode = 1;
    });

  program
    .command('revoke')
    .description('Revoke a key by its id or by the key itself')
    .argument('<id-or-key>')
    .action(async (idOrKey: string) => {
      const count = await withRepositories(({ apiKeys }) => apiKeys.revoke(idOrKey));
      process.stdout.write(count > 0 ? `Revoked ${count} key.\n` : 'No active key matched.\n');
      if (count === 0) process.exitCode = 1;
    });

  program
    .command('list')
    .description('List keys (ids, tenants, prefixes, state); never the keys themselves')
    .action(async () => {
      const keys = await withRepositories(({ apiKeys }) => apiKeys.list());
      const rows = keys.map((k) => ({
        id: k.id,
        tenant: k.tenant,
        prefix: `${k.prefix}…`,
        label: k.label ?? '',
        role: k.role,
        state: k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : 'active',
      }));
      console.table(rows);
    });

  return program;
}

if (require.main === module) {
  apiKeyCommand()
    .parseAsync()
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    });
}
