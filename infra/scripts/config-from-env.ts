import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'dotenv';
import { SECRET_SETTINGS } from '../config';

/**
 * `make config-from-env FILE=.env STACK=dev`: turns a .env file into stack config, secrets as
 * secrets, replacing the seed's hand-run sync-env-to-ecs.sh / update-ecs-config.sh.
 */

type Kind = 'string' | 'int' | 'array' | 'secret';

const PROJECT = 'kyb-verification';

/** Every variable the stack can take from a .env file, and the config key it becomes. */
export const ENV_TO_CONFIG: Record<string, { key: string; kind: Kind }> = {
  ...Object.fromEntries(SECRET_SETTINGS.map(({ env, key }) => [env, { key, kind: 'secret' as const }])),
  AWS_REGION: { key: 'aws:region', kind: 'string' },
  LOG_LEVEL: { key: 'logLevel', kind: 'string' },
  S3_PREFIX: { key: 's3Prefix', kind: 'string' },
  CORS_ORIGINS: { key: 'corsOrigins', kind: 'array' },
  MAX_UPLOAD_BYTES: { key: 'maxUploadBytes', kind: 'int' },
  MAX_PDF_PAGES: { key: 'maxPdfPages', kind: 'int' },
  QUEUE_MAX_ATTEMPTS: { key: 'maxReceiveCount', kind: 'int' },
  TASK_TIMEOUT_SECONDS: { key: 'taskTimeoutSeconds', kind: 'int' },
  COMPANIES_HOUSE_API_URL: { key: 'companiesHouseApiUrl', kind: 'string' },
  HMRC_API_URL: { key: 'hmrcApiUrl', kind: 'string' },
  HMRC_REQUESTER_VRN: { key: 'hmrcRequesterVrn', kind: 'string' },
  OPENAI_BASE_URL: { key: 'openaiBaseUrl', kind: 'string' },
  OPENAI_MODEL: { key: 'openaiModel', kind: 'string' },
  WEBHOOK_URL: { key: 'webhookUrl', kind: 'string' },
  DATABASE_SECRET_ARN: { key: 'databaseSecretArn', kind: 'string' },
};

/** Variables the stack sets itself in AWS (or that only mean something locally). */
export const MANAGED_BY_STACK = new Set([
  'NODE_ENV',
  'HOST',
  'PORT',
  'PUBLIC_URL',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_MAX',
  'EMBEDDED_POSTGRES_PORT',
  'STORAGE',
  'S3_BUCKET_NAME',
  'S3_KMS_KEY_ID',
  'S3_ENDPOINT',
  'S3_FORCE_PATH_STYLE',
  'PRESIGN_TTL_SECONDS',
  'QUEUE',
  'USE_SQS',
  'SQS_QUEUE_URL',
  'SQS_DLQ_URL',
  'SQS_ENDPOINT',
  'WORKER_CONCURRENCY',
  'DEV_API_KEY',
]);

export interface PulumiCommand {
  args: string[];
  /** Secret values travel on stdin, never on the command line (visible in `ps`). */
  stdin?: string;
  /** Failure is expected and harmless (removing a key that is not set). */
  mayFail?: boolean;
}

export interface ConfigPlan {
  commands: PulumiCommand[];
  /** `NAME → key (secret)` lines, safe to print. */
  applied: string[];
  skippedEmpty: string[];
  managed: string[];
  unknown: string[];
}

const qualified = (key: string) => (key.includes(':') ? key : `${PROJECT}:${key}`);

function commandsFor(stack: string, key: string, kind: Kind, value: string): PulumiCommand[] {
  const base = ['config', 'set', '--stack', stack];
  switch (kind) {
    case 'secret':
      return [{ args: [...base, '--secret', '--', qualified(key)], stdin: value }];
    case 'int':
      return [{ args: [...base, '--type', 'int', '--', qualified(key), value] }];
    case 'array': {
      const items = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return [
        { args: ['config', 'rm', '--stack', stack, '--', qualified(key)], mayFail: true },
        ...items.map((item, i) => ({ args: [...base, '--path', '--', `${qualified(key)}[${i}]`, item] })),
      ];
    }
    case 'string':
      return [{ args: [...base, '--', qualified(key), value] }];
  }
}

/** Maps parsed .env variables to the pulumi commands that store them; prints nothing itself. */
export function planConfig(env: Record<string, string>, stack: string): ConfigPlan {
  const plan: ConfigPlan = { commands: [], applied: [], skippedEmpty: [], managed: [], unknown: [] };
  for (const name of Object.keys(env).sort()) {
    const value = env[name]!.trim();
    const target = ENV_TO_CONFIG[name];
    if (!target) {
      (MANAGED_BY_STACK.has(name) ? plan.managed : plan.unknown).push(name);
    } else if (value === '') {
      plan.skippedEmpty.push(name);
    } else {
      plan.commands.push(...commandsFor(stack, target.key, target.kind, value));
      plan.applied.push(`${name} → ${qualified(target.key)}${target.kind === 'secret' ? ' (secret)' : ''}`);
    }
  }
  return plan;
}

function run(command: PulumiCommand): void {
  const result = spawnSync('pulumi', command.args, { input: command.stdin ?? '', stdio: ['pipe', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`PULUMI_UNAVAILABLE: ${result.error.message}`);
  if (result.status !== 0 && !command.mayFail)
    throw new Error(`PULUMI_CONFIG_FAILED: pulumi ${command.args.slice(0, 4).join(' ')} exited ${result.status}`);
}

function main(): void {
  const { values } = parseArgs({
    options: { file: { type: 'string', default: '.env' }, stack: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  if (!values.stack) throw new Error('STACK_REQUIRED: pass --stack (make config-from-env STACK=dev)');
  const plan = planConfig(parse(readFileSync(values.file!, 'utf8')), values.stack);
  for (const line of plan.applied) console.log(`set   ${line}`);
  if (plan.skippedEmpty.length) console.log(`empty (skipped): ${plan.skippedEmpty.join(', ')}`);
  if (plan.managed.length) console.log(`set by the stack (ignored): ${plan.managed.join(', ')}`);
  if (plan.unknown.length) console.log(`unknown (ignored): ${plan.unknown.join(', ')}`);
  if (!values['dry-run']) plan.commands.forEach(run);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
