import { expect } from 'chai';
import type { ResourceValidationArgs, StackValidationArgs } from '@pulumi/policy';
import * as p from '../policy/policies';

type Props = Record<string, unknown>;

function check(policy: p.ResourcePolicy, type: string, props: Props, environment?: string): string[] {
  const messages: string[] = [];
  const provider =
    environment === undefined
      ? undefined
      : { type: 'pulumi:providers:aws', props: { defaultTags: JSON.stringify({ tags: { environment } }) }, urn: 'p', name: 'aws' };
  const args = { type, props, urn: 'urn', name: 'r', provider, stackTags: new Map() } as unknown as ResourceValidationArgs;
  policy.validateResource(args, (message) => messages.push(said(message)));
  return messages;
}

/** A violation names what is wrong: the operator reads only this line in `pulumi preview`. */
function said(message: string): string {
  expect(message, 'a violation message').to.match(/^\S.{14,}/);
  return message;
}

function checkStack(policy: p.StackPolicy, resources: { type: string; props: Props }[]): string[] {
  const messages: string[] = [];
  const args = {
    resources: resources.map((r, i) => ({ ...r, urn: `urn-${i}`, name: `r${i}` })),
    stackTags: new Map(),
  } as unknown as StackValidationArgs;
  policy.validateStack(args, (message) => messages.push(said(message)));
  return messages;
}

const allow = (Action: string | string[], Resource: string | string[]) =>
  JSON.stringify({ Statement: [{ Effect: 'Allow', Action, Resource }] });

interface Case {
  policy: p.ResourcePolicy;
  type: string;
  good: Props;
  bad: Props;
  environment?: string;
  what: string;
}

