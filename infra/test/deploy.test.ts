import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentTag, IMAGE_INPUTS } from '../lib/image-tag';
import { asPreviewed } from './support/awsx-preview';
import {
  byType,
  configErrorOf,
  one,
  parsePolicy,
  PROTECTED_STACK_SETTINGS,
  runStack,
  type RecordedResource,
  type StackRun,
} from './support/harness';
import { requiredGrants, SDK_COMMANDS, type Grant, type Role, type Target } from './support/required-access';

const ROOT = path.resolve(__dirname, '..', '..');
const T = {
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  bucket: 'aws:s3/bucket:Bucket',
  kmsKey: 'aws:kms/key:Key',
  queue: 'aws:sqs/queue:Queue',
  secret: 'aws:secretsmanager/secret:Secret',
  repo: 'aws:ecr/repository:Repository',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  lambda: 'aws:lambda/function:Function',
  esm: 'aws:lambda/eventSourceMapping:EventSourceMapping',
  service: 'aws:ecs/service:Service',
  listener: 'aws:lb/listener:Listener',
  alb: 'aws:lb/loadBalancer:LoadBalancer',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  pab: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  eventTarget: 'aws:cloudwatch/eventTarget:EventTarget',
  permission: 'aws:lambda/permission:Permission',
  alarm: 'aws:cloudwatch/metricAlarm:MetricAlarm',
} as const;

const PROTECTED = PROTECTED_STACK_SETTINGS;
/** Each stack with what its stack file sets for log retention. */
const STACKS = [
  { stack: 'dev', overrides: {}, logRetentionDays: 14 },
  { stack: 'staging', overrides: PROTECTED, logRetentionDays: 30 },
  { stack: 'prod', overrides: PROTECTED, logRetentionDays: 90 },
];
/** Who may assume each role: a wrong principal fails the task or function at start, not the deploy. */
const TRUSTED_SERVICE: Record<Role, string> = {
  apiTask: 'ecs-tasks.amazonaws.com',
  apiExecution: 'ecs-tasks.amazonaws.com',
  worker: 'lambda.amazonaws.com',
  monitoring: 'lambda.amazonaws.com',
};
const ROLE_SUFFIX: Record<Role, string> = { apiTask: '-task', apiExecution: '-execution', worker: '-role', monitoring: '-monitoring' };

const arnOf = (r: RecordedResource) =>
  r.type === T.secret
    ? `arn:aws:secretsmanager:eu-west-2:123456789012:secret:${r.name}-AbCdEf`
    : `arn:aws:${r.type.split(':')[1]!.split('/')[0]}:eu-west-2:123456789012:${r.name}`;
const list = (v: string | string[]) => ([] as string[]).concat(v);
const isDataAction = (a: string) => /^(s3|kms|sqs|secretsmanager):/i.test(a);

