import * as pulumi from '@pulumi/pulumi';

/** The secrets the application reads, with the stack config key that feeds each. */
export const SECRET_SETTINGS = [
  { env: 'SECRET_KEY', key: 'secretKey' },
  { env: 'COMPANIES_HOUSE_API_KEY', key: 'companiesHouseApiKey' },
  { env: 'HMRC_CLIENT_ID', key: 'hmrcClientId' },
  { env: 'HMRC_CLIENT_SECRET', key: 'hmrcClientSecret' },
  { env: 'OPENAI_API_KEY', key: 'openaiApiKey' },
  { env: 'WEBHOOK_SECRET', key: 'webhookSecret' },
] as const;

export type SecretEnvName = (typeof SECRET_SETTINGS)[number]['env'];

export type NatStrategy = 'single' | 'onePerAz';

/** Lambda retries and SQS visibility must not overlap: AWS recommends at least 6x the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
/**
 * The ADOT collector Lambda layer is published by AWS (account 901920570463) in every region under
 * one name and version; a function can only use a layer of its own region. Newer versions:
 * https://aws-otel.github.io/docs/getting-started/lambda
 */
export const ADOT_COLLECTOR_LAYER = { publisher: '901920570463', name: 'aws-otel-collector-amd64-ver-0-102-1', version: 1 } as const;
/** The ADOT collector image for the API sidecar, pinned by tag. */
export const ADOT_COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3';

export function defaultAdotLayerArn(region: string): string {
  const { publisher, name, version } = ADOT_COLLECTOR_LAYER;
  return `arn:aws:lambda:${region}:${publisher}:layer:${name}:${version}`;
}

/** SQS upper bound for a visibility timeout (12 hours). */
const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

export interface InfraConfig {
  project: string;
  stack: string;
  /** Tag value and naming part; the stack name (dev, staging, prod). */
  environment: string;
  owner: string;
  region: string;
  deletionProtection: boolean;
  logRetentionDays: number;
  network: { azCount: number; vpcCidr: string; natStrategy: NatStrategy; interfaceEndpoints: boolean };
  edge: {
    certificateArn?: string;
    healthCheckIntervalSeconds: number;
    healthCheckTimeoutSeconds: number;
    wafEnabled: boolean;
    wafRateLimit: number;
  };
  api: {
    cpu: number;
    memory: number;
    desiredCount: number;
    minCount: number;
    maxCount: number;
    cpuTargetPercent: number;
    requestsPerTarget: number;
    healthCheckGracePeriodSeconds: number;
  };
  worker: { memoryMb: number; timeoutSeconds: number; maxConcurrency: number; reservedConcurrency: number; taskTimeoutSeconds: number };
  queue: { visibilityTimeoutSeconds: number; maxReceiveCount: number };
  storage: { documentRetentionDays: number; noncurrentVersionRetentionDays: number; prefix: string; corsOrigins: string[] };
  database: {
    existingSecretArn?: string;
    instanceClass: string;
    engineVersion: string;
    allocatedStorageGb: number;
    maxAllocatedStorageGb: number;
    backupRetentionDays: number;
    multiAz: boolean;
    name: string;
  };
  alarms: {
    email?: string;
    oldestMessageAgeSeconds: number;
    /** Per registry: percent of calls that failed over five minutes. */
    registryErrorPercent: number;
    /** Seconds a job waited in the queue before a worker took it (the worker's QueueAge figure). */
    queueAgeSeconds: number;
  };
  telemetry: {
    /** Business metrics in CloudWatch embedded metric format, under this namespace. */
    metricsNamespace: string;
    /** Spans to X-Ray through an ADOT collector (Lambda layer, API sidecar); undefined when tracing is off. */
    tracing?: { lambdaLayerArn: string; collectorImage: string };
  };
  app: {
    logLevel: string;
    maxUploadBytes: number;
    maxPdfPages: number;
    companiesHouseApiUrl: string;
    hmrcApiUrl: string;
    hmrcRequesterVrn?: string;
    openaiBaseUrl?: string;
    openaiModel: string;
    webhookUrl?: string;
  };
  /** Only the secrets that are configured; each stays a Pulumi secret end to end. */
  secrets: Partial<Record<SecretEnvName, pulumi.Output<string>>>;
}

export class InfraConfigError extends Error {
  readonly code = 'INFRA_CONFIG_INVALID';
  constructor(key: string, problem: string) {
    super(`INFRA_CONFIG_INVALID: ${key}: ${problem}`);
    this.name = 'InfraConfigError';
  }
}

/** max(6 x Lambda timeout, requested), within the SQS limit. */
export function deriveVisibilityTimeout(lambdaTimeoutSeconds: number, requestedSeconds: number): number {
  return Math.min(Math.max(VISIBILITY_TIMEOUT_FACTOR * lambdaTimeoutSeconds, requestedSeconds), MAX_VISIBILITY_TIMEOUT_SECONDS);
}