const CASES: Case[] = [
  {
    what: 'an ECS service with public IPs',
    policy: p.noPublicIp,
    type: 'aws:ecs/service:Service',
    good: { networkConfiguration: { assignPublicIp: false } },
    bad: { networkConfiguration: { assignPublicIp: true } },
  },
  {
    what: 'a publicly accessible database',
    policy: p.noPublicIp,
    type: 'aws:rds/instance:Instance',
    good: { publiclyAccessible: false },
    bad: { publiclyAccessible: true },
  },
  {
    what: 'a Lambda outside the VPC',
    policy: p.noPublicIp,
    type: 'aws:lambda/function:Function',
    good: { vpcConfig: { subnetIds: ['subnet-1'] } },
    bad: {},
  },
  {
    what: 'a subnet that maps public IPs',
    policy: p.noPublicIp,
    type: 'aws:ec2/subnet:Subnet',
    good: { mapPublicIpOnLaunch: false },
    bad: { mapPublicIpOnLaunch: true },
  },
  {
    what: 'Postgres open to the internet',
    policy: p.noWorldIngress,
    type: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
    good: { cidrIpv4: '0.0.0.0/0', fromPort: 443, toPort: 443, ipProtocol: 'tcp' },
    bad: { cidrIpv4: '0.0.0.0/0', fromPort: 5432, toPort: 5432, ipProtocol: 'tcp' },
  },
  {
    what: 'an inline all-traffic rule from anywhere',
    policy: p.noWorldIngress,
    type: 'aws:ec2/securityGroup:SecurityGroup',
    good: { ingress: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrBlocks: ['0.0.0.0/0'] }] },
    bad: { ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, ipv6CidrBlocks: ['::/0'] }] },
  },
  {
    what: 'a work queue without a dead-letter target',
    policy: p.queueHardening,
    type: 'aws:sqs/queue:Queue',
    good: { sqsManagedSseEnabled: true, redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:x', maxReceiveCount: 3 }) },
    bad: { sqsManagedSseEnabled: true, redrivePolicy: JSON.stringify({ maxReceiveCount: 3 }) },
  },
  {
    what: 'an unencrypted queue',
    policy: p.queueHardening,
    type: 'aws:sqs/queue:Queue',
    good: { sqsManagedSseEnabled: true, messageRetentionSeconds: 1_209_600 },
    bad: { messageRetentionSeconds: 1_209_600 },
  },
  {
    what: 'an event source with batches and no partial failures',
    policy: p.sqsEventSource,
    type: 'aws:lambda/eventSourceMapping:EventSourceMapping',
    good: { batchSize: 1, functionResponseTypes: ['ReportBatchItemFailures'] },
    bad: { batchSize: 10 },
  },
  {
    what: 'a partial public access block',
    policy: p.bucketPublicAccessBlocked,
    type: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
    good: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    bad: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true },
  },
  {
    what: 'a bucket policy without the TLS deny',
    policy: p.bucketTlsOnly,
    type: 'aws:s3/bucketPolicy:BucketPolicy',
    good: {
      policy: JSON.stringify({
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: ['arn:aws:s3:::b'],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    },
    bad: { policy: allow('s3:GetObject', 'arn:aws:s3:::b/*') },
  },
  {
    what: 'a bucket without default encryption',
    policy: p.bucketEncrypted,
    type: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    good: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:k' } }] },
    bad: { rules: [] },
  },
  {
    what: 'a secret in a container environment',
    policy: p.ecsSecretsViaValueFrom,
    type: 'aws:ecs/taskDefinition:TaskDefinition',
    good: {
      containerDefinitions: JSON.stringify([
        {
          name: 'api',
          environment: [{ name: 'PORT', value: '8000' }],
          secrets: [{ name: 'OPENAI_API_KEY', valueFrom: 'arn:aws:secretsmanager:s' }],
        },
      ]),
    },
    bad: { containerDefinitions: JSON.stringify([{ name: 'api', environment: [{ name: 'OPENAI_API_KEY', value: 'sk-live' }] }]) },
  },
  {
    what: 'a plaintext secret in the Lambda environment',
    policy: p.lambdaSecretsAsArns,
    type: 'aws:lambda/function:Function',
    good: { environment: { variables: { HMRC_CLIENT_SECRET_SECRET_ARN: 'arn:aws:secretsmanager:s', S3_KMS_KEY_ID: 'arn:aws:kms:k' } } },
    bad: { environment: { variables: { HMRC_CLIENT_SECRET: 'shh' } } },
  },
  {
    what: 'a data action on "*"',
    policy: p.iamScopedToArns,
    type: 'aws:iam/rolePolicy:RolePolicy',
    good: { policy: allow('ecr:GetAuthorizationToken', '*') },
    bad: { policy: allow('s3:GetObject', '*') },
  },
  {
    what: 'a wildcard action',
    policy: p.iamScopedToArns,
    type: 'aws:iam/policy:Policy',
    good: { policy: allow(['sqs:SendMessage'], 'arn:aws:sqs:q') },
    bad: { policy: allow('sqs:*', 'arn:aws:sqs:q') },
  },
  {
    what: "awsx's default execution role policy",
    policy: p.noBroadManagedPolicies,
    type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
    good: { policyArn: 'arn:aws:iam::123456789012:policy/kyb-execution' },
    bad: { policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' },
  },
  {
    what: 'an unprotected prod database',
    policy: p.databaseHardening,
    type: 'aws:rds/instance:Instance',
    environment: 'prod',
    good: {
      storageEncrypted: true,
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      skipFinalSnapshot: false,
    },
    bad: {
      storageEncrypted: true,
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      deletionProtection: false,
      skipFinalSnapshot: true,
    },
  },
  {
    what: 'a database with a password in config',
    policy: p.databaseHardening,
    type: 'aws:rds/instance:Instance',
    environment: 'dev',
    good: { storageEncrypted: true, manageMasterUserPassword: true, backupRetentionPeriod: 1 },
    bad: { storageEncrypted: true, password: 'hunter2', backupRetentionPeriod: 1 },
  },
  {
    what: 'a prod ALB without deletion protection',
    policy: p.loadBalancerHardening,
    type: 'aws:lb/loadBalancer:LoadBalancer',
    environment: 'prod',
    good: {
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'defensive',
      accessLogs: { enabled: true },
      enableDeletionProtection: true,
    },
    bad: {
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'defensive',
      accessLogs: { enabled: true },
      enableDeletionProtection: false,
    },
  },
  {
    what: 'an HTTPS listener on old TLS',
    policy: p.loadBalancerHardening,
    type: 'aws:lb/listener:Listener',
    good: { protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
    bad: { protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-2016-08' },
  },
  {
    what: 'a log group kept forever',
    policy: p.logRetention,
    type: 'aws:cloudwatch/logGroup:LogGroup',
    good: { retentionInDays: 30 },
    bad: {},
  },
  {
    what: 'a provider without owner tag',
    policy: p.defaultTagsPresent,
    type: 'pulumi:providers:aws',
    good: { defaultTags: JSON.stringify({ tags: { project: 'kyb', environment: 'dev', owner: 'team' } }) },
    bad: { defaultTags: { tags: { project: 'kyb', environment: 'dev' } } },
  },
];

describe('infra policy pack', () => {
  for (const c of CASES) {
    it(`when ${c.policy.name} sees ${c.what}, then it reports a violation, and none for the compliant form`, () => {
      expect(check(c.policy, c.type, c.bad, c.environment)).to.not.be.empty;
      expect(check(c.policy, c.type, c.good, c.environment)).to.deep.equal([]);
    });
  }

  it('when a resource of another type carries the same violating properties, then no resource policy judges it', () => {
    for (const c of CASES) expect(check(c.policy, 'aws:other/thing:Thing', c.bad, c.environment), c.what).to.deep.equal([]);
  });

  it('when a dev database is destroyable, then the protection rule does not apply outside prod', () => {
    const dev = {
      storageEncrypted: true,
      manageMasterUserPassword: true,
      backupRetentionPeriod: 1,
      deletionProtection: false,
      skipFinalSnapshot: true,
    };
    expect(check(p.databaseHardening, 'aws:rds/instance:Instance', dev, 'dev')).to.deep.equal([]);
  });

  it('when a work queue hides messages for less than 6x the Lambda timeout, then the stack policy reports it', () => {
    const lambda = { type: 'aws:lambda/function:Function', props: { timeout: 300 } };
    const queue = (visibilityTimeoutSeconds: number) => ({
      type: 'aws:sqs/queue:Queue',
      props: { visibilityTimeoutSeconds, redrivePolicy: '{}' },
    });
    expect(checkStack(p.visibilityCoversLambda, [lambda, queue(900)])).to.have.length(1);
    expect(checkStack(p.visibilityCoversLambda, [lambda, queue(1800)])).to.deep.equal([]);
  });

  it('when a bucket lacks its public access block, then the stack policy reports it', () => {
    const guarded = [
      'aws:s3/bucket:Bucket',
      'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      'aws:s3/bucketPolicy:BucketPolicy',
    ];
    const resources = guarded.map((type) => ({ type, props: {} }));
    expect(checkStack(p.bucketsFullyGuarded, resources)).to.deep.equal(['1 buckets but only 0 public access blocks']);
    expect(
      checkStack(p.bucketsFullyGuarded, [...resources, { type: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', props: {} }]),
    ).to.deep.equal([]);
  });

  it('when the DLQ alarm is missing or has no action, then the alarms policy names it', () => {
    const alarm = (metric: string, actions: string[]) => {
      const [a, b, name] = metric.split('/');
      return { type: 'aws:cloudwatch/metricAlarm:MetricAlarm', props: { namespace: `${a}/${b}`, metricName: name, alarmActions: actions } };
    };
    const complete = p.REQUIRED_ALARMS.map((m) => alarm(m, ['arn:aws:sns:t']));
    expect(checkStack(p.alarmsPresent, complete)).to.deep.equal([]);
    const silent = complete.map((a, i) => (i === 0 ? { ...a, props: { ...a.props, alarmActions: [] } } : a));
    expect(checkStack(p.alarmsPresent, silent)).to.deep.equal(['No alarm with an action on AWS/SQS/ApproximateNumberOfMessagesVisible']);
    expect(checkStack(p.alarmsPresent, [...complete, { type: 'aws:rds/instance:Instance', props: {} }])).to.have.length(2);
  });
});

describe('infra policy pack: protected stacks', () => {
  const alb = (enableDeletionProtection: boolean) => ({ type: 'aws:lb/loadBalancer:LoadBalancer', props: { enableDeletionProtection } });
  const listener = (protocol: string, port: number, defaultActions: Props[]) => ({
    type: 'aws:lb/listener:Listener',
    props: { protocol, port, defaultActions },
  });
  const forward = [{ type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:tg' }];
  const redirect = [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }];

  it('when a protected stack serves plain HTTP, then https-when-protected reports it; a redirect beside HTTPS passes', () => {
    expect(checkStack(p.httpsWhenProtected, [alb(true), listener('HTTP', 80, forward)])).to.deep.equal([
      'A protected stack has no HTTPS listener',
      'HTTP listener on port 80 serves instead of redirecting to HTTPS',
    ]);
    expect(checkStack(p.httpsWhenProtected, [alb(true), listener('HTTPS', 443, forward), listener('HTTP', 80, forward)])).to.have.length(1);
    expect(checkStack(p.httpsWhenProtected, [alb(true), listener('HTTPS', 443, forward), listener('HTTP', 80, redirect)])).to.deep.equal(
      [],
    );
    expect(checkStack(p.httpsWhenProtected, [alb(false), listener('HTTP', 80, forward)]), 'dev may serve HTTP').to.deep.equal([]);
  });

  it('when a protected database is the only protection, then the stack still counts as protected', () => {
    const rds = { type: 'aws:rds/instance:Instance', props: { deletionProtection: true } };
    expect(checkStack(p.httpsWhenProtected, [rds, listener('HTTP', 80, forward)])).to.not.be.empty;
  });

  it('when alarms of a protected stack notify a topic without a subscriber, then alarm-subscriber reports it; the topic alone does not count', () => {
    const topic = 'arn:aws:sns:eu-west-2:123456789012:alarms';
    const alarm = { type: 'aws:cloudwatch/metricAlarm:MetricAlarm', props: { alarmActions: [topic] } };
    const topicResource = { type: 'aws:sns/topic:Topic', props: { arn: topic } };
    const subscription = (t: string) => ({
      type: 'aws:sns/topicSubscription:TopicSubscription',
      props: { topic: t, protocol: 'email', endpoint: 'ops@example.com' },
    });
    expect(checkStack(p.alarmSubscriber, [alb(true), topicResource, alarm])).to.deep.equal(['Alarms notify a topic nobody subscribes to']);
    expect(checkStack(p.alarmSubscriber, [alb(true), alarm, subscription('arn:aws:sns:eu-west-2:123456789012:other')])).to.deep.equal([
      `No subscriber on alarm topic ${topic}`,
    ]);
    expect(checkStack(p.alarmSubscriber, [alb(true), alarm, subscription(topic)])).to.deep.equal([]);
    expect(checkStack(p.alarmSubscriber, [alb(false), alarm]), 'dev alarms may go unread').to.deep.equal([]);
  });
});

describe('infra policy pack: every rule and its edges', () => {
  const ALL_RESOURCE = [
    p.noPublicIp,
    p.noWorldIngress,
    p.queueHardening,
    p.sqsEventSource,
    p.bucketPublicAccessBlocked,
    p.bucketTlsOnly,
    p.bucketEncrypted,
    p.ecsSecretsViaValueFrom,
    p.lambdaSecretsAsArns,
    p.iamScopedToArns,
    p.noBroadManagedPolicies,
    p.databaseHardening,
    p.loadBalancerHardening,
    p.logRetention,
    p.defaultTagsPresent,
  ];
  const ALL_STACK = [p.visibilityCoversLambda, p.bucketsFullyGuarded, p.alarmsPresent, p.httpsWhenProtected, p.alarmSubscriber];

  it('when the pack is loaded, then it enforces every policy, each mandatory, named once and described', () => {
    expect(p.resourcePolicies).to.have.members(ALL_RESOURCE);
    expect(p.stackPolicies).to.have.members(ALL_STACK);
    const all = [...ALL_RESOURCE, ...ALL_STACK];
    expect(new Set(all.map((x) => x.name)).size).to.equal(all.length);
    for (const policy of all) {
      expect(policy.name).to.match(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(policy.enforcementLevel, policy.name).to.equal('mandatory');
      expect(policy.description, policy.name).to.match(/^\S.{29,}/);
    }
  });

  it('when names are checked for secrets, then values are caught and references to them are not', () => {
    for (const name of [
      'SECRET_KEY',
      'DB_PASSWORD',
      'DB_PASSWD',
      'GITHUB_TOKEN',
      'OPENAI_API_KEY',
      'HMRC_CLIENT_ID',
      'PRIVATE_KEY',
      'AWS_CREDENTIALS',
    ])
      expect(p.looksSecret(name), name).to.equal(true);
    for (const name of ['DATABASE_SECRET_ARN', 'S3_KMS_KEY_ID', 'LOG_LEVEL', 'SQS_QUEUE_URL'])
      expect(p.looksSecret(name), name).to.equal(false);
  });

  const rule = (fromPort: number, toPort: number, protocol = 'tcp', cidr = '0.0.0.0/0') => ({
    type: 'ingress',
    fromPort,
    toPort,
    protocol,
    cidrBlocks: cidr.includes(':') ? [] : [cidr],
    ipv6CidrBlocks: cidr.includes(':') ? [cidr] : [],
  });

  it('when world ingress comes as a rule, an IPv6 range, all protocols or a port range, then each is reported; 80 and 443 alone pass', () => {
    const sgRule = 'aws:ec2/securityGroupRule:SecurityGroupRule';
    expect(check(p.noWorldIngress, sgRule, rule(22, 22))).to.have.length(1);
    expect(check(p.noWorldIngress, sgRule, rule(22, 22, 'tcp', '::/0'))).to.have.length(1);
    expect(check(p.noWorldIngress, sgRule, rule(80, 443))).to.have.length(1);
    expect(check(p.noWorldIngress, sgRule, rule(443, 443, '-1'))).to.have.length(1);
    expect(check(p.noWorldIngress, sgRule, rule(443, 443, 'all'))).to.have.length(1);
    expect(check(p.noWorldIngress, sgRule, { ...rule(22, 22), type: 'egress' })).to.deep.equal([]);
    expect(check(p.noWorldIngress, sgRule, rule(22, 22, 'tcp', '10.0.0.0/16'))).to.deep.equal([]);
    expect(check(p.noWorldIngress, sgRule, rule(80, 80))).to.deep.equal([]);
    expect(check(p.noWorldIngress, sgRule, rule(443, 443))).to.deep.equal([]);
    const vpcRule = 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule';
    expect(check(p.noWorldIngress, vpcRule, { cidrIpv6: '::/0', fromPort: 5432, toPort: 5432, ipProtocol: 'tcp' })).to.have.length(1);
  });

  it('when IAM grants actions on "*", then only the actions AWS authorises solely on "*" pass, and denies are not grants', () => {
    const wildcardOnly = [
      'ecr:GetAuthorizationToken',
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'cloudwatch:PutMetricData',
    ];
    expect(check(p.iamScopedToArns, 'aws:iam/rolePolicy:RolePolicy', { policy: allow(wildcardOnly, '*') })).to.deep.equal([]);
    expect(check(p.iamScopedToArns, 'aws:iam/rolePolicy:RolePolicy', { policy: allow('*', 'arn:aws:s3:::b') })).to.have.length(1);
    expect(
      check(p.iamScopedToArns, 'aws:iam/rolePolicy:RolePolicy', { policy: allow(['kms:Decrypt', 'sqs:SendMessage'], ['*']) }),
    ).to.have.length(2);
    const deny = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });
    expect(check(p.iamScopedToArns, 'aws:iam/rolePolicy:RolePolicy', { policy: deny })).to.deep.equal([]);
    expect(check(p.iamScopedToArns, 'aws:s3/bucketPolicy:BucketPolicy', { policy: allow('s3:*', '*') }), 'not a role policy').to.deep.equal(
      [],
    );
    for (const name of ['AdministratorAccess', 'PowerUserAccess'])
      expect(
        check(p.noBroadManagedPolicies, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment', {
          policyArn: `arn:aws:iam::aws:policy/${name}`,
        }),
      ).to.have.length(1);
  });

  it('when queues, triggers, buckets and secrets are almost right, then the one thing wrong is reported', () => {
    const queue = 'aws:sqs/queue:Queue';
    expect(check(p.queueHardening, queue, { kmsMasterKeyId: 'alias/k', messageRetentionSeconds: 1_209_600 })).to.deep.equal([]);
    expect(check(p.queueHardening, queue, { sqsManagedSseEnabled: true, messageRetentionSeconds: 345_600 })).to.have.length(1);
    const redrive = (maxReceiveCount: number) => JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:dlq', maxReceiveCount });
    expect(check(p.queueHardening, queue, { sqsManagedSseEnabled: true, redrivePolicy: redrive(0) })).to.have.length(1);
    expect(check(p.queueHardening, queue, { sqsManagedSseEnabled: true, redrivePolicy: redrive(1) })).to.deep.equal([]);
    const esm = 'aws:lambda/eventSourceMapping:EventSourceMapping';
    expect(check(p.sqsEventSource, esm, { batchSize: 1 })).to.have.length(1);
    expect(check(p.sqsEventSource, esm, { batchSize: 2, functionResponseTypes: ['ReportBatchItemFailures'] })).to.have.length(1);
    const sse = 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration';
    const algorithm = (sseAlgorithm: string) => ({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }] });
    for (const ok of ['AES256', 'aws:kms:dsse']) expect(check(p.bucketEncrypted, sse, algorithm(ok)), ok).to.deep.equal([]);
    expect(check(p.bucketEncrypted, sse, algorithm('none'))).to.have.length(1);
    const containers = (secrets: Props[]) => ({ containerDefinitions: JSON.stringify([{ name: 'api', secrets }]) });
    expect(
      check(p.ecsSecretsViaValueFrom, 'aws:ecs/taskDefinition:TaskDefinition', containers([{ name: 'K', valueFrom: 'plain' }])),
    ).to.have.length(1);
    const lambda = 'aws:lambda/function:Function';
    expect(check(p.lambdaSecretsAsArns, lambda, { environment: { variables: { OPENAI_API_KEY_SECRET_ARN: 'sk-live' } } })).to.have.length(
      1,
    );
    expect(check(p.lambdaSecretsAsArns, lambda, { vpcConfig: { subnetIds: ['s'] } }), 'no environment at all').to.deep.equal([]);
    expect(check(p.logRetention, 'aws:cloudwatch/logGroup:LogGroup', { retentionInDays: 0 })).to.have.length(1);
  });

  it('when a database or an ALB misses one guard, then that guard is named; protection applies in prod and production', () => {
    const rds = 'aws:rds/instance:Instance';
    const db = {
      storageEncrypted: true,
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      deletionProtection: false,
      skipFinalSnapshot: true,
    };
    expect(check(p.databaseHardening, rds, { ...db, storageEncrypted: false }, 'dev')).to.have.length(1);
    expect(check(p.databaseHardening, rds, { ...db, backupRetentionPeriod: 0 }, 'dev')).to.have.length(1);
    expect(check(p.databaseHardening, rds, { ...db, manageMasterUserPassword: false }, 'dev')).to.have.length(1);
    expect(check(p.databaseHardening, rds, db, 'production')).to.have.length(2);
    expect(check(p.databaseHardening, rds, { ...db, deletionProtection: true }, 'prod')).to.have.length(1);
    const lb = 'aws:lb/loadBalancer:LoadBalancer';
    const alb = {
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'strictest',
      accessLogs: { enabled: true },
      enableDeletionProtection: true,
    };
    expect(check(p.loadBalancerHardening, lb, alb, 'prod')).to.deep.equal([]);
    expect(check(p.loadBalancerHardening, lb, { ...alb, dropInvalidHeaderFields: false }, 'prod')).to.have.length(1);
    expect(check(p.loadBalancerHardening, lb, { ...alb, desyncMitigationMode: 'monitor' }, 'prod')).to.have.length(1);
    expect(check(p.loadBalancerHardening, lb, { ...alb, accessLogs: { enabled: false } }, 'prod')).to.have.length(1);
    expect(check(p.loadBalancerHardening, lb, { ...alb, enableDeletionProtection: false }, 'dev')).to.deep.equal([]);
    expect(check(p.loadBalancerHardening, 'aws:lb/listener:Listener', { protocol: 'HTTP', port: 80 })).to.deep.equal([]);
  });

  it('when the environment comes from stack tags instead of the provider, then prod protections still apply', () => {
    const args = {
      type: 'aws:rds/instance:Instance',
      props: {
        storageEncrypted: true,
        manageMasterUserPassword: true,
        backupRetentionPeriod: 7,
        deletionProtection: false,
        skipFinalSnapshot: false,
      },
      urn: 'urn',
      name: 'r',
      stackTags: new Map([['environment', 'prod']]),
    } as unknown as ResourceValidationArgs;
    const messages: string[] = [];
    p.databaseHardening.validateResource(args, (m) => messages.push(m));
    expect(messages).to.deep.equal(['RDS deletion protection is off in a protected environment']);
  });

  it('when the provider misses any one required tag, then it is named; other providers are not checked', () => {
    for (const tag of p.REQUIRED_TAGS) {
      const tags = Object.fromEntries(p.REQUIRED_TAGS.filter((t) => t !== tag).map((t) => [t, 'x']));
      expect(check(p.defaultTagsPresent, 'pulumi:providers:aws', { defaultTags: { tags } })).to.deep.equal([
        `AWS provider default tags miss ${tag}`,
      ]);
    }
    expect(p.REQUIRED_TAGS).to.deep.equal(['project', 'environment', 'owner']);
    expect(check(p.defaultTagsPresent, 'pulumi:providers:docker-build', {})).to.deep.equal([]);
  });

  it('when stack-wide rules look at defaults, then an unset Lambda timeout counts as 3 s and an unset visibility as 30 s', () => {
    const queue = (props: Props) => ({ type: 'aws:sqs/queue:Queue', props: { redrivePolicy: '{}', ...props } });
    expect(
      checkStack(p.visibilityCoversLambda, [{ type: 'aws:lambda/function:Function', props: {} }, queue({ visibilityTimeoutSeconds: 18 })]),
    ).to.deep.equal([]);
    expect(
      checkStack(p.visibilityCoversLambda, [{ type: 'aws:lambda/function:Function', props: {} }, queue({ visibilityTimeoutSeconds: 17 })]),
    ).to.have.length(1);
    expect(
      checkStack(p.visibilityCoversLambda, [{ type: 'aws:lambda/function:Function', props: { timeout: 5 } }, queue({})]),
    ).to.deep.equal([]);
    expect(
      checkStack(p.visibilityCoversLambda, [
        { type: 'aws:lambda/function:Function', props: { timeout: 6 } },
        { type: 'aws:sqs/queue:Queue', props: {} },
      ]),
      'a DLQ',
    ).to.deep.equal([]);
    const bucket = { type: 'aws:s3/bucket:Bucket', props: {} };
    const block = { type: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', props: {} };
    expect(checkStack(p.bucketsFullyGuarded, [bucket, block])).to.deep.equal([
      '1 buckets but only 0 encryption configurations',
      '1 buckets but only 0 bucket policies',
    ]);
  });

  it('when each required alarm is missing in turn, then the alarms policy names exactly that metric', () => {
    const alarm = (metric: string) => {
      const [a, b, name] = metric.split('/');
      return {
        type: 'aws:cloudwatch/metricAlarm:MetricAlarm',
        props: { namespace: `${a}/${b}`, metricName: name, alarmActions: ['arn:aws:sns:t'] },
      };
    };
    const required = [
      'AWS/SQS/ApproximateNumberOfMessagesVisible',
      'AWS/SQS/ApproximateAgeOfOldestMessage',
      'AWS/ApplicationELB/HTTPCode_ELB_5XX_Count',
      'AWS/ApplicationELB/UnHealthyHostCount',
      'AWS/Lambda/Errors',
      'AWS/Lambda/Throttles',
    ];
    for (const missing of required)
      expect(checkStack(p.alarmsPresent, required.filter((m) => m !== missing).map(alarm))).to.deep.equal([
        `No alarm with an action on ${missing}`,
      ]);
    const withDatabase: { type: string; props: Props }[] = [
      { type: 'aws:rds/instance:Instance', props: {} },
      ...[...required, 'AWS/RDS/CPUUtilization', 'AWS/RDS/FreeStorageSpace'].map(alarm),
    ];
    expect(checkStack(p.alarmsPresent, withDatabase)).to.deep.equal([]);
  });

  it('when a subscription has no endpoint or an alarm acts on something other than a topic, then neither counts', () => {
    const protectedAlb = { type: 'aws:lb/loadBalancer:LoadBalancer', props: { enableDeletionProtection: true } };
    const topic = 'arn:aws:sns:eu-west-2:123456789012:alarms';
    const noEndpoint = { type: 'aws:sns/topicSubscription:TopicSubscription', props: { topic, protocol: 'email' } };
    const alarm = (actions: string[]) => ({ type: 'aws:cloudwatch/metricAlarm:MetricAlarm', props: { alarmActions: actions } });
    expect(checkStack(p.alarmSubscriber, [protectedAlb, alarm([topic]), noEndpoint])).to.deep.equal([
      'Alarms notify a topic nobody subscribes to',
    ]);
    const subscribed = {
      type: 'aws:sns/topicSubscription:TopicSubscription',
      props: { topic, protocol: 'email', endpoint: 'ops@example.com' },
    };
    expect(checkStack(p.alarmSubscriber, [protectedAlb, alarm([topic, 'arn:aws:automate:eu-west-2:ec2:stop']), subscribed])).to.deep.equal(
      [],
    );
    expect(p.isProtectedStack([{ type: 'aws:rds/instance:Instance', props: { deletionProtection: false } }] as never)).to.equal(false);
  });
});
