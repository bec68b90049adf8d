import type {
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidation,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';

/**
 * The stack's security invariants as policies, so `pulumi preview --policy-pack infra/policy`
 * enforces them on whatever the program becomes. Each is exported to be unit-tested directly.
 */
export type ResourcePolicy = ResourceValidationPolicy & { validateResource: ResourceValidation };
export type StackPolicy = StackValidationPolicy & { validateStack: StackValidation };

// Resource inputs arrive untyped from the engine; each policy reads only the properties it checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = Record<string, any>;
interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const T = {
  subnet: 'aws:ec2/subnet:Subnet',
  securityGroup: 'aws:ec2/securityGroup:SecurityGroup',
  securityGroupRule: 'aws:ec2/securityGroupRule:SecurityGroupRule',
  ingressRule: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
  ecsService: 'aws:ecs/service:Service',
  taskDefinition: 'aws:ecs/taskDefinition:TaskDefinition',
  lambda: 'aws:lambda/function:Function',
  eventSourceMapping: 'aws:lambda/eventSourceMapping:EventSourceMapping',
  rds: 'aws:rds/instance:Instance',
  queue: 'aws:sqs/queue:Queue',
  bucket: 'aws:s3/bucket:Bucket',
  publicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  bucketEncryption: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  iamPolicy: 'aws:iam/policy:Policy',
  loadBalancer: 'aws:lb/loadBalancer:LoadBalancer',
  listener: 'aws:lb/listener:Listener',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  alarm: 'aws:cloudwatch/metricAlarm:MetricAlarm',
  topicSubscription: 'aws:sns/topicSubscription:TopicSubscription',
  rolePolicyAttachment: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
} as const;

/** Ports the internet may reach, and only on the load balancer. */
const PUBLIC_PORTS = new Set([80, 443]);
const WORLD = new Set(['0.0.0.0/0', '::/0']);
export const VISIBILITY_FACTOR = 6;
export const REQUIRED_TAGS = ['project', 'environment', 'owner'] as const;
/** Environments whose data and entry points must survive a careless destroy. */
const PROTECTED_ENVIRONMENTS = new Set(['prod', 'production']);

/** Actions AWS authorises only against "*": allowing them there is not a data grant. */
export const WILDCARD_ONLY_ACTIONS = new Set([
  'ecr:getauthorizationtoken',
  'ec2:createnetworkinterface',
  'ec2:describenetworkinterfaces',
  'ec2:deletenetworkinterface',
  'ec2:assignprivateipaddresses',
  'ec2:unassignprivateipaddresses',
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'cloudwatch:putmetricdata',
]);

/** Names that hold a secret value (an ARN pointing at one is fine). */
export function looksSecret(name: string): boolean {
  if (/_ARN$/.test(name) || name === 'S3_KMS_KEY_ID') return false;
  return /(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|CLIENT_ID|PRIVATE_KEY|CREDENTIAL)/i.test(name);
}

/** Provider inputs and JSON-typed props reach policies either as objects or as JSON text. */
function asObject<TValue>(value: unknown): TValue | undefined {
  if (typeof value !== 'string') return value as TValue | undefined;
  try {
    return JSON.parse(value) as TValue;
  } catch {
    return undefined;
  }
}

const list = <TValue>(value: TValue | TValue[] | undefined): TValue[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function environmentOf(args: ResourceValidationArgs): string | undefined {
  const tags = asObject<{ tags?: Record<string, string> }>(args.provider?.props?.defaultTags)?.tags;
  return tags?.environment ?? args.stackTags.get('environment');
}

function resourcePolicy(
  name: string,
  description: string,
  validate: (type: string, props: Props, report: ReportViolation, args: ResourceValidationArgs) => void,
): ResourcePolicy {
  return {
    name,
    description,
    enforcementLevel: 'mandatory',
    validateResource: (args, report) => validate(args.type, args.props, report, args),
  };
}

export const noPublicIp = resourcePolicy(
  'no-public-ip',
  'Tasks, the Lambda and the database never get public IPs; subnets never assign them.',
  (type, props, report) => {
    if (type === T.ecsService && props.networkConfiguration?.assignPublicIp === true) report('ECS service assigns public IPs to tasks');
    if (type === T.rds && props.publiclyAccessible === true) report('RDS instance is publicly accessible');
    if (type === T.subnet && props.mapPublicIpOnLaunch === true) report('Subnet assigns public IPs on launch');
    if (type === T.lambda && list(props.vpcConfig?.subnetIds).length === 0) report('Lambda runs outside the VPC private subnets');
  },
);

function checkWorldIngress(port: { from?: number; to?: number; protocol?: string }, sources: string[], report: ReportViolation): void {
  if (!sources.some((s) => WORLD.has(s))) return;
  const single = port.from !== undefined && port.from === port.to;
  if (port.protocol === '-1' || port.protocol === 'all' || !single || !PUBLIC_PORTS.has(port.from!)) {
    report(`Ingress from the internet is allowed only on 80/443 (got ${port.protocol ?? 'tcp'} ${port.from}-${port.to})`);
  }
}

export const noWorldIngress = resourcePolicy(
  'no-world-ingress',
  'Only HTTP/HTTPS may be open to the internet; everything else is reached by security group.',
  (type, props, report) => {
    if (type === T.ingressRule) {
      checkWorldIngress(
        { from: props.fromPort, to: props.toPort, protocol: props.ipProtocol },
        [props.cidrIpv4, props.cidrIpv6].filter(Boolean),
        report,
      );
    }
    if (type === T.securityGroupRule && props.type === 'ingress') {
      checkWorldIngress(
        { from: props.fromPort, to: props.toPort, protocol: props.protocol },
        [...list(props.cidrBlocks), ...list(props.ipv6CidrBlocks)],
        report,
      );
    }
    if (type === T.securityGroup) {
      for (const rule of list<Props>(props.ingress)) {
        checkWorldIngress(
          { from: rule.fromPort, to: rule.toPort, protocol: rule.protocol },
          [...list(rule.cidrBlocks), ...list(rule.ipv6CidrBlocks)],
          report,
        );
      }
    }
  },
);

export const queueHardening = resourcePolicy(
  'sqs-queue-hardening',
  'Queues are encrypted; work queues dead-letter, dead-letter queues keep messages 14 days.',
  (type, props, report) => {
    if (type !== T.queue) return;
    if (props.sqsManagedSseEnabled !== true && !props.kmsMasterKeyId) report('Queue is not encrypted at rest');
    const redrive = asObject<{ deadLetterTargetArn?: string; maxReceiveCount?: number }>(props.redrivePolicy);
    if (redrive) {
      if (!redrive.deadLetterTargetArn || !(Number(redrive.maxReceiveCount) >= 1))
        report('Queue redrive policy needs a dead-letter target and maxReceiveCount >= 1');
    } else if (props.messageRetentionSeconds !== 1_209_600) {
      report('A queue without a redrive policy is a dead-letter queue and must retain messages for 14 days');
    }
  },
);

export const sqsEventSource = resourcePolicy(
  'sqs-event-source',
  'The SQS trigger takes one job per invocation and reports partial batch failures.',
  (type, props, report) => {
    if (type !== T.eventSourceMapping) return;
    if (props.batchSize !== 1) report(`Event source batch size must be 1 (got ${props.batchSize})`);
    if (!list(props.functionResponseTypes).includes('ReportBatchItemFailures')) report('Event source must report batch item failures');
  },
);

export const bucketPublicAccessBlocked = resourcePolicy(
  's3-public-access-blocked',
  'Every public access block setting is on.',
  (type, props, report) => {
    if (type !== T.publicAccessBlock) return;
    for (const key of ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets']) {
      if (props[key] !== true) report(`Public access block ${key} is not enabled`);
    }
  },
);

export const bucketTlsOnly = resourcePolicy('s3-tls-only', 'Bucket policies deny any request not made over TLS.', (type, props, report) => {
  if (type !== T.bucketPolicy) return;
  const statements = list(asObject<{ Statement?: Statement | Statement[] }>(props.policy)?.Statement);
  const denies = statements.some((s) => s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false');
  if (!denies) report('Bucket policy does not deny aws:SecureTransport=false');
});

export const bucketEncrypted = resourcePolicy(
  's3-encrypted',
  'Buckets encrypt by default with KMS (or SSE-S3 where AWS requires it).',
  (type, props, report) => {
    if (type !== T.bucketEncryption) return;
    const rules = list<Props>(props.rules);
    if (
      rules.length === 0 ||
      rules.some((r) => !['aws:kms', 'aws:kms:dsse', 'AES256'].includes(r.applyServerSideEncryptionByDefault?.sseAlgorithm))
    ) {
      report('Bucket default encryption is missing');
    }
  },
);

export const ecsSecretsViaValueFrom = resourcePolicy(
  'ecs-secrets-via-value-from',
  'Task definitions pass secrets with secrets[].valueFrom, never environment.',
  (type, props, report) => {
    if (type !== T.taskDefinition) return;
    const containers = list(asObject<Props[]>(props.containerDefinitions));
    for (const container of containers) {
      for (const variable of list<{ name: string }>(container.environment)) {
        if (looksSecret(variable.name))
          report(`Container ${container.name} has secret-looking ${variable.name} in environment; use secrets[].valueFrom`);
      }
      for (const secret of list<{ name: string; valueFrom?: string }>(container.secrets)) {
        if (!secret.valueFrom?.startsWith('arn:'))
          report(`Container ${container.name} secret ${secret.name} must be a Secrets Manager or SSM ARN`);
      }
    }
  },
);

export const lambdaSecretsAsArns = resourcePolicy(
  'lambda-secrets-as-arns',
  'Lambda environments hold secret ARNs, never secret values.',
  (type, props, report) => {
    if (type !== T.lambda) return;
    const variables: Record<string, unknown> = props.environment?.variables ?? {};
    for (const [name, value] of Object.entries(variables)) {
      if (looksSecret(name)) report(`Lambda environment has secret-looking ${name}; pass ${name}_SECRET_ARN instead`);
      if (/_SECRET_ARN$/.test(name) && !String(value).startsWith('arn:')) report(`Lambda ${name} must hold an ARN`);
    }
  },
);

function wildcardGrants(statement: Statement): string[] {
  if (statement.Effect !== 'Allow') return [];
  const actions = list(statement.Action).map((a) => a.toLowerCase());
  const problems = actions.filter((a) => a === '*' || a.endsWith(':*')).map((a) => `action ${a}`);
  if (list(statement.Resource).includes('*')) {
    problems.push(...actions.filter((a) => !WILDCARD_ONLY_ACTIONS.has(a)).map((a) => `${a} on "*"`));
  }
  return problems;
}

export const iamScopedToArns = resourcePolicy(
  'iam-scoped-to-arns',
  'Roles name the ARNs they act on: no wildcard actions, no "*" resource on data actions.',
  (type, props, report) => {
    if (type !== T.rolePolicy && type !== T.iamPolicy) return;
    const statements = list(asObject<{ Statement?: Statement | Statement[] }>(props.policy)?.Statement);
    for (const problem of statements.flatMap(wildcardGrants)) report(`IAM policy grants ${problem}`);
  },
);

/** AWS managed policies that grant on "*": awsx attaches the first to the execution role it makes by default. */
const BROAD_MANAGED_POLICIES = ['AmazonECSTaskExecutionRolePolicy', 'AdministratorAccess', 'PowerUserAccess'];

export const noBroadManagedPolicies = resourcePolicy(
  'no-broad-managed-policies',
  'Roles carry our ARN-scoped inline policies, not AWS managed policies that act on "*".',
  (type, props, report) => {
    if (type !== T.rolePolicyAttachment) return;
    const arn = String(props.policyArn ?? '');
    if (BROAD_MANAGED_POLICIES.some((name) => arn.endsWith(`/${name}`))) report(`Role has the managed policy ${arn}, which acts on "*"`);
  },
);

export const databaseHardening = resourcePolicy(
  'rds-hardening',
  'Databases are encrypted, keep their password in Secrets Manager, and are protected in prod.',
  (type, props, report, args) => {
    if (type !== T.rds) return;
    if (props.storageEncrypted !== true) report('RDS storage is not encrypted');
    if (props.manageMasterUserPassword !== true || props.password !== undefined)
      report('RDS master password must be managed in Secrets Manager');
    if (!(Number(props.backupRetentionPeriod) >= 1)) report('RDS automated backups are off');
    if (PROTECTED_ENVIRONMENTS.has(environmentOf(args) ?? '')) {
      if (props.deletionProtection !== true) report('RDS deletion protection is off in a protected environment');
      if (props.skipFinalSnapshot !== false) report('RDS skips the final snapshot in a protected environment');
    }
  },
);

export const loadBalancerHardening = resourcePolicy(
  'alb-hardening',
  'The ALB drops invalid headers, mitigates desync, logs access, uses modern TLS, and is protected in prod.',
  (type, props, report, args) => {
    if (type === T.loadBalancer) {
      if (props.dropInvalidHeaderFields !== true) report('ALB does not drop invalid header fields');
      if (!['defensive', 'strictest'].includes(props.desyncMitigationMode)) report('ALB desync mitigation is weaker than defensive');
      if (props.accessLogs?.enabled !== true) report('ALB access logs are off');
      if (PROTECTED_ENVIRONMENTS.has(environmentOf(args) ?? '') && props.enableDeletionProtection !== true)
        report('ALB deletion protection is off in a protected environment');
    }
    if (type === T.listener && props.protocol === 'HTTPS' && !String(props.sslPolicy ?? '').includes('TLS13'))
      report('HTTPS listener must use a TLS 1.3 security policy');
  },
);

export const logRetention = resourcePolicy(
  'log-retention',
  'Log groups expire; nothing is kept forever by accident.',
  (type, props, report) => {
    if (type === T.logGroup && !(Number(props.retentionInDays) > 0)) report('Log group has no retention');
  },
);

export const defaultTagsPresent = resourcePolicy(
  'default-tags',
  'The AWS provider tags everything with project, environment and owner.',
  (type, props, report) => {
    if (!type.startsWith('pulumi:providers:aws')) return;
    const tags = asObject<{ tags?: Record<string, string> }>(props.defaultTags)?.tags ?? {};
    const missing = REQUIRED_TAGS.filter((t) => !tags[t]);
    if (missing.length > 0) report(`AWS provider default tags miss ${missing.join(', ')}`);
  },
);

function stackPolicy(
  name: string,
  description: string,
  validateStack: (args: StackValidationArgs, report: ReportViolation) => void,
): StackPolicy {
  return { name, description, enforcementLevel: 'mandatory', validateStack };
}

export const visibilityCoversLambda = stackPolicy(
  'sqs-visibility-covers-lambda',
  `Work queues hide a message for at least ${VISIBILITY_FACTOR}x the longest Lambda timeout, so retries never overlap.`,
  (args, report) => {
    const longest = Math.max(0, ...args.resources.filter((r) => r.type === T.lambda).map((r) => Number(r.props.timeout ?? 3)));
    for (const queue of args.resources.filter((r) => r.type === T.queue && r.props.redrivePolicy)) {
      const visibility = Number(queue.props.visibilityTimeoutSeconds ?? 30);
      if (visibility < VISIBILITY_FACTOR * longest)
        report(`Queue visibility ${visibility}s is below ${VISIBILITY_FACTOR} x ${longest}s`, queue.urn);
    }
  },
);

export const bucketsFullyGuarded = stackPolicy(
  's3-buckets-fully-guarded',
  'Every bucket has a public access block, default encryption and a bucket policy.',
  (args, report) => {
    const count = (type: string) => args.resources.filter((r) => r.type === type).length;
    const buckets = count(T.bucket);
    for (const [type, what] of [
      [T.publicAccessBlock, 'public access blocks'],
      [T.bucketEncryption, 'encryption configurations'],
      [T.bucketPolicy, 'bucket policies'],
    ] as const) {
      if (count(type) < buckets) report(`${buckets} buckets but only ${count(type)} ${what}`);
    }
  },
);

/** Metrics that must each have an alarm, by namespace/metric. */
export const REQUIRED_ALARMS = [
  'AWS/SQS/ApproximateNumberOfMessagesVisible',
  'AWS/SQS/ApproximateAgeOfOldestMessage',
  'AWS/ApplicationELB/HTTPCode_ELB_5XX_Count',
  'AWS/ApplicationELB/UnHealthyHostCount',
  'AWS/Lambda/Errors',
  'AWS/Lambda/Throttles',
] as const;
const DATABASE_ALARMS = ['AWS/RDS/CPUUtilization', 'AWS/RDS/FreeStorageSpace'] as const;

export const alarmsPresent = stackPolicy(
  'alarms-present',
  'The failure modes that need a human have alarms with an action.',
  (args, report) => {
    const alarms = args.resources.filter((r) => r.type === T.alarm);
    const watched = new Set(
      alarms.filter((a) => list(a.props.alarmActions).length > 0).map((a) => `${a.props.namespace}/${a.props.metricName}`),
    );
    const required = [...REQUIRED_ALARMS, ...(args.resources.some((r) => r.type === T.rds) ? DATABASE_ALARMS : [])];
    for (const metric of required) if (!watched.has(metric)) report(`No alarm with an action on ${metric}`);
  },
);

type StackResources = StackValidationArgs['resources'];

/** A stack is protected when its entry point or its database refuses deletion: it holds real users' data. */
export function isProtectedStack(resources: StackResources): boolean {
  return resources.some(
    (r) =>
      (r.type === T.loadBalancer && r.props.enableDeletionProtection === true) || (r.type === T.rds && r.props.deletionProtection === true),
  );
}

const redirectsToHttps = (listener: Props) =>
  list<Props>(listener.defaultActions).length > 0 &&
  list<Props>(listener.defaultActions).every((a) => a.type === 'redirect' && a.redirect?.protocol === 'HTTPS');

export const httpsWhenProtected = stackPolicy(
  'https-when-protected',
  'A protected stack serves HTTPS, and its HTTP listeners only redirect to HTTPS: API keys and documents never cross the internet in clear.',
  (args, report) => {
    if (!isProtectedStack(args.resources)) return;
    const listeners = args.resources.filter((r) => r.type === T.listener);
    if (!listeners.some((l) => l.props.protocol === 'HTTPS')) report('A protected stack has no HTTPS listener');
    for (const l of listeners.filter((x) => x.props.protocol === 'HTTP' && !redirectsToHttps(x.props)))
      report(`HTTP listener on port ${l.props.port} serves instead of redirecting to HTTPS`, l.urn);
  },
);

export const alarmSubscriber = stackPolicy(
  'alarm-subscriber',
  'In a protected stack every topic an alarm notifies has a subscriber: a topic alone reaches nobody.',
  (args, report) => {
    if (!isProtectedStack(args.resources)) return;
    const subscriptions = args.resources.filter((r) => r.type === T.topicSubscription && r.props.endpoint);
    const subscribed = new Set(subscriptions.map((r) => r.props.topic).filter((t) => typeof t === 'string'));
    const topics = new Set(
      args.resources
        .filter((r) => r.type === T.alarm)
        .flatMap((a) => list<unknown>(a.props.alarmActions))
        .filter((arn): arn is string => typeof arn === 'string' && arn.startsWith('arn:aws:sns:')),
    );
    if (subscriptions.length === 0) report('Alarms notify a topic nobody subscribes to');
    // Before the first deploy topic ARNs are unknown; once known, each alarmed topic needs its own subscriber.
    else if (subscribed.size > 0) for (const topic of topics) if (!subscribed.has(topic)) report(`No subscriber on alarm topic ${topic}`);
  },
);

export const resourcePolicies: ResourcePolicy[] = [
  noPublicIp,
  noWorldIngress,
  queueHardening,
  sqsEventSource,
  bucketPublicAccessBlocked,
  bucketTlsOnly,
  bucketEncrypted,
  ecsSecretsViaValueFrom,
  lambdaSecretsAsArns,
  iamScopedToArns,
  noBroadManagedPolicies,
  databaseHardening,
  loadBalancerHardening,
  logRetention,
  defaultTagsPresent,
];

export const stackPolicies: StackPolicy[] = [
  visibilityCoversLambda,
  bucketsFullyGuarded,
  alarmsPresent,
  httpsWhenProtected,
  alarmSubscriber,
];
