import 'dotenv/config';
import { Command, InvalidArgumentError } from 'commander';
import { Op } from 'sequelize';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { DocumentRow, Tenant } from '../db/models';
import { createLogger } from '../logger';
import { loadSecrets } from '../secrets';

export interface FailedDocument {
  document_id: string;
  tenant: string;
  filename: string;
  error_code: string;
  error_message: string;
  failed_at: string;
}

export interface FailedQuery {
  limit: number;
  tenantId?: string;
  /** Only documents that failed at or after this time. */
  since?: Date;
}

/** Failed documents, newest first, with the code and message they failed with. */
export async function listFailedDocuments(query: FailedQuery): Promise<FailedDocument[]> {
  const rows = await DocumentRow.findAll({
    where: {
      status: 'failed',
      ...(query.tenantId ? { tenant_id: query.tenantId } : {}),
      ...(query.since ? { updated_at: { [Op.gte]: query.since } } : {}),
    },
    order: [['updated_at', 'DESC']],
    limit: query.limit,
  });
  const tenantIds = [...new Set(rows.map((r) => r.tenant_id))];
  const tenants = new Map((await Tenant.findAll({ where: { id: tenantIds } })).map((t) => [t.id, t.name]));
  return rows.map((r) => ({
    document_id: r.id,
    tenant: tenants.get(r.tenant_id) ?? r.tenant_id,
    filename: r.filename,
    error_code: r.error_code ?? 'unknown',
    error_message: r.error_message ?? '',
    failed_at: r.updated_at.toISOString(),
  }));
}

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
  await loadSecrets();
  const config = loadConfig();
  const db = await openDatabase(config, createLogger('warn'));
  try {
    const failed = await listFailedDocuments({ limit: opts.limit, tenantId: opts.tenant });
    if (opts.json) {
      for (const f of failed) process.stdout.write(`${JSON.stringify(f)}\n`);
    } else if (failed.length === 0) {
      process.stdout.write('No failed documents.\n');
    } else {
      console.table(failed);
    }
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`failed-documents: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
