import * as pulumi from '@pulumi/pulumi';
import type { InfraConfig, SecretEnvName } from '../config';
import { OTLP_ENDPOINT } from './tracing';

/** The database logins: the master's secret (or the given database's) and, when the stack creates the database, the app user's. */
export interface DatabaseLogins {
  databaseSecretArn: pulumi.Input<string>;
  /** The least-privilege login's rotated secret (only when the stack creates the database). */
  appUserSecretArn?: pulumi.Input<string>;
}

/** Where the application's infrastructure lives, as the worker's config.ts expects to read it. */
export interface AppWiring extends DatabaseLogins {
  bucketName: pulumi.Input<string>;
  kmsKeyArn: pulumi.Input<string>;
  queueUrl: pulumi.Input<string>;
  dlqUrl: pulumi.Input<string>;
  /** RDS-managed secrets hold only username and password, so the endpoint travels separately. */
  database?: { host: pulumi.Input<string>; port: pulumi.Input<number>; name: string };
}

export type EnvMap = Record<string, pulumi.Input<string>>;

/**
 * Plain (non-secret) settings shared by the API and the functions. Secrets never appear here: the
 * API gets them through `secrets[].valueFrom`, the functions as `<NAME>_SECRET_ARN`. The database
 * login is the one every process serves with (migrationEnvironment adds the master for the API).
 */
export function sharedEnvironment(cfg: InfraConfig, wiring: AppWiring): EnvMap {
  const env: EnvMap = {
    NODE_ENV: 'production',
    LOG_LEVEL: cfg.app.logLevel,
    STORAGE: 's3',
    S3_BUCKET_NAME: wiring.bucketName,
    S3_PREFIX: cfg.storage.prefix,
    S3_KMS_KEY_ID: wiring.kmsKeyArn,
    QUEUE: 'sqs',
    SQS_QUEUE_URL: wiring.queueUrl,
    SQS_DLQ_URL: wiring.dlqUrl,
    QUEUE_MAX_ATTEMPTS: String(cfg.queue.maxReceiveCount),
    TASK_TIMEOUT_SECONDS: String(cfg.worker.taskTimeoutSeconds),
    CORS_ORIGINS: cfg.storage.corsOrigins.join(','),
    MAX_UPLOAD_BYTES: String(cfg.app.maxUploadBytes),
    MAX_PDF_PAGES: String(cfg.app.maxPdfPages),
    // The app purges documents (with an audit record) at the retention period; the bucket's lifecycle is the backstop.
    RETENTION_DAYS: String(cfg.storage.documentRetentionDays),
    COMPANIES_HOUSE_API_URL: cfg.app.companiesHouseApiUrl,
    HMRC_API_URL: cfg.app.hmrcApiUrl,
    OPENAI_MODEL: cfg.app.openaiModel,
    // The ALB is the one proxy in front of the API: its X-Forwarded-For entry is the client's address.
    TRUST_PROXY: '1',
  };
  const optional: Record<string, string | undefined> = {
    HMRC_REQUESTER_VRN: cfg.app.hmrcRequesterVrn,
    OPENAI_BASE_URL: cfg.app.openaiBaseUrl,
    WEBHOOK_URL: cfg.app.webhookUrl,
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) env[name] = value;
  Object.assign(env, telemetryEnvironment(cfg.telemetry));
  // Not `_SECRET_ARN`: worker/secrets.ts would load it once at start; the app reads it per new connection.
  if (wiring.appUserSecretArn) env.DATABASE_APP_USER_ARN = wiring.appUserSecretArn;
  else Object.assign(env, migrationEnvironment(wiring));
  return env;
}

/**
 * The master login, for the process that applies the migrations (the API): the app user may not
 * change the schema. Without an app user (an existing database) it is every process's only login.
 */
export function migrationEnvironment(wiring: Pick<AppWiring, 'databaseSecretArn' | 'database'>): EnvMap {
  const env: EnvMap = { DATABASE_SECRET_ARN: wiring.databaseSecretArn };
  if (wiring.database) {
    env.DATABASE_HOST = wiring.database.host;
    env.DATABASE_PORT = pulumi.output(wiring.database.port).apply(String);
    env.DATABASE_NAME = wiring.database.name;
  }
  return env;
}

/**
 * Business metrics as EMF log lines (CloudWatch Logs extracts them, no API call) and, with tracing
 * on, spans over OTLP/HTTP to the collector next to the process. With tracing off the app's
 * default exporter (none) applies.
 */
export function telemetryEnvironment(telemetry: InfraConfig['telemetry']): Record<string, string> {
  const env: Record<string, string> = { METRICS: 'emf', METRICS_NAMESPACE: telemetry.metricsNamespace };
  if (telemetry.tracing) Object.assign(env, { TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_ENDPOINT });
  return env;
}

/** `{ name, value }` pairs in a stable order, as ECS container definitions take them. */
export function toNameValuePairs(env: Record<string, string>): { name: string; value: string }[] {
  return Object.keys(env)
    .sort()
    .map((name) => ({ name, value: env[name]! }));
}

export type SecretArns = Partial<Record<SecretEnvName, pulumi.Input<string>>>;

/** The login a process serves with: the app user's when the stack has one, else the database's only secret. */
export function servingSecret(logins: DatabaseLogins): pulumi.Input<string> {
  return logins.appUserSecretArn ?? logins.databaseSecretArn;
}

/** The secrets the migrating process (the API) reads: the master's and, when there is one, the app user's. */
export function migratingSecrets(logins: DatabaseLogins): pulumi.Input<string>[] {
  return logins.appUserSecretArn ? [logins.databaseSecretArn, logins.appUserSecretArn] : [logins.databaseSecretArn];
}