/** The AWS SDK commands the application sends, found in its source (tests excluded). */
function sdkCommandsInCode(): Set<string> {
  const found = new Set<string>();
  for (const folder of ['worker', 'service', 'cli']) {
    for (const entry of fs.readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      if (!text.includes('@aws-sdk/')) continue;
      for (const match of text.matchAll(/new ([A-Z][A-Za-z]*Command)\(/g)) found.add(match[1]!);
    }
  }
  return found;
}

function rolePolicyOf(run: StackRun, role: Role) {
  return parsePolicy(one(run, T.rolePolicy, ROLE_SUFFIX[role]).inputs.policy).Statement;
}

/** The API container's plain settings, by name. */
function apiEnvironment(run: StackRun): Record<string, string> {
  const container = JSON.parse(byType(run, 'aws:ecs/taskDefinition:TaskDefinition')[0]!.inputs.containerDefinitions)[0];
  return Object.fromEntries((container.environment as { name: string; value: string }[]).map((e) => [e.name, e.value]));
}

/** The ARNs each kind of target resolves to in this stack's run. */
function targetsOf(run: StackRun): Record<Target, string[]> {
  const bucket = arnOf(one(run, T.bucket, '-documents'));
  return {
    documents: [`${bucket}/documents/*`],
    bucket: [bucket],
    key: [arnOf(byType(run, T.kmsKey)[0]!)],
    queue: [arnOf(one(run, T.queue, '-jobs'))],
    databaseSecret: [apiEnvironment(run).DATABASE_SECRET_ARN!],
    appUserSecret: [arnOf(one(run, T.secret, '-app-user'))],
    appSecrets: byType(run, T.secret)
      .filter((s) => !s.name.endsWith('-app-user'))
      .map(arnOf),
    repository: [arnOf(byType(run, T.repo)[0]!)],
    logs: byType(run, T.logGroup).map((g) => `${arnOf(g)}:*`),
    account: ['*'],
  };
}

/** Every secret a role's statements let it read. */
function secretsReadBy(statements: ReturnType<typeof rolePolicyOf>): string[] {
  return statements
    .filter((s) => s.Effect === 'Allow' && list(s.Action).includes('secretsmanager:GetSecretValue'))
    .flatMap((s) => list(s.Resource));
}

/** Allowed by a statement that names the action and every ARN of the target (one of them, for a log group). */
function allows(statements: ReturnType<typeof rolePolicyOf>, grant: Grant, arns: string[]): boolean {
  return statements.some((s) => {
    if (s.Effect !== 'Allow' || !list(s.Action).some((a) => a.toLowerCase() === grant.action.toLowerCase())) return false;
    const resources = list(s.Resource);
    if (grant.target === 'account') return resources.length === 1 && resources[0] === '*';
    if (resources.includes('*')) return false;
    return grant.target === 'logs' ? arns.some((arn) => resources.includes(arn)) : arns.every((arn) => resources.includes(arn));
  });
}

describe('infra: what a deploy needs to work', () => {
  it('when the code sends an AWS SDK command, then the access table says which role needs which action for it', () => {
    expect([...sdkCommandsInCode()].sort()).to.deep.equal(Object.keys(SDK_COMMANDS).sort());
  });

  for (const { stack, overrides, logRetentionDays } of STACKS) {
    describe(`the ${stack} stack`, () => {
      let run: StackRun;
      before(async () => {
        run = await runStack(stack, overrides);
      });

      for (const role of ['apiTask', 'apiExecution', 'worker', 'monitoring'] as const) {
        it(`when the ${role} role acts, then it may do each thing the code needs, on exactly that resource`, () => {
          const statements = rolePolicyOf(run, role);
          const targets = targetsOf(run);
          const missing = requiredGrants(role)
            .filter((g) => !allows(statements, g, targets[g.target]))
            .map((g) => `${g.action} on ${g.target}`);
          expect(missing).to.deep.equal([]);
        });

        it(`when the ${role} role acts, then it holds no data action the code does not need`, () => {
          const granted = rolePolicyOf(run, role)
            .filter((s) => s.Effect === 'Allow')
            .flatMap((s) => list(s.Action))
            .filter(isDataAction);
          const needed = requiredGrants(role)
            .map((g) => g.action)
            .filter(isDataAction);
          expect([...new Set(granted)].sort()).to.deep.equal([...new Set(needed)].sort());
        });
      }

      it('when a task or function starts, then its role trusts exactly the service that assumes it, and its policy names each statement once', () => {
        for (const [role, service] of Object.entries(TRUSTED_SERVICE) as [Role, string][]) {
          const trust = parsePolicy(one(run, 'aws:iam/role:Role', ROLE_SUFFIX[role]).inputs.assumeRolePolicy).Statement;
          expect(trust, role).to.deep.equal([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }]);
          // IAM refuses a policy whose statement ids are not unique or not alphanumeric.
          const sids = rolePolicyOf(run, role).map((s) => s.Sid);
          for (const sid of sids) expect(sid, role).to.match(/^[A-Za-z0-9]+$/);
          expect(new Set(sids).size, role).to.equal(sids.length);
        }
      });

      it('when tracing is off, then every role policy is still a list of named statements and none grants X-Ray', async () => {
        const untraced = await runStack(stack, { ...overrides, 'kyb-verification:tracing': false });
        for (const role of Object.keys(ROLE_SUFFIX) as Role[]) {
          const statements = rolePolicyOf(untraced, role);
          for (const statement of statements) expect(statement.Sid, role).to.match(/^[A-Za-z0-9]+$/);
          expect(
            statements.flatMap((s) => list(s.Action)).filter((a) => a.startsWith('xray:')),
            role,
          ).to.deep.equal([]);
        }
      });

      it(`when processes log, then their log groups keep ${logRetentionDays} days, as the stack file says; VPC flow logs keep 90`, () => {
        const groups = byType(run, T.logGroup).filter((g) => !g.name.endsWith('-flow-logs'));
        expect(groups, 'the API, the worker and the monitoring function').to.have.length(3);
        expect(one(run, T.logGroup, '-flow-logs').inputs.retentionInDays).to.equal(90);
        for (const group of groups) expect(group.inputs.retentionInDays, group.name).to.equal(logRetentionDays);
      });

      it('when the API service starts, then it waits for the load balancer with the listener that forwards to its target group', () => {
        const previewed = asPreviewed(run);
        const forwarding = byType(previewed, T.listener).filter((l) => l.inputs.defaultActions[0].type === 'forward');
        expect(forwarding).to.have.length(1);
        const alb = one(run, 'awsx:lb:ApplicationLoadBalancer', '-alb');
        expect(forwarding[0]!.dependsOn, 'the listener is a child of the awsx load balancer').to.include(alb.name);
        expect(one(run, 'awsx:ecs:FargateService', '-service').dependsOn).to.include(alb.name);
      });

      it('when a routine deploy runs, then the running API count stays with autoscaling', () => {
        expect(one(run, 'awsx:ecs:FargateService', '-service').ignoreChanges).to.deep.equal(['desiredCount']);
      });

      it('when a function or its trigger is created, then its role policy exists first, and EventBridge may invoke before it targets', () => {
        // The policy, not only the role: a function created before its policy cannot reach its VPC or logs.
        const policies = byType(run, T.rolePolicy).map((p) => `${T.rolePolicy}::${p.name}`);
        for (const fn of byType(run, T.lambda))
          expect(
            fn.dependencies.filter((d) => policies.includes(d)),
            fn.name,
          ).to.have.length(1);
        expect(byType(run, T.esm)[0]!.dependencies.filter((d) => policies.includes(d))).to.have.length(1);
        const permission = byType(run, T.permission).find((p) => p.name.includes('monitoring'))!;
        expect(one(run, T.eventTarget, 'monitoring').dependsOn).to.include(permission.name);
      });

      it('when a bucket policy or the ALB is created, then the public access block and the log bucket policy exist first', () => {
        for (const policy of byType(run, T.bucketPolicy)) {
          const block = byType(run, T.pab).find((b) => b.name === policy.name)!;
          expect(policy.dependsOn, policy.name).to.include(block.name);
        }
        expect(one(run, 'awsx:lb:ApplicationLoadBalancer', '-alb').dependsOn).to.include(one(run, T.bucketPolicy, '-access-logs').name);
      });
    });
  }
});

