import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Accepts the usual spellings of a boolean in environment variables. */
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const csv = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/**
 * Every setting the system reads from its environment. The names of the seed deployment
 * (DATABASE_URL, USE_SQS, SQS_QUEUE_URL, ...) keep their meaning; the defaults run the whole
 * system on one laptop with nothing else started.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: readable one-line logs on a terminal outside production, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Where spans go: nowhere (ids still join the logs), the console, or an OTLP/HTTP collector (the ADOT sidecar or Lambda layer in AWS). */
  TRACES_EXPORTER: z.enum(['none', 'console', 'otlp']).default('none'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** `emf`: business metrics as CloudWatch embedded metric format lines on stdout (set in AWS). */
  METRICS: z.enum(['none', 'emf']).default('none'),
  METRICS_NAMESPACE: z.string().min(1).default('KYB'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  DATA_DIR: z.string().default('.data'),

  DATABASE_URL: optionalText.pipe(z.url().optional()),
  DATABASE_SECRET_ARN: optionalText,
  /**
   * The least-privilege login's rotated secret {username,password,host,port,dbname}: when set, the
   * process serves as that user and reads the secret again whenever a new connection is refused.
   * Not `_SECRET_ARN`, so it is not loaded once at start like the others.
   */
  DATABASE_APP_USER_ARN: optionalText,
  /** TLS for a database URL built from DATABASE_SECRET_ARN; verify-full needs the RDS CA (NODE_EXTRA_CA_CERTS). */
  DATABASE_SSLMODE: z.enum(['disable', 'no-verify', 'require', 'verify-ca', 'verify-full']).default('verify-full'),
  DATABASE_POOL_MAX: positiveInt(10),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(0).max(65535).default(0),

  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_BUCKET_NAME: optionalText,
  S3_PREFIX: z.string().default('documents/'),
  S3_KMS_KEY_ID: optionalText,
  S3_ENDPOINT: optionalText.pipe(z.url().optional()),
  S3_FORCE_PATH_STYLE: flag.default(false),
  PRESIGN_TTL_SECONDS: z.coerce.number().int().min(1).max(900).default(300),
  AWS_REGION: z.string().default('eu-west-2'),

  QUEUE: z.enum(['local', 'sqs']).optional(),
  USE_SQS: flag.default(false),
  SQS_QUEUE_URL: optionalText.pipe(z.url().optional()),
  SQS_DLQ_URL: optionalText.pipe(z.url().optional()),
  SQS_ENDPOINT: optionalText.pipe(z.url().optional()),
  /** Receives before a message goes to the dead-letter queue: must equal the queue's maxReceiveCount. */
  QUEUE_MAX_ATTEMPTS: positiveInt(3),
  /** Long-polling wait of a polling SQS consumer (not the Lambda). */
  SQS_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  /** First retry delay of a polling SQS consumer; doubles per attempt. */
  SQS_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(900).default(10),
  /**
   * Documents the local worker processes at once. Two per core: a document waits on the database,
   * the registries and the OCR pool between its bursts of CPU, and one tenant gets all slots but one.
   */
  WORKER_CONCURRENCY: positiveInt(Math.max(1, 2 * os.availableParallelism())),
  /** Jobs of one tenant the local worker runs at once; unset: all workers but one, so another tenant always finds one free. */
  TENANT_CONCURRENCY: z.coerce.number().int().positive().optional(),
  TASK_TIMEOUT_SECONDS: positiveInt(300),

  SECRET_KEY: optionalText,
  CORS_ORIGINS: csv,
  MAX_UPLOAD_BYTES: positiveInt(20 * 1024 * 1024),
  /** How long a presigned direct-upload form (and its slot) stays usable: the file must be posted and registered within it. */
  DIRECT_UPLOAD_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(600),
  MAX_PDF_PAGES: positiveInt(50),
  /** Largest image (width x height) we decode; larger ones are refused as pixel bombs. */
  MAX_IMAGE_PIXELS: positiveInt(50_000_000),
  /** Resolution at which PDF pages without a text layer are rendered for OCR. */
  RENDER_DPI: positiveInt(200),
  /** OCR workers per process; each holds its own copy of the model. */
  OCR_WORKERS: positiveInt(Math.max(1, Math.min(4, os.availableParallelism()))),
  /** Pages an OCR worker reads before it is replaced: long-lived workers grow in memory. */
  OCR_RECYCLE_AFTER: positiveInt(50),
  /** Folder holding eng.traineddata.gz; defaults to @tesseract.js-data/eng in node_modules. */
  OCR_LANG_PATH: optionalText,
  /** tesseract.js worker script and WASM core folder, for bundles that move them out of node_modules. */
  OCR_WORKER_PATH: optionalText,
  OCR_CORE_PATH: optionalText,
  OPENAI_TIMEOUT_MS: positiveInt(30_000),
  /** Threads that read documents (pdf.js, rendering, image clean-up, extraction) away from the API's event loop; WORKER_CONCURRENCY when unset. */
  PROCESSING_THREADS: z.coerce.number().int().positive().optional(),
  /** Wall-clock limit on one task's processing; past it the thread is stopped and the document fails `processing_timeout`. */
  PROCESSING_TIMEOUT_SECONDS: positiveInt(120),
  /** Added to that limit for each page rendered and OCR'd, so a long scan is allowed its reading. */
  PROCESSING_SECONDS_PER_PAGE: positiveInt(30),
  /** JavaScript heap of one processing thread; past it the thread is stopped and the document fails `resource_limit`. Unset: 1024, or in a Lambda half its memory. */
  PROCESSING_MAX_HEAP_MB: z.coerce.number().int().positive().optional(),
  /** Bytes one PDF stream may inflate to, and all of a PDF's streams together. */
  PDF_MAX_STREAM_BYTES: positiveInt(128 * 1024 * 1024),
  PDF_MAX_INFLATED_BYTES: positiveInt(256 * 1024 * 1024),
  /** Operators in all of a PDF's content streams together (a dense statement page has a few thousand). */
  PDF_MAX_OPERATORS: positiveInt(1_000_000),
  /** Text runs read from one page's text layer; the rest of the page is left unread. */
  PDF_MAX_TEXT_ITEMS: positiveInt(100_000),
  /** Pixels rendered for OCR over a whole PDF (one page is bounded by MAX_IMAGE_PIXELS). */
  PDF_MAX_RENDER_PIXELS: positiveInt(250_000_000),
  /** Characters kept of one line of read text, so every later match on it is bounded. */
  MAX_LINE_CHARS: positiveInt(2_000),

  COMPANIES_HOUSE_API_KEY: optionalText,
  COMPANIES_HOUSE_API_URL: z.url().default('https://api.company-information.service.gov.uk'),
  HMRC_CLIENT_ID: optionalText,
  HMRC_CLIENT_SECRET: optionalText,
  HMRC_API_URL: z.url().default('https://api.service.hmrc.gov.uk'),
  HMRC_REQUESTER_VRN: optionalText,
  /** How long a Companies House profile is reused before asking again. */
  COMPANIES_HOUSE_CACHE_SECONDS: positiveInt(3600),
  /** Per attempt against a registry, including the body. */
  REGISTRY_TIMEOUT_MS: positiveInt(10_000),
  /** Further attempts after a 429, 5xx, timeout or network failure. */
  REGISTRY_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** First backoff delay; later ones grow exponentially with jitter. */
  REGISTRY_RETRY_DELAY_MS: positiveInt(250),
  /** Bank statements and utility bills older than this are stale. */
  FRESHNESS_DAYS: positiveInt(90),
  /** Name similarity (0..1) at which two company names are the same. */
  NAME_MATCH_THRESHOLD: z.coerce.number().min(0).max(1).default(0.92),
  /** Verdict policy overrides; see worker/verification/policy.ts for the defaults and their meaning. */
  POLICY_VERIFIED_MIN_SCORE: z.coerce.number().int().min(0).max(100).default(80),
  POLICY_REJECT_ON: optionalText,
  POLICY_TOLERATED_WARNINGS: optionalText,
  /** Document types a case needs before it can be verified, unless the case names its own. */
  CASE_REQUIRED_DOCUMENT_TYPES: z
    .string()
    .default('certificate_of_incorporation,bank_statement')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['certificate_of_incorporation', 'vat_registration_certificate', 'bank_statement', 'utility_bill']))),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),

  DEV_API_KEY: optionalText,
  /** Requests per minute allowed for one API key. */
  RATE_LIMIT_PER_MINUTE: positiveInt(600),
  /** Progress streams (server-sent events) one tenant may hold open at once in one API process. */
  MAX_PROGRESS_STREAMS_PER_TENANT: positiveInt(50),
  /** Active monitors one tenant may hold; each costs registry requests every interval. */
  MAX_MONITORS_PER_TENANT: positiveInt(1000),
  /** Failed authentications (no key, a bad or revoked one) per minute from one client address before it is refused unheard. */
  RATE_LIMIT_FAILED_AUTH_PER_MINUTE: positiveInt(30),
  /** Proxy hops in front of the API whose X-Forwarded-For is believed: 0 locally, the ALB's 1 in AWS. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Documents older than this many days are purged with their results; 0 keeps them forever. */
  RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
  /** How often the API process looks for stuck tasks and expired documents. */
  MAINTENANCE_INTERVAL_SECONDS: positiveInt(60),
  WEBHOOK_URL: optionalText.pipe(z.url().optional()),
  WEBHOOK_SECRET: optionalText,
  WEBHOOK_MAX_ATTEMPTS: positiveInt(5),
  WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  WEBHOOK_RETRY_DELAY_MS: positiveInt(1_000),
  /** How often each monitored company is checked again at Companies House and HMRC. */
  MONITOR_INTERVAL_HOURS: positiveInt(24),
  /** How often a monitoring round runs (locally in the API process; in AWS the schedule's rate). */
  MONITOR_TICK_SECONDS: positiveInt(60),
  /** Share of the Companies House rate budget monitoring may spend; document verification keeps the rest. */
  MONITOR_RATE_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
  /** Also watch officers and persons with significant control (two more requests per check). */
  MONITOR_PEOPLE: flag.default(true),
  /** Put a company under monitoring when one of its documents ends verified. */
  MONITOR_AUTO_ON_VERIFIED: flag.default(false),
  /** Put a case's company under monitoring when the case is approved (its decision becomes verified). */
  MONITOR_AUTO_ON_CASE_APPROVED: flag.default(false),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  /** Absolute data folder; embedded Postgres and local documents live under it. */
  dataDir: string;
  /** The queue adapter to use: explicit QUEUE wins over the seed's USE_SQS switch. */
  queue: 'local' | 'sqs';
  /** PROCESSING_MAX_HEAP_MB, or its default for where the process runs. */
  processingHeapMb: number;
}