const blankToUndefined = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);

function readSecrets(c: pulumi.Config): InfraConfig['secrets'] {
  const secrets: InfraConfig['secrets'] = {};
  for (const { env, key } of SECRET_SETTINGS) {
    if (blankToUndefined(c.get(key)) !== undefined) secrets[env] = c.requireSecret(key);
  }
  return secrets;
}

function validate(cfg: InfraConfig): void {
  const { network, api, worker, queue } = cfg;
  if (network.azCount < 2 || network.azCount > 6) throw new InfraConfigError('availabilityZoneCount', 'must be between 2 and 6');
  if (!/^\d+\.\d+\.\d+\.\d+\/(8|9|1[0-6])$/.test(network.vpcCidr))
    throw new InfraConfigError('vpcCidr', 'must be an IPv4 CIDR of /16 or larger');
  if (!(api.minCount <= api.desiredCount && api.desiredCount <= api.maxCount)) {
    throw new InfraConfigError('apiDesiredCount', 'must satisfy apiMinCount <= apiDesiredCount <= apiMaxCount');
  }
  if (worker.timeoutSeconds < 1 || worker.timeoutSeconds > 900) throw new InfraConfigError('lambdaTimeoutSeconds', 'must be 1-900');
  if (worker.taskTimeoutSeconds >= worker.timeoutSeconds)
    throw new InfraConfigError('taskTimeoutSeconds', 'must be below lambdaTimeoutSeconds');
  if (worker.maxConcurrency < 2 || worker.maxConcurrency > 1000) throw new InfraConfigError('workerMaxConcurrency', 'must be 2-1000');
  if (queue.maxReceiveCount < 1 || queue.maxReceiveCount > 1000) throw new InfraConfigError('maxReceiveCount', 'must be 1-1000');
  if (Boolean(cfg.secrets.HMRC_CLIENT_ID) !== Boolean(cfg.secrets.HMRC_CLIENT_SECRET)) {
    throw new InfraConfigError('hmrcClientSecret', 'hmrcClientId and hmrcClientSecret are set together or not at all');
  }
  if (worker.reservedConcurrency !== -1 && worker.reservedConcurrency < worker.maxConcurrency) {
    // The event source would drive more invocations than the function may run: each throttle counts as a receive.
    throw new InfraConfigError('workerReservedConcurrency', 'must be -1 (unreserved) or at least workerMaxConcurrency');
  }
  if (cfg.deletionProtection && !cfg.edge.certificateArn) {
    throw new InfraConfigError('certificateArn', 'required when deletionProtection is on: a protected stack serves HTTPS only');
  }
  if (cfg.deletionProtection && !cfg.alarms.email) {
    throw new InfraConfigError('alarmEmail', 'required when deletionProtection is on: alarms must reach someone');
  }
  if (cfg.app.webhookUrl && !cfg.secrets.WEBHOOK_SECRET) throw new InfraConfigError('webhookSecret', 'required when webhookUrl is set');
  validateTelemetry(cfg);
  if (!cfg.secrets.SECRET_KEY) throw new InfraConfigError('secretKey', 'required: pulumi config set --secret secretKey');
}

function validateTelemetry(cfg: InfraConfig): void {
  const { tracing, metricsNamespace } = cfg.telemetry;
  if (metricsNamespace.trim() === '' || metricsNamespace.startsWith('AWS/'))
    throw new InfraConfigError('metricsNamespace', 'must be set and must not start with AWS/');
  if (cfg.alarms.registryErrorPercent <= 0 || cfg.alarms.registryErrorPercent > 100)
    throw new InfraConfigError('registryErrorAlarmPercent', 'must be above 0 and at most 100');
  if (cfg.alarms.queueAgeSeconds <= 0) throw new InfraConfigError('queueAgeAlarmSeconds', 'must be above 0');
  if (!tracing) return;
  const layer = new RegExp(`^arn:aws:lambda:${cfg.region}:\\d{12}:layer:[A-Za-z0-9_-]+:\\d+$`);
  if (!layer.test(tracing.lambdaLayerArn))
    throw new InfraConfigError('adotLambdaLayerArn', `must be a versioned Lambda layer ARN in ${cfg.region}`);
  if (!/^[^\s@]+:[\w.-]+$/.test(tracing.collectorImage) || tracing.collectorImage.endsWith(':latest'))
    throw new InfraConfigError('adotCollectorImage', 'must be pinned by a tag other than latest');
}

/**
 * Reads the stack configuration into one typed object. Defaults mirror Pulumi.yaml so the program
 * also runs under unit-test mocks, where the CLI does not apply the project schema.
 */