describe('infra: the moments after the first deploy', () => {
  const T2 = {
    image: 'docker-build:index:Image',
    repo: 'aws:ecr/repository:Repository',
    taskDef: 'aws:ecs/taskDefinition:TaskDefinition',
    kmsKey: 'aws:kms/key:Key',
    bucketFamily: [
      'aws:s3/bucket:Bucket',
      'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
      'aws:s3/bucketOwnershipControls:BucketOwnershipControls',
      'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      'aws:s3/bucketVersioning:BucketVersioning',
      'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
      'aws:s3/bucketPolicy:BucketPolicy',
    ],
  } as const;
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kyb-image-tag-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
    fs.writeFileSync(path.join(tmp, file), text);
  };

  it('when the API sources change, then the image tag changes; unchanged sources, tests or node_modules keep it', () => {
    write('package.json', '{}');
    write('service/app.ts', 'export const a = 1;');
    write('worker/lambda.ts', 'export const b = 1;');
    const first = contentTag(tmp);
    expect(first).to.match(/^src-[0-9a-f]{24}$/);
    expect(contentTag(tmp)).to.equal(first);
    write('service/app.test.ts', 'it("x", () => undefined);');
    write('client/node_modules/x/index.js', 'module.exports = 1;');
    write('notes.md', 'not in the image');
    expect(contentTag(tmp)).to.equal(first);
    write('worker/lambda.ts', 'export const b = 2;');
    expect(contentTag(tmp)).to.not.equal(first);
  });

  it('when the image inputs are listed, then they are exactly what .dockerignore lets into the build context', () => {
    const allowed = fs
      .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/\/\*\*$/, ''));
    expect([...IMAGE_INPUTS].sort()).to.deep.equal(allowed.sort());
  });

  it('when the API is deployed, then the immutable repository gets the content tag, the task runs that digest, and a preview builds nothing', async () => {
    const run = await runStack('dev');
    const repo = byType(run, T2.repo)[0]!;
    expect(repo.inputs.imageTagMutability).to.equal('IMMUTABLE');
    const image = byType(run, T2.image)[0]!;
    const repositoryUrl = `123456789012.dkr.ecr.eu-west-2.amazonaws.com/${repo.name}`;
    expect(image.inputs.tags).to.deep.equal([`${repositoryUrl}:${contentTag(ROOT)}`]);
    expect(image.inputs).to.include({ push: true, buildOnPreview: false });
    const container = JSON.parse(byType(run, T2.taskDef)[0]!.inputs.containerDefinitions)[0];
    expect(container.image).to.match(new RegExp(`^${repositoryUrl}:src-[0-9a-f]{24}@sha256:[0-9a-f]{64}$`));
  });

  it('when a protected stack has no certificate or no alarm email, then the program refuses to deploy it', async () => {
    await expectConfigError(runStack('prod', { 'kyb-verification:alarmEmail': 'ops@example.com' }), 'certificateArn');
    await expectConfigError(
      runStack('staging', { 'kyb-verification:certificateArn': PROTECTED['kyb-verification:certificateArn'] }),
      'alarmEmail',
    );
  });

  it('when reserved concurrency is below what the queue trigger drives, then the program refuses it; prod reserves none', async () => {
    await expectConfigError(
      runStack('dev', { 'kyb-verification:workerMaxConcurrency': 5, 'kyb-verification:workerReservedConcurrency': 5 - 1 }),
      'workerReservedConcurrency',
    );
    const reserved = await runStack('dev', { 'kyb-verification:workerMaxConcurrency': 5, 'kyb-verification:workerReservedConcurrency': 5 });
    expect(byType(reserved, T.lambda).find((f) => !f.name.includes('monitoring'))!.inputs.reservedConcurrentExecutions).to.equal(5);
    // A fresh account's quota is 10 and 10 must stay unreserved: any reservation fails there.
    const prod = await runStack('prod', PROTECTED);
    for (const fn of byType(prod, T.lambda)) expect(fn.inputs.reservedConcurrentExecutions, fn.name).to.equal(-1);
  });

  it('when a protected stack is destroyed, then its buckets keep their guards and key with them; dev keeps nothing', async () => {
    const prod = await runStack('prod', PROTECTED);
    for (const type of T2.bucketFamily) {
      const family = byType(prod, type);
      expect(family.length, type).to.be.greaterThan(0);
      for (const r of family) expect(r.retainOnDelete, `${type} ${r.name}`).to.equal(true);
    }
    expect(byType(prod, T2.kmsKey)[0]!.retainOnDelete).to.equal(true);
    const dev = await runStack('dev');
    for (const type of T2.bucketFamily) for (const r of byType(dev, type)) expect(r.retainOnDelete, r.name).to.equal(false);
  });
});

