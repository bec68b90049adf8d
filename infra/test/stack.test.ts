import { expect } from 'chai';
import type { ResourceValidationArgs, StackValidationArgs } from '@pulumi/policy';
import { resourcePolicies, stackPolicies } from '../policy/policies';
import { asPreviewed } from './support/awsx-preview';
import { byType, one, parsePolicy, runStack, type RecordedResource, type StackRun } from './support/harness';

const T = {
  subnet: 'aws:ec2/subnet:Subnet',
  nat: 'aws:ec2/natGateway:NatGateway',
  sg: 'aws:ec2/securityGroup:SecurityGroup',
  ingress: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
  egress: 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule',
  endpoint: 'aws:ec2/vpcEndpoint:VpcEndpoint',
  service: 'aws:ecs/service:Service',
  cluster: 'aws:ecs/cluster:Cluster',
  taskDef: 'aws:ecs/taskDefinition:TaskDefinition',
  lambda: 'aws:lambda/function:Function',
  esm: 'aws:lambda/eventSourceMapping:EventSourceMapping',
  rds: 'aws:rds/instance:Instance',
  rdsSubnets: 'aws:rds/subnetGroup:SubnetGroup',
  rdsParams: 'aws:rds/parameterGroup:ParameterGroup',
  queue: 'aws:sqs/queue:Queue',
  redriveAllow: 'aws:sqs/redriveAllowPolicy:RedriveAllowPolicy',
  bucket: 'aws:s3/bucket:Bucket',
  pab: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  ownership: 'aws:s3/bucketOwnershipControls:BucketOwnershipControls',
  sse: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  versioning: 'aws:s3/bucketVersioning:BucketVersioning',
  lifecycle: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
  cors: 'aws:s3/bucketCorsConfiguration:BucketCorsConfiguration',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  kmsKey: 'aws:kms/key:Key',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  role: 'aws:iam/role:Role',
  alb: 'aws:lb/loadBalancer:LoadBalancer',
  tg: 'aws:lb/targetGroup:TargetGroup',
  listener: 'aws:lb/listener:Listener',
  waf: 'aws:wafv2/webAcl:WebAcl',
  wafAssoc: 'aws:wafv2/webAclAssociation:WebAclAssociation',
  repo: 'aws:ecr/repository:Repository',
  repoLifecycle: 'aws:ecr/lifecyclePolicy:LifecyclePolicy',
  image: 'docker-build:index:Image',
  scalingTarget: 'aws:appautoscaling/target:Target',
  scalingPolicy: 'aws:appautoscaling/policy:Policy',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  alarm: 'aws:cloudwatch/metricAlarm:MetricAlarm',
  dashboard: 'aws:cloudwatch/dashboard:Dashboard',
  topic: 'aws:sns/topic:Topic',
  subscription: 'aws:sns/topicSubscription:TopicSubscription',
  secret: 'aws:secretsmanager/secret:Secret',
  secretVersion: 'aws:secretsmanager/secretVersion:SecretVersion',
  provider: 'pulumi:providers:aws',
} as const;

const SECRET_NAMES = ['SECRET_KEY', 'COMPANIES_HOUSE_API_KEY', 'HMRC_CLIENT_ID', 'HMRC_CLIENT_SECRET', 'OPENAI_API_KEY'];
const SECRET_VALUES = ['test-secret-key', 'test-ch-key', 'test-hmrc-id', 'test-hmrc-secret', 'test-openai-key'];
const WORLD = '0.0.0.0/0';
/** X-Ray supports no resource but "*" for segment upload. */
const X_RAY_WRITES = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** Per-stack expectations taken from Pulumi.<stack>.yaml, so a changed stack file must change here too. */
interface Expected {
  stack: string;
  azCount: number;
  natCount: number;
  cpu: string;
  memory: string;
  minCount: number;
  maxCount: number;
  lambdaMemory: number;
  maxConcurrency: number;
  protect: boolean;
  multiAz: boolean;
  /** Config a protected stack needs before its first deploy (the stack files cannot hold them). */
  overrides: Record<string, unknown>;
  retentionDays: number;
  waf: boolean;
  interfaceEndpoints: boolean;
}