/** A Lambda's threads share the function's memory with the main heap, OCR and native buffers: they get half. */
function defaultProcessingHeapMb(env: NodeJS.ProcessEnv): number {
  const lambdaMb = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return lambdaMb > 0 ? Math.max(128, Math.floor(lambdaMb / 2)) : 1024;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function crossFieldProblems(c: Config): string[] {
  const problems: string[] = [];
  if (c.STORAGE === 's3' && !c.S3_BUCKET_NAME) problems.push('S3_BUCKET_NAME: required when STORAGE=s3');
  if (c.queue === 'sqs' && !c.SQS_QUEUE_URL) problems.push('SQS_QUEUE_URL: required when QUEUE=sqs (or USE_SQS=true)');
  if (Boolean(c.HMRC_CLIENT_ID) !== Boolean(c.HMRC_CLIENT_SECRET)) {
    problems.push('HMRC_CLIENT_SECRET: HMRC_CLIENT_ID and HMRC_CLIENT_SECRET are set together or not at all');
  }
  if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required when WEBHOOK_URL is set');
  if (c.NODE_ENV === 'production' && !c.SECRET_KEY) problems.push('SECRET_KEY: required in production');
  return problems;
}

/**
 * Reads and validates the configuration. Any problem throws one ConfigError whose message is a
 * single line naming the variable, so start-up fails loudly and legibly.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value counts as unset, so a copied .env.example with blanks gives the defaults.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const name = String(first?.path[0] ?? 'environment');
    throw new ConfigError(
      `Invalid configuration: ${name}: ${first?.message ?? 'invalid value'} (got ${JSON.stringify(env[name] ?? null)})`,
    );
  }
  const raw = parsed.data;
  const config: Config = {
    ...raw,
    dataDir: path.resolve(raw.DATA_DIR),
    queue: raw.QUEUE ?? (raw.USE_SQS ? 'sqs' : 'local'),
    processingHeapMb: raw.PROCESSING_MAX_HEAP_MB ?? defaultProcessingHeapMb(env),
  };
  const problems = crossFieldProblems(config);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems[0]}`);
  return config;
}