export function loadConfig(): InfraConfig {
  const c = new pulumi.Config();
  const aws = new pulumi.Config('aws');
  const num = (key: string, fallback: number): number => c.getNumber(key) ?? fallback;
  const bool = (key: string, fallback: boolean): boolean => c.getBoolean(key) ?? fallback;
  const str = (key: string, fallback: string): string => c.get(key) ?? fallback;
  const natStrategy = c.get<NatStrategy>('natStrategy', { allowedValues: ['single', 'onePerAz'] }) ?? 'single';
  const lambdaTimeout = num('lambdaTimeoutSeconds', 300);
  const region = aws.require('region');

  const cfg: InfraConfig = {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    environment: pulumi.getStack(),
    owner: str('owner', 'platform-team'),
    region,
    deletionProtection: bool('deletionProtection', false),
    logRetentionDays: num('logRetentionDays', 30),
    network: {
      azCount: num('availabilityZoneCount', 2),
      vpcCidr: str('vpcCidr', '10.0.0.0/16'),
      natStrategy,
      interfaceEndpoints: bool('interfaceEndpoints', false),
    },
    edge: {
      certificateArn: blankToUndefined(c.get('certificateArn')),
      healthCheckIntervalSeconds: num('healthCheckIntervalSeconds', 30),
      healthCheckTimeoutSeconds: num('healthCheckTimeoutSeconds', 5),
      wafEnabled: bool('wafEnabled', false),
      wafRateLimit: num('wafRateLimit', 2000),
    },
    api: {
      cpu: num('apiCpu', 1024),
      memory: num('apiMemory', 2048),
      desiredCount: num('apiDesiredCount', 1),
      minCount: num('apiMinCount', 1),
      maxCount: num('apiMaxCount', 2),
      cpuTargetPercent: num('apiCpuTargetPercent', 60),
      requestsPerTarget: num('apiRequestsPerTarget', 500),
      healthCheckGracePeriodSeconds: num('healthCheckGracePeriodSeconds', 60),
    },
    worker: {
      memoryMb: num('lambdaMemoryMb', 512),
      timeoutSeconds: lambdaTimeout,
      maxConcurrency: num('workerMaxConcurrency', 2),
      reservedConcurrency: num('workerReservedConcurrency', -1),
      taskTimeoutSeconds: num('taskTimeoutSeconds', 280),
    },
    queue: {
      visibilityTimeoutSeconds: deriveVisibilityTimeout(lambdaTimeout, num('queueVisibilityTimeoutSeconds', 900)),
      maxReceiveCount: num('maxReceiveCount', 3),
    },
    storage: {
      documentRetentionDays: num('documentRetentionDays', 365),
      noncurrentVersionRetentionDays: num('noncurrentVersionRetentionDays', 30),
      prefix: str('s3Prefix', 'documents/'),
      corsOrigins: c.getObject<string[]>('corsOrigins') ?? [],
    },
    database: {
      existingSecretArn: blankToUndefined(c.get('databaseSecretArn')),
      instanceClass: str('dbInstanceClass', 'db.t4g.micro'),
      engineVersion: str('dbEngineVersion', '17'),
      allocatedStorageGb: num('dbAllocatedStorageGb', 20),
      maxAllocatedStorageGb: num('dbMaxAllocatedStorageGb', 100),
      backupRetentionDays: num('dbBackupRetentionDays', 7),
      multiAz: bool('dbMultiAz', false),
      name: str('dbName', 'kyb'),
    },
    alarms: {
      email: blankToUndefined(c.get('alarmEmail')),
      oldestMessageAgeSeconds: num('oldestMessageAgeAlarmSeconds', 1800),
      registryErrorPercent: num('registryErrorAlarmPercent', 20),
      queueAgeSeconds: num('queueAgeAlarmSeconds', 900),
    },
    telemetry: {
      metricsNamespace: str('metricsNamespace', 'KYB'),
      tracing: bool('tracing', true)
        ? {
            lambdaLayerArn: blankToUndefined(c.get('adotLambdaLayerArn')) ?? defaultAdotLayerArn(region),
            collectorImage: str('adotCollectorImage', ADOT_COLLECTOR_IMAGE),
          }
        : undefined,
    },
    app: {
      logLevel: str('logLevel', 'info'),
      maxUploadBytes: num('maxUploadBytes', 20 * 1024 * 1024),
      maxPdfPages: num('maxPdfPages', 50),
      companiesHouseApiUrl: str('companiesHouseApiUrl', 'https://api.company-information.service.gov.uk'),
      hmrcApiUrl: str('hmrcApiUrl', 'https://api.service.hmrc.gov.uk'),
      hmrcRequesterVrn: blankToUndefined(c.get('hmrcRequesterVrn')),
      openaiBaseUrl: blankToUndefined(c.get('openaiBaseUrl')),
      openaiModel: str('openaiModel', 'gpt-4o-mini'),
      webhookUrl: blankToUndefined(c.get('webhookUrl')),
    },
    secrets: readSecrets(c),
  };
  validate(cfg);
  return cfg;
}