const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-2:123456789012:certificate/abc';
const PROTECTED_STACK_SETTINGS = {
  'kyb-verification:certificateArn': CERTIFICATE_ARN,
  'kyb-verification:alarmEmail': 'ops@example.com',
};

const STACKS: Expected[] = [
  {
    stack: 'dev',
    azCount: 2,
    natCount: 1,
    cpu: '1024',
    memory: '2048',
    minCount: 1,
    maxCount: 2,
    lambdaMemory: 512,
    maxConcurrency: 2,
    protect: false,
    multiAz: false,
    overrides: {},
    retentionDays: 30,
    waf: false,
    interfaceEndpoints: false,
  },
  {
    stack: 'staging',
    azCount: 2,
    natCount: 2,
    cpu: '1024',
    memory: '2048',
    minCount: 1,
    maxCount: 3,
    lambdaMemory: 512,
    maxConcurrency: 5,
    protect: true,
    multiAz: false,
    overrides: PROTECTED_STACK_SETTINGS,
    retentionDays: 90,
    waf: true,
    interfaceEndpoints: true,
  },
  {
    stack: 'prod',
    azCount: 3,
    natCount: 3,
    cpu: '2048',
    memory: '4096',
    minCount: 2,
    maxCount: 10,
    lambdaMemory: 1024,
    maxConcurrency: 20,
    protect: true,
    multiAz: true,
    overrides: PROTECTED_STACK_SETTINGS,
    retentionDays: 2555,
    waf: true,
    interfaceEndpoints: true,
  },
];

const idOf = (r: RecordedResource) => `${r.name}-id`;
const arnOf = (r: RecordedResource) =>
  r.type === T.secret
    ? `arn:aws:secretsmanager:eu-west-2:123456789012:secret:${r.name}-AbCdEf`
    : `arn:aws:${r.type.split(':')[1]!.split('/')[0]}:eu-west-2:123456789012:${r.name}`;
const containerOf = (run: StackRun) => JSON.parse(byType(run, T.taskDef)[0]!.inputs.containerDefinitions)[0];
const workerFn = (run: StackRun) => byType(run, T.lambda).find((f) => !f.name.includes('monitoring'))!;
const lambdaEnv = (run: StackRun): Record<string, string> => workerFn(run).inputs.environment.variables;
const groupName = (run: StackRun, id: string | undefined) =>
  byType(run, T.sg)
    .find((g) => idOf(g) === id)
    ?.name.replace(/^kyb-\w+-/, '');

function violations(run: StackRun): string[] {
  const provider = byType(run, T.provider)[0];
  const found: string[] = [];
  for (const resource of run.resources) {
    const args = {
      type: resource.type,
      props: resource.inputs,
      urn: resource.name,
      name: resource.name,
      provider: provider && { type: provider.type, props: provider.inputs, urn: provider.name, name: provider.name },
      stackTags: new Map<string, string>(),
    } as unknown as ResourceValidationArgs;
    for (const policy of resourcePolicies)
      policy.validateResource(args, (message) => found.push(`${policy.name} ${resource.name}: ${message}`));
  }
  const stackArgs = {
    resources: run.resources.map((r) => ({ type: r.type, props: r.inputs, urn: r.name, name: r.name })),
    stackTags: new Map(),
  } as unknown as StackValidationArgs;
  for (const policy of stackPolicies) policy.validateStack(stackArgs, (message) => found.push(`${policy.name}: ${message}`));
  return found;
}