async function expectConfigError(run: Promise<StackRun>, key: string): Promise<void> {
  expect(await configErrorOf(run)).to.match(new RegExp(`^INFRA_CONFIG_INVALID: ${key}: `));
}

describe('infra: alarms that page someone when production breaks', () => {
  let run: StackRun;
  before(async () => {
    run = await runStack('prod', PROTECTED);
  });

  /** What each alarm watches and when it fires: a wrong metric, statistic or threshold alarms never (or always). */
  const ALARMS: Record<
    string,
    { namespace: string; metricName: string; statistic: string; comparison: string; threshold: number; period: number; periods: number }
  > = {
    'dlq-depth': {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      comparison: '>',
      threshold: 0,
      period: 60,
      periods: 1,
    },
    'oldest-message-age': {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      statistic: 'Maximum',
      comparison: '>',
      threshold: 1800,
      period: 300,
      periods: 1,
    },
    'alb-5xx': {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_ELB_5XX_Count',
      statistic: 'Sum',
      comparison: '>',
      threshold: 10,
      period: 300,
      periods: 1,
    },
    'target-5xx': {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      statistic: 'Sum',
      comparison: '>',
      threshold: 10,
      period: 300,
      periods: 1,
    },
    'unhealthy-hosts': {
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      statistic: 'Maximum',
      comparison: '>',
      threshold: 0,
      period: 60,
      periods: 2,
    },
    'lambda-errors': {
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      statistic: 'Sum',
      comparison: '>',
      threshold: 0,
      period: 300,
      periods: 1,
    },
    'lambda-throttles': {
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      statistic: 'Sum',
      comparison: '>',
      threshold: 0,
      period: 300,
      periods: 1,
    },
    'queue-age': {
      namespace: 'KYB',
      metricName: 'QueueAge',
      statistic: 'Maximum',
      comparison: '>',
      threshold: 900,
      period: 300,
      periods: 1,
    },
    'rds-cpu': {
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      statistic: 'Average',
      comparison: '>',
      threshold: 80,
      period: 300,
      periods: 3,
    },
    'rds-free-storage': {
      namespace: 'AWS/RDS',
      metricName: 'FreeStorageSpace',
      statistic: 'Minimum',
      comparison: '<',
      threshold: 2 * 1024 ** 3,
      period: 300,
      periods: 1,
    },
  };
  const OPERATOR: Record<string, string> = { '>': 'GreaterThanThreshold', '<': 'LessThanThreshold' };

  it('when a metric crosses its line, then the alarm watching it fires at the threshold the runbooks name, and says why', () => {
    for (const [key, want] of Object.entries(ALARMS)) {
      const alarm = one(run, T.alarm, `-${key}`).inputs;
      expect(alarm, key).to.deep.include({
        namespace: want.namespace,
        metricName: want.metricName,
        statistic: want.statistic,
        comparisonOperator: OPERATOR[want.comparison],
        threshold: want.threshold,
        period: want.period,
        evaluationPeriods: want.periods,
        treatMissingData: 'notBreaching',
      });
      expect(alarm.alarmDescription, key).to.be.a('string').with.length.greaterThan(10);
    }
  });

  it('when a protected stack is given an alarm email, then that address is subscribed to the topic by email; dev without one gets none', async () => {
    const subscription = one(run, 'aws:sns/topicSubscription:TopicSubscription', '-alarms-email').inputs;
    expect(subscription).to.deep.equal({
      topic: arnOf(one(run, 'aws:sns/topic:Topic', '-alarms')),
      protocol: 'email',
      endpoint: PROTECTED['kyb-verification:alarmEmail'],
    });
    expect(byType(await runStack('dev'), 'aws:sns/topicSubscription:TopicSubscription')).to.be.empty;
  });

  it('when an alarm fires or clears, then the topic the subscriber reads hears both', () => {
    const topic = arnOf(one(run, 'aws:sns/topic:Topic', '-alarms'));
    for (const key of Object.keys(ALARMS)) {
      const alarm = one(run, T.alarm, `-${key}`).inputs;
      expect(alarm.alarmActions, key).to.deep.equal([topic]);
      expect(alarm.okActions, key).to.deep.equal([topic]);
    }
  });

  it('when an alarm watches a resource, then its dimensions name that resource of this stack', () => {
    const dims = (key: string) => one(run, T.alarm, `-${key}`).inputs.dimensions;
    expect(dims('dlq-depth')).to.deep.equal({ QueueName: one(run, T.queue, '-dlq').name });
    expect(dims('oldest-message-age')).to.deep.equal({ QueueName: one(run, T.queue, '-jobs').name });
    const worker = byType(run, T.lambda).find((f) => !f.name.includes('monitoring'))!;
    for (const key of ['lambda-errors', 'lambda-throttles']) expect(dims(key), key).to.deep.equal({ FunctionName: worker.name });
    const loadBalancer = dims('alb-5xx').LoadBalancer;
    expect(loadBalancer).to.match(/^app\//);
    expect(dims('target-5xx')).to.deep.equal({ LoadBalancer: loadBalancer });
    expect(dims('unhealthy-hosts')).to.deep.include({ LoadBalancer: loadBalancer });
    expect(dims('unhealthy-hosts').TargetGroup).to.match(/^targetgroup\//);
    const database = byType(run, 'aws:rds/instance:Instance')[0]!;
    for (const key of ['rds-cpu', 'rds-free-storage']) expect(dims(key), key).to.deep.equal({ DBInstanceIdentifier: database.name });
    expect(dims('queue-age')).to.deep.equal({ service: 'kyb' });
  });
});

describe('infra: database access after the password rotates', () => {
  let run: StackRun;
  before(async () => {
    run = await runStack('prod', PROTECTED);
  });

  it('when the stack creates the database, then the app gets a login of its own whose secret AWS rotates at once and monthly, after the API has migrated', () => {
    const secret = one(run, T.secret, '-app-user');
    const version = one(run, 'aws:secretsmanager/secretVersion:SecretVersion', '-app-user');
    // A secret reaches the mocks wrapped as { value }: it stays a secret in state.
    expect(version.inputs.secretString).to.have.property('value');
    const content = JSON.parse(version.inputs.secretString.value);
    expect(content).to.deep.include({
      engine: 'postgres',
      username: 'kyb_app',
      port: 5432,
      dbname: 'kyb',
      masterarn: apiEnvironment(run).DATABASE_SECRET_ARN,
    });
    expect(content.masterarn, 'the RDS-managed master secret').to.match(/^arn:aws:secretsmanager:/);
    expect(content.password).to.have.length.greaterThan(0);
    expect(version.ignoreChanges, 'a later deploy never puts the first password back over a rotated one').to.deep.equal(['secretString']);
    const rotation = one(run, 'aws:secretsmanager/secretRotation:SecretRotation', '-app-user');
    expect(rotation.inputs).to.deep.include({
      secretId: `${secret.name}-id`,
      rotationRules: { automaticallyAfterDays: 30 },
      rotateImmediately: true,
    });
    const rotator = one(run, 'aws:serverlessrepository/cloudFormationStack:CloudFormationStack', '-db-rotation');
    expect(rotator.inputs.applicationId).to.match(/applications\/SecretsManagerRDSPostgreSQLRotationMultiUser$/);
    expect(rotation.inputs.rotationLambdaArn).to.equal(`arn:aws:lambda:eu-west-2:123456789012:function:${rotator.name}`);
    expect(rotation.dependsOn).to.include.members([version.name, one(run, 'awsx:ecs:FargateService', '-service').name]);
  });

  it('when the rotation function runs, then it sits in the private subnets behind a group that reaches only the database and HTTPS', () => {
    const rotator = one(run, 'aws:serverlessrepository/cloudFormationStack:CloudFormationStack', '-db-rotation').inputs.parameters;
    const privateSubnets = byType(run, 'aws:ec2/subnet:Subnet')
      .filter((s) => s.name.includes('-private-'))
      .map((s) => `${s.name}-id`);
    expect(rotator.vpcSubnetIds).to.equal(privateSubnets.join(','));
    expect(rotator.vpcSecurityGroupIds).to.equal(`${one(run, 'aws:ec2/securityGroup:SecurityGroup', '-rotation').name}-id`);
    expect(rotator.endpoint).to.equal('https://secretsmanager.eu-west-2.amazonaws.com');
    expect(rotator.masterSecretArn, 'its role may read the master, which sets the passwords').to.equal(
      apiEnvironment(run).DATABASE_SECRET_ARN,
    );
    expect(rotator.masterSecretArn).to.match(/:secret:rds!/);
  });

  it('when a task cannot reach the database, then the ALB sees it through /ready, and every process knows the app login', () => {
    const targetGroup = byType(asPreviewed(run), 'aws:lb/targetGroup:TargetGroup')[0]!;
    expect(targetGroup.inputs.healthCheck.path).to.equal('/ready');
    const appUserArn = arnOf(one(run, T.secret, '-app-user'));
    expect(apiEnvironment(run).DATABASE_APP_USER_ARN).to.equal(appUserArn);
    for (const fn of byType(run, T.lambda)) expect(fn.inputs.environment.variables.DATABASE_APP_USER_ARN, fn.name).to.equal(appUserArn);
  });

  it('when the functions run, then only the API (which migrates) holds the master login: neither their settings nor their roles name it', () => {
    const masterArn = apiEnvironment(run).DATABASE_SECRET_ARN!;
    expect(masterArn, 'the API task migrates with the master').to.match(/^arn:aws:secretsmanager:/);
    expect(apiEnvironment(run)).to.include.keys('DATABASE_HOST', 'DATABASE_PORT', 'DATABASE_NAME');
    const apiReads = secretsReadBy(rolePolicyOf(run, 'apiTask'));
    expect(apiReads).to.include.members([masterArn, arnOf(one(run, T.secret, '-app-user'))]);
    for (const fn of byType(run, T.lambda)) {
      const variables = fn.inputs.environment.variables as Record<string, string>;
      expect(Object.keys(variables), fn.name).to.not.include.members(['DATABASE_SECRET_ARN', 'DATABASE_HOST', 'DATABASE_URL']);
      expect(Object.values(variables), fn.name).to.not.include(masterArn);
    }
    for (const role of ['worker', 'monitoring'] as const) {
      const reads = secretsReadBy(rolePolicyOf(run, role));
      expect(reads, role).to.include(arnOf(one(run, T.secret, '-app-user')));
      expect(reads, role).to.not.include(masterArn);
    }
  });

  it('when the stack uses an existing database, then there is no app login or rotation to manage', async () => {
    const existing = await runStack('dev', {
      'kyb-verification:databaseSecretArn': 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:shared-db-Abc123',
    });
    expect(byType(existing, 'aws:secretsmanager/secretRotation:SecretRotation')).to.be.empty;
    const given = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:shared-db-Abc123';
    for (const fn of byType(existing, T.lambda)) {
      expect(fn.inputs.environment.variables, fn.name).to.not.have.property('DATABASE_APP_USER_ARN');
      expect(fn.inputs.environment.variables.DATABASE_SECRET_ARN, `${fn.name}: the given database is its only login`).to.equal(given);
    }
    for (const role of ['apiTask', 'worker', 'monitoring'] as const)
      expect(secretsReadBy(rolePolicyOf(existing, role)), role).to.include(given);
  });
});
