import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as initial from './migrations/0001-initial';
import * as webhooks from './migrations/0002-webhooks';
import * as audit from './migrations/0003-audit';
import * as cases from './migrations/0004-cases';
import * as monitoring from './migrations/0005-monitoring';
import * as appUser from './migrations/0006-app-user';
import * as reviewQueue from './migrations/0007-review-queue';
import * as taskGenerations from './migrations/0008a-task-generations';
import * as evidenceChain from './migrations/0008b-evidence-chain';
import * as webhookOutbox from './migrations/0008c-webhook-outbox';
import * as directUploads from './migrations/0009-direct-uploads';
import * as documentTouch from './migrations/0012-document-touch';
import * as fewerDocumentIndexEntries from './migrations/0013-fewer-document-index-entries';

/**
 * Listed explicitly rather than globbed so the bundled Lambda carries them too.
 * Append new migrations; never edit one that has shipped.
 */
const migrations = [
  { name: '0001-initial', ...initial },
  { name: '0002-webhooks', ...webhooks },
  { name: '0003-audit', ...audit },
  { name: '0004-cases', ...cases },
  { name: '0005-monitoring', ...monitoring },
  { name: '0006-app-user', ...appUser },
  { name: '0007-review-queue', ...reviewQueue },
  { name: '0008a-task-generations', ...taskGenerations },
  { name: '0008b-evidence-chain', ...evidenceChain },
  { name: '0008c-webhook-outbox', ...webhookOutbox },
  { name: '0009-direct-uploads', ...directUploads },
  { name: '0012-document-touch', ...documentTouch },
  { name: '0013-fewer-document-index-entries', ...fewerDocumentIndexEntries },
];

function migrator(sequelize: Sequelize): Umzug<QueryInterface> {
  return new Umzug({
    migrations,
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

const MIGRATION_LOCK = 7_304_211;

/**
 * Applies pending migrations. The API tasks and the Lambda may start together, so a
 * transaction-scoped advisory lock makes them take turns.
 */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  return sequelize.transaction(async (transaction) => {
    await sequelize.query('SELECT pg_advisory_xact_lock(:lock)', { replacements: { lock: MIGRATION_LOCK }, transaction });
    const applied = await migrator(sequelize).up();
    return applied.map((m) => m.name);
  });
}