for (const expected of STACKS) {
  describe(`infra: the ${expected.stack} stack`, () => {
    /** What the program hands over (awsx components as one resource each), and the stack as a preview shows it. */
    let handed: StackRun;
    let run: StackRun;
    before(async () => {
      handed = await runStack(expected.stack, expected.overrides);
      run = asPreviewed(handed);
    });

    it('when the API and the ALB are built with awsx, then they get our groups, subnets, task definition and roles, and none of its defaults', () => {
      const alb = one(handed, 'awsx:lb:ApplicationLoadBalancer', '-alb').inputs;
      expect(alb.defaultSecurityGroup).to.deep.equal({ skip: true });
      expect(alb.securityGroups).to.deep.equal([idOf(one(handed, T.sg, '-alb'))]);
      expect(alb.subnetIds).to.deep.equal(
        byType(handed, T.subnet)
          .filter((s) => s.name.includes('-public-'))
          .map(idOf),
      );
      const service = one(handed, 'awsx:ecs:FargateService', '-service').inputs;
      expect(service.taskDefinition).to.equal(arnOf(byType(handed, T.taskDef)[0]!));
      expect(service, 'awsx builds no task definition, execution role or log group of its own').to.not.have.property('taskDefinitionArgs');
      expect(service.networkConfiguration.securityGroups).to.deep.equal([idOf(one(handed, T.sg, '-api'))]);
      expect(byType(handed, T.service), 'the ECS service comes from awsx').to.be.empty;
    });

    it('when deployed, then tasks, the Lambda and the database get no public IP and sit in private subnets', () => {
      const privateIds = byType(run, T.subnet)
        .filter((s) => s.name.includes('-private-'))
        .map(idOf);
      expect(privateIds).to.have.length(expected.azCount);
      for (const subnet of byType(run, T.subnet)) expect(subnet.inputs.mapPublicIpOnLaunch, subnet.name).to.equal(false);
      const network = byType(run, T.service)[0]!.inputs.networkConfiguration;
      expect(network.assignPublicIp).to.equal(false);
      expect(network.subnets).to.deep.equal(privateIds);
      expect(byType(run, T.lambda)[0]!.inputs.vpcConfig.subnetIds).to.deep.equal(privateIds);
      expect(byType(run, T.rds)[0]!.inputs.publiclyAccessible).to.equal(false);
      expect(byType(run, T.rdsSubnets)[0]!.inputs.subnetIds).to.deep.equal(privateIds);
    });

    it('when deployed, then only the ALB is open to the internet and the chain is ALB → 8000 → 5432', () => {
      for (const group of byType(run, T.sg)) expect(group.inputs.ingress ?? [], group.name).to.be.empty;
      const ingress = byType(run, T.ingress).map(
        (r) =>
          `${groupName(run, r.inputs.securityGroupId)}:${r.inputs.fromPort}-${r.inputs.toPort}<-${r.inputs.cidrIpv4 ?? groupName(run, r.inputs.referencedSecurityGroupId)}`,
      );
      const endpointRules = expected.interfaceEndpoints
        ? ['endpoints:443-443<-api', 'endpoints:443-443<-worker', 'endpoints:443-443<-rotation']
        : [];
      const httpsRules = expected.protect ? ['alb:443-443<-0.0.0.0/0'] : [];
      expect(ingress.sort()).to.deep.equal(
        [
          ...httpsRules,
          'alb:80-80<-0.0.0.0/0',
          'api:8000-8000<-alb',
          'database:5432-5432<-api',
          'database:5432-5432<-worker',
          'database:5432-5432<-rotation',
          ...endpointRules,
        ].sort(),
      );
      const egress = byType(run, T.egress).map(
        (r) =>
          `${groupName(run, r.inputs.securityGroupId)}:${r.inputs.fromPort}->${r.inputs.cidrIpv4 ?? groupName(run, r.inputs.referencedSecurityGroupId)}`,
      );
      expect(egress.sort()).to.deep.equal(
        [
          'alb:8000->api',
          'api:443->0.0.0.0/0',
          'api:5432->database',
          'worker:443->0.0.0.0/0',
          'worker:5432->database',
          'rotation:443->0.0.0.0/0',
          'rotation:5432->database',
        ].sort(),
      );
      expect(byType(run, T.alb)[0]!.inputs.securityGroups).to.deep.equal([idOf(one(run, T.sg, '-alb'))]);
      expect(byType(run, T.rds)[0]!.inputs.vpcSecurityGroupIds).to.deep.equal([idOf(one(run, T.sg, '-database'))]);
    });

    it('when deployed, then the queue hides a job for at least 6x the Lambda timeout and dead-letters after 3 receives', () => {
      const fn = byType(run, T.lambda)[0]!;
      const jobs = one(run, T.queue, '-jobs');
      const dlq = one(run, T.queue, '-dlq');
      expect(jobs.inputs.visibilityTimeoutSeconds).to.be.at.least(6 * fn.inputs.timeout);
      expect(jobs.inputs.visibilityTimeoutSeconds).to.equal(Math.max(6 * 300, 900));
      expect(JSON.parse(jobs.inputs.redrivePolicy)).to.deep.equal({ deadLetterTargetArn: arnOf(dlq), maxReceiveCount: 3 });
      expect(dlq.inputs.messageRetentionSeconds).to.equal(14 * 24 * 3600);
      const allow = JSON.parse(byType(run, T.redriveAllow)[0]!.inputs.redriveAllowPolicy);
      expect(allow).to.deep.equal({ redrivePermission: 'byQueue', sourceQueueArns: [arnOf(jobs)] });
    });

    it('when deployed, then the Lambda takes one job per invocation from the jobs queue and reports item failures', async () => {
      const esm = byType(run, T.esm)[0]!;
      expect(esm.inputs.batchSize).to.equal(1);
      expect(esm.inputs.functionResponseTypes).to.deep.equal(['ReportBatchItemFailures']);
      expect(esm.inputs.eventSourceArn).to.equal(arnOf(one(run, T.queue, '-jobs')));
      expect(esm.inputs.scalingConfig.maximumConcurrency).to.equal(expected.maxConcurrency);
      const fn = workerFn(run);
      expect(fn.inputs).to.include({ runtime: 'nodejs24.x', handler: 'lambda.handler', memorySize: expected.lambdaMemory, timeout: 300 });
      expect(await fn.inputs.code.path).to.equal('dist/lambda/worker.zip');
    });

    it('when deployed, then every bucket blocks public access, enforces TLS, is encrypted and versioned', () => {
      const buckets = byType(run, T.bucket);
      expect(buckets).to.have.length(2);
      for (const pab of byType(run, T.pab))
        expect(pab.inputs).to.include({
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        });
      for (const o of byType(run, T.ownership)) expect(o.inputs.rule.objectOwnership).to.equal('BucketOwnerEnforced');
      for (const v of byType(run, T.versioning)) expect(v.inputs.versioningConfiguration.status).to.equal('Enabled');
      for (const policy of byType(run, T.bucketPolicy)) {
        const deny = parsePolicy(policy.inputs.policy).Statement.find((s) => s.Effect === 'Deny');
        expect(deny?.Condition).to.deep.equal({ Bool: { 'aws:SecureTransport': 'false' } });
        expect(deny?.Principal).to.equal('*');
      }
      const documents = one(run, T.sse, '-documents').inputs.rules[0];
      expect(documents).to.deep.include({ bucketKeyEnabled: true });
      expect(documents.applyServerSideEncryptionByDefault).to.deep.equal({
        sseAlgorithm: 'aws:kms',
        kmsMasterKeyId: arnOf(byType(run, T.kmsKey)[0]!),
      });
      expect(byType(run, T.kmsKey)[0]!.inputs.enableKeyRotation).to.equal(true);
      expect(one(run, T.lifecycle, '-documents').inputs.rules[0].expiration.days).to.equal(expected.retentionDays + 7);
      expect(lambdaEnv(run).RETENTION_DAYS).to.equal(String(expected.retentionDays));
      expect(byType(run, T.cors), 'no CORS without configured origins').to.be.empty;
    });

    it('when deployed, then queues and the database are encrypted at rest and the database enforces TLS', () => {
      for (const q of byType(run, T.queue)) expect(q.inputs.sqsManagedSseEnabled).to.equal(true);
      const db = byType(run, T.rds)[0]!.inputs;
      expect(db).to.include({ storageEncrypted: true, manageMasterUserPassword: true });
      expect(db.password).to.equal(undefined);
      expect(byType(run, T.rdsParams)[0]!.inputs.parameters).to.deep.include({ name: 'rds.force_ssl', value: '1' });
    });

    it('when deployed, then the API receives secrets only through valueFrom and the Lambda only as ARNs', () => {
      const container = containerOf(run);
      const secretArn = (env: string) => arnOf(one(run, T.secret, `-${env.toLowerCase().replace(/_/g, '-')}`));
      expect(container.secrets).to.deep.equal([...SECRET_NAMES].sort().map((name) => ({ name, valueFrom: secretArn(name) })));
      const envNames: string[] = container.environment.map((e: { name: string }) => e.name);
      for (const name of envNames) expect(name).to.not.match(/SECRET(?!_ARN)|PASSWORD|TOKEN|API_KEY|CLIENT_ID/);
      const env = lambdaEnv(run);
      for (const name of SECRET_NAMES) {
        expect(env).to.not.have.property(name);
        expect(env[`${name}_SECRET_ARN`]).to.equal(secretArn(name));
      }
      const apiEnv = Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
      expect(apiEnv.DATABASE_SECRET_ARN, 'the API migrates with the RDS-managed master').to.match(/^arn:aws:secretsmanager:.*:secret:rds!/);
      expect(env.DATABASE_APP_USER_ARN, 'the functions serve as the app user').to.equal(arnOf(one(run, T.secret, '-app-user')));
      expect(env, 'AWS_REGION is reserved in Lambda').to.not.have.property('AWS_REGION');
      const visible = JSON.stringify([container, env]);
      for (const value of SECRET_VALUES) expect(visible).to.not.include(value);
    });

    it('when deployed, then the app gets the settings worker/config.ts reads', () => {
      const api = Object.fromEntries(containerOf(run).environment.map((e: { name: string; value: string }) => [e.name, e.value]));
      expect(api).to.include({
        NODE_ENV: 'production',
        PORT: '8000',
        STORAGE: 's3',
        QUEUE: 'sqs',
        AWS_REGION: 'eu-west-2',
        QUEUE_MAX_ATTEMPTS: '3',
        S3_PREFIX: 'documents/',
      });
      expect(api.SQS_QUEUE_URL).to.match(/^https:\/\/sqs\..*-jobs$/);
      expect(api.SQS_DLQ_URL).to.match(/^https:\/\/sqs\..*-dlq$/);
      expect(api.S3_KMS_KEY_ID).to.equal(arnOf(byType(run, T.kmsKey)[0]!));
      expect(lambdaEnv(run)).to.include({ NODE_ENV: 'production', STORAGE: 's3', QUEUE: 'sqs', S3_BUCKET_NAME: api.S3_BUCKET_NAME });
      expect(lambdaEnv(run).NODE_EXTRA_CA_CERTS, 'the Lambda must trust the RDS CA for verify-full').to.equal('/var/runtime/ca-cert.pem');
      expect(lambdaEnv(run), 'one OCR worker fits the Lambda memory').to.include({
        OCR_WORKERS: '1',
        MALLOC_ARENA_MAX: '2',
        NODE_OPTIONS: '--max-old-space-size=256 --max-semi-space-size=8',
      });
    });

    it('when deployed, then no role grants a wildcard action or a data action on "*"', () => {
      const policies = byType(run, T.rolePolicy);
      expect(policies).to.have.length(5);
      for (const policy of policies) {
        for (const statement of parsePolicy(policy.inputs.policy).Statement) {
          const actions = ([] as string[]).concat(statement.Action);
          expect(
            actions.some((a) => a === '*' || a.endsWith(':*')),
            policy.name,
          ).to.equal(false);
          if (([] as string[]).concat(statement.Resource).includes('*')) {
            expect(
              actions.every((a) => a.startsWith('ec2:') || a === 'ecr:GetAuthorizationToken' || X_RAY_WRITES.includes(a)),
              `${policy.name} ${statement.Sid}`,
            ).to.equal(true);
          }
        }
      }
      const workerSecrets = parsePolicy(one(run, T.rolePolicy, '-role').inputs.policy).Statement.find((s) => s.Sid === 'ReadSecrets')!;
      const lambdaArns = Object.entries(lambdaEnv(run))
        .filter(([k]) => k.endsWith('_SECRET_ARN') || k === 'DATABASE_APP_USER_ARN')
        .map(([, v]) => v);
      expect(([] as string[]).concat(workerSecrets.Resource).sort()).to.deep.equal(lambdaArns.sort());
    });

    it(`when deployed, then protections are ${expected.protect ? 'on' : 'off'} as the stack file says`, () => {
      const db = byType(run, T.rds)[0]!.inputs;
      expect(db).to.include({ deletionProtection: expected.protect, skipFinalSnapshot: !expected.protect, multiAz: expected.multiAz });
      expect(db.finalSnapshotIdentifier !== undefined).to.equal(expected.protect);
      expect(byType(run, T.alb)[0]!.inputs.enableDeletionProtection).to.equal(expected.protect);
      expect(byType(run, T.bucket).every((b) => b.inputs.forceDestroy === !expected.protect)).to.equal(true);
      expect(byType(run, T.repo)[0]!.inputs.forceDelete).to.equal(!expected.protect);
      expect(byType(run, T.waf)).to.have.length(expected.waf ? 1 : 0);
      expect(byType(run, T.wafAssoc)).to.have.length(expected.waf ? 1 : 0);
    });

    it('when deployed, then the network spans the configured zones with the configured NAT strategy and an S3 gateway endpoint', () => {
      expect(byType(run, T.nat)).to.have.length(expected.natCount);
      const endpoints = byType(run, T.endpoint);
      const s3 = endpoints.find((e) => e.inputs.vpcEndpointType === 'Gateway')!;
      expect(s3.inputs.serviceName).to.equal('com.amazonaws.eu-west-2.s3');
      expect(s3.inputs.routeTableIds).to.have.length(expected.azCount);
      const interfaces = endpoints
        .filter((e) => e.inputs.vpcEndpointType === 'Interface')
        .map((e) => e.inputs.serviceName.split('.').slice(3).join('.'));
      expect(interfaces.sort()).to.deep.equal(
        expected.interfaceEndpoints ? ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'sqs', 'xray'] : [],
      );
    });

    it('when deployed, then the ALB is hardened and health-checks the API on /ready every 30 s with a 5 s timeout', () => {
      const alb = byType(run, T.alb)[0]!.inputs;
      expect(alb).to.include({ dropInvalidHeaderFields: true, desyncMitigationMode: 'defensive', internal: false });
      expect(alb.accessLogs.enabled).to.equal(true);
      expect(alb.subnets).to.deep.equal(
        byType(run, T.subnet)
          .filter((s) => s.name.includes('-public-'))
          .map(idOf),
      );
      const tg = byType(run, T.tg)[0]!.inputs;
      expect(tg).to.include({ port: 8000, targetType: 'ip' });
      expect(tg.healthCheck, 'readiness, so a task that cannot reach the database is replaced').to.include({
        path: '/ready',
        interval: 30,
        timeout: 5,
      });
      const listeners = byType(run, T.listener);
      expect(listeners.map((l) => `${l.inputs.protocol}:${l.inputs.port}:${l.inputs.defaultActions[0].type}`).sort()).to.deep.equal(
        expected.protect ? ['HTTP:80:redirect', 'HTTPS:443:forward'] : ['HTTP:80:forward'],
      );
    });

    it('when deployed, then the API runs the service image on Fargate with rollback, grace period and autoscaling', () => {
      expect(byType(run, T.repo)[0]!.inputs).to.deep.include({
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
      });
      expect(byType(run, T.repoLifecycle)).to.have.length(1);
      const image = byType(run, T.image)[0]!.inputs;
      expect(image).to.deep.include({
        platforms: ['linux/amd64'],
        dockerfile: { location: 'service/Dockerfile' },
        context: { location: '.' },
      });
      expect(byType(run, T.cluster)[0]!.inputs.settings).to.deep.equal([{ name: 'containerInsights', value: 'enabled' }]);
      expect(byType(run, T.taskDef)[0]!.inputs).to.include({ cpu: expected.cpu, memory: expected.memory, networkMode: 'awsvpc' });
      const service = byType(run, T.service)[0]!.inputs;
      expect(service.deploymentCircuitBreaker).to.deep.equal({ enable: true, rollback: true });
      expect(service.healthCheckGracePeriodSeconds).to.equal(60);
      expect(service.loadBalancers).to.deep.equal([
        {
          targetGroupArn: `arn:aws:elasticloadbalancing:eu-west-2:123456789012:${one(handed, 'awsx:lb:ApplicationLoadBalancer', '-alb').name}-tg`,
          containerName: 'api',
          containerPort: 8000,
        },
      ]);
      expect(byType(run, T.scalingTarget)[0]!.inputs).to.include({ minCapacity: expected.minCount, maxCapacity: expected.maxCount });
      const metrics = byType(run, T.scalingPolicy).map(
        (p) => p.inputs.targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType,
      );
      expect(metrics.sort()).to.deep.equal(['ALBRequestCountPerTarget', 'ECSServiceAverageCPUUtilization']);
      const roles = [byType(run, T.taskDef)[0]!.inputs.executionRoleArn, byType(run, T.taskDef)[0]!.inputs.taskRoleArn];
      expect(new Set(roles).size, 'separate execution and task roles').to.equal(2);
      for (const group of byType(run, T.logGroup)) expect(group.inputs.retentionInDays, group.name).to.be.greaterThan(0);
    });

    it('when deployed, then alarms on DLQ, queue age, 5xx, unhealthy hosts, Lambda errors/throttles and RDS notify the topic', () => {
      const topicArn = arnOf(byType(run, T.topic)[0]!);
      const alarms = byType(run, T.alarm);
      const singleMetric = alarms.filter((a) => a.inputs.metricQueries === undefined);
      expect(singleMetric.map((a) => `${a.inputs.namespace}/${a.inputs.metricName}`).sort()).to.deep.equal(
        [
          'AWS/ApplicationELB/HTTPCode_ELB_5XX_Count',
          'AWS/ApplicationELB/HTTPCode_Target_5XX_Count',
          'AWS/ApplicationELB/UnHealthyHostCount',
          'AWS/Lambda/Errors',
          'AWS/Lambda/Throttles',
          'AWS/RDS/CPUUtilization',
          'AWS/RDS/FreeStorageSpace',
          'AWS/SQS/ApproximateAgeOfOldestMessage',
          'AWS/SQS/ApproximateNumberOfMessagesVisible',
          'KYB/QueueAge',
        ].sort(),
      );
      for (const alarm of alarms) expect(alarm.inputs.alarmActions, alarm.name).to.deep.equal([topicArn]);
      const dlqAlarm = alarms.find((a) => a.name.endsWith('dlq-depth'))!;
      expect(dlqAlarm.inputs).to.include({ threshold: 0, comparisonOperator: 'GreaterThanThreshold' });
      expect(dlqAlarm.inputs.dimensions.QueueName).to.equal(one(run, T.queue, '-dlq').name);
      expect(byType(run, T.dashboard)).to.have.length(1);
    });

    it('when deployed, then every AWS resource is created through the provider carrying project, environment and owner tags', () => {
      const provider = byType(run, T.provider)[0]!;
      const tags = JSON.parse(provider.inputs.defaultTags).tags;
      expect(tags).to.include({ project: 'kyb-verification', environment: expected.stack, owner: 'platform-team' });
      const awsResources = run.resources.filter((r) => r.custom && r.type.startsWith('aws:'));
      expect(awsResources.length).to.be.greaterThan(50);
      for (const r of awsResources) expect(r.provider ?? '', r.name).to.match(/pulumi:providers:aws::aws::/);
      for (const component of handed.resources.filter((r) => r.type.startsWith('awsx:')))
        expect(component.providers, `${component.name} passes our tagged provider to its children`).to.match(/pulumi:providers:aws::aws::/);
    });

    it('when deployed, then the stack exposes API, docs, queue, DLQ, bucket and dashboard', () => {
      expect(run.outputs.apiUrl).to.match(expected.protect ? /^https:\/\/.*elb\.amazonaws\.com$/ : /^http:\/\/.*elb\.amazonaws\.com$/);
      expect(run.outputs.docsUrl).to.equal(`${run.outputs.apiUrl}/api/docs`);
      expect(run.outputs.queueUrl).to.match(/-jobs$/);
      expect(run.outputs.dlqUrl).to.match(/-dlq$/);
      expect(run.outputs.bucketName).to.match(/-documents$/);
      expect(run.outputs.dashboardUrl).to.match(
        /^https:\/\/eu-west-2\.console\.aws\.amazon\.com\/cloudwatch\/.*#dashboards:name=kyb-verification-/,
      );
    });

    it('when the policy pack checks the stack, then no policy reports a violation', () => {
      expect(violations(run)).to.deep.equal([]);
    });
  });
}

describe('infra: optional features of a stack', () => {
  it('when a certificate, CORS origins and an alarm email are set, then HTTPS serves, HTTP redirects with 301 and CORS allows only those origins, their direct-upload POSTs included', async () => {
    const run = asPreviewed(
      await runStack('dev', {
        'kyb-verification:certificateArn': 'arn:aws:acm:eu-west-2:123456789012:certificate/abc',
        'kyb-verification:corsOrigins': ['https://app.example.com'],
        'kyb-verification:alarmEmail': 'ops@example.com',
      }),
    );
    const listeners = Object.fromEntries(byType(run, T.listener).map((l) => [l.inputs.port, l.inputs]));
    expect(listeners[443]).to.include({
      protocol: 'HTTPS',
      certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/abc',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
    expect(listeners[80]!.defaultActions[0]).to.deep.include({
      type: 'redirect',
      redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
    });
    const open = byType(run, T.ingress)
      .filter((r) => r.inputs.cidrIpv4 === WORLD)
      .map((r) => r.inputs.fromPort);
    expect(open.sort()).to.deep.equal([443, 80]);
    const cors = byType(run, T.cors);
    expect(cors).to.have.length(1);
    expect(cors[0]!.inputs.corsRules[0].allowedOrigins).to.deep.equal(['https://app.example.com']);
    expect(cors[0]!.inputs.corsRules[0].allowedMethods).to.include('POST');
    expect(byType(run, T.subscription)[0]!.inputs).to.include({ protocol: 'email', endpoint: 'ops@example.com' });
    expect(run.outputs.apiUrl).to.match(/^https:\/\//);
    expect(violations(run)).to.deep.equal([]);
  });

  it('when an existing database secret is configured, then no RDS instance is created and the app reads that secret', async () => {
    const existing = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:shared-db-Abc123';
    const run = asPreviewed(await runStack('dev', { 'kyb-verification:databaseSecretArn': existing }));
    expect(byType(run, T.rds)).to.be.empty;
    expect(lambdaEnv(run).DATABASE_SECRET_ARN).to.equal(existing);
    expect(byType(run, T.alarm).some((a) => a.inputs.namespace === 'AWS/RDS')).to.equal(false);
    expect(violations(run)).to.deep.equal([]);
  });
});
