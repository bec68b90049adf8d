import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { BUSINESS_METRIC, REGISTRIES as WATCHED_REGISTRIES } from '../components/observability';
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

const T = {
  lambda: 'aws:lambda/function:Function',
  taskDef: 'aws:ecs/taskDefinition:TaskDefinition',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  alarm: 'aws:cloudwatch/metricAlarm:MetricAlarm',
  dashboard: 'aws:cloudwatch/dashboard:Dashboard',
  topic: 'aws:sns/topic:Topic',
  endpoint: 'aws:ec2/vpcEndpoint:VpcEndpoint',
} as const;

const STACKS = [
  { stack: 'dev', overrides: {} },
  { stack: 'prod', overrides: PROTECTED_STACK_SETTINGS },
];
const TRACING_OFF = { 'kyb-verification:tracing': false };
const X_RAY_WRITES = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const OTLP = { TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' };
const REGISTRIES = ['companies_house', 'hmrc'];

const arnOf = (r: RecordedResource) => `arn:aws:${r.type.split(':')[1]!.split('/')[0]}:eu-west-2:123456789012:${r.name}`;
const containers = (run: StackRun): any[] => JSON.parse(byType(run, T.taskDef)[0]!.inputs.containerDefinitions);
const apiContainer = (run: StackRun) => containers(run).find((c) => c.name === 'api');
const apiEnv = (run: StackRun): Record<string, string> =>
  Object.fromEntries(apiContainer(run).environment.map((e: { name: string; value: string }) => [e.name, e.value]));
const lambdaEnv = (fn: RecordedResource): Record<string, string> => fn.inputs.environment.variables;
/** Each process of the stack with the environment it starts with. */
const processEnvs = (run: StackRun): [string, Record<string, string>][] => [
  ['api task', apiEnv(run)],
  ...byType(run, T.lambda).map((fn): [string, Record<string, string>] => [fn.name, lambdaEnv(fn)]),
];
const list = (v: string | string[]) => ([] as string[]).concat(v);
const xrayStatements = (policy: RecordedResource) =>
  parsePolicy(policy.inputs.policy).Statement.filter((s) => list(s.Action).some((a) => a.startsWith('xray:')));
const dashboardBody = (run: StackRun): { widgets: { properties: { title: string; metrics: unknown[][] } }[] } =>
  JSON.parse(byType(run, T.dashboard)[0]!.inputs.dashboardBody);
const widget = (run: StackRun, title: string) => {
  const found = dashboardBody(run).widgets.find((w) => w.properties.title === title);
  expect(found, `dashboard widget "${title}"`).to.not.equal(undefined);
  return JSON.stringify(found!.properties.metrics);
};

for (const { stack, overrides } of STACKS) {
  describe(`infra: tracing and business metrics in the ${stack} stack`, () => {
    let run: StackRun;
    let off: StackRun;
    before(async () => {
      run = await runStack(stack, overrides);
      off = await runStack(stack, { ...overrides, ...TRACING_OFF });
    });

    it('when deployed, then the API task and both functions emit EMF metrics under KYB and export spans to the local collector', () => {
      const processes = processEnvs(run);
      expect(processes).to.have.length(3);
      for (const [name, env] of processes) expect(env, name).to.include({ METRICS: 'emf', METRICS_NAMESPACE: 'KYB', ...OTLP });
    });

    it("when deployed, then both functions run traced (Active) with AWS's ADOT collector layer of the stack's region", () => {
      const functions = byType(run, T.lambda);
      expect(functions).to.have.length(2);
      for (const fn of functions) {
        expect(fn.inputs.tracingConfig, fn.name).to.deep.equal({ mode: 'Active' });
        expect(fn.inputs.layers, fn.name).to.have.length(1);
        expect(fn.inputs.layers[0], fn.name).to.match(
          /^arn:aws:lambda:eu-west-2:901920570463:layer:aws-otel-collector-amd64-ver-[\d-]+:\d+$/,
        );
      }
    });

    it('when deployed, then the API task runs a pinned ADOT collector beside the API that exports to X-Ray and logs to the API log group', () => {
      const all = containers(run);
      expect(all.map((c) => c.name).sort()).to.deep.equal(['api', 'otel-collector']);
      const collector = all.find((c) => c.name === 'otel-collector');
      expect(collector.image).to.match(/^public\.ecr\.aws\/aws-observability\/aws-otel-collector:v\d+\.\d+\.\d+$/);
      expect(collector.command).to.deep.equal(['--config=/etc/ecs/ecs-xray.yaml']);
      expect(collector.essential, 'a stopped collector must not stop the API').to.equal(false);
      expect(collector.portMappings ?? [], 'no port mapping: only the API container beside it sends OTLP').to.deep.equal([]);
      expect(apiContainer(run).dependsOn).to.deep.equal([{ containerName: 'otel-collector', condition: 'START' }]);
      expect(collector.logConfiguration.options['awslogs-group']).to.equal(apiContainer(run).logConfiguration.options['awslogs-group']);
      expect(collector.logConfiguration.options['awslogs-stream-prefix']).to.equal('otel-collector');
    });

    it('when deployed, then only the API task role and the two function roles may write traces, with exactly the X-Ray write actions', () => {
      const policies = byType(run, T.rolePolicy);
      const traced = policies.filter((p) => xrayStatements(p).length > 0).map((p) => p.name);
      expect(traced.sort()).to.deep.equal([`kyb-${stack}-monitoring`, `kyb-${stack}-role`, `kyb-${stack}-task`].sort());
      for (const name of traced) {
        const statements = xrayStatements(one(run, T.rolePolicy, name));
        expect(statements, name).to.have.length(1);
        expect(statements[0], name).to.deep.include({ Effect: 'Allow', Action: X_RAY_WRITES, Resource: '*' });
        expect(statements[0]!.Condition, name).to.equal(undefined);
      }
      expect(xrayStatements(one(run, T.rolePolicy, '-execution')), 'ECS pulls and logs; it sends no traces').to.deep.equal([]);
    });

    it('when tracing is switched off, then no layer, no active tracing, no sidecar, no OTLP settings and no X-Ray grant remain; metrics stay', () => {
      for (const fn of byType(off, T.lambda)) {
        expect(fn.inputs.layers, fn.name).to.equal(undefined);
        expect(fn.inputs.tracingConfig, fn.name).to.equal(undefined);
      }
      expect(containers(off).map((c) => c.name)).to.deep.equal(['api']);
      expect(apiContainer(off).dependsOn).to.equal(undefined);
      for (const [name, env] of processEnvs(off)) {
        expect(env, name).to.include({ METRICS: 'emf', METRICS_NAMESPACE: 'KYB' });
        expect(env, name).to.not.have.any.keys('TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT');
      }
      for (const policy of byType(off, T.rolePolicy)) expect(xrayStatements(policy), policy.name).to.deep.equal([]);
    });

    it('when the stack keeps AWS traffic on interface endpoints, then X-Ray has one while tracing is on, and none when it is off', () => {
      const xrayEndpoints = (r: StackRun) => byType(r, T.endpoint).filter((e) => e.inputs.serviceName === 'com.amazonaws.eu-west-2.xray');
      const interfaceEndpoints = byType(run, T.endpoint).some((e) => e.inputs.vpcEndpointType === 'Interface');
      expect(xrayEndpoints(run)).to.have.length(interfaceEndpoints ? 1 : 0);
      expect(xrayEndpoints(off)).to.deep.equal([]);
      for (const e of xrayEndpoints(run)) expect(e.inputs).to.include({ vpcEndpointType: 'Interface', privateDnsEnabled: true });
    });

    it('when a job waits too long before a worker takes it, then the QueueAge alarm tells the alarm topic', () => {
      const alarm = one(run, T.alarm, '-queue-age');
      expect(alarm.inputs).to.deep.include({
        namespace: 'KYB',
        metricName: 'QueueAge',
        dimensions: { service: 'kyb' },
        statistic: 'Maximum',
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 900,
        alarmActions: [arnOf(byType(run, T.topic)[0]!)],
      });
    });

    for (const registry of REGISTRIES) {
      it(`when too many ${registry} calls fail, then an error-rate alarm (errors / calls) tells the alarm topic`, () => {
        const alarm = one(run, T.alarm, `-registry-errors-${registry}`);
        expect(alarm.inputs).to.deep.include({ threshold: 20, comparisonOperator: 'GreaterThanThreshold' });
        expect(alarm.inputs.alarmActions).to.deep.equal([arnOf(byType(run, T.topic)[0]!)]);
        const queries: any[] = alarm.inputs.metricQueries;
        const byId = Object.fromEntries(queries.map((q) => [q.id, q]));
        for (const [id, metricName] of [
          ['errors', 'RegistryErrors'],
          ['calls', 'RegistryCalls'],
        ] as const) {
          expect(byId[id].metric).to.deep.include({ namespace: 'KYB', metricName, dimensions: { service: 'kyb', registry }, stat: 'Sum' });
        }
        const returned = queries.filter((q) => q.returnData);
        expect(returned).to.have.length(1);
        expect(returned[0].expression).to.equal('100 * FILL(errors, 0) / calls');
      });
    }

    it('when the dashboard opens, then it shows documents by decision, stage p50/p95, registry errors and latency, and queue age', () => {
      expect(widget(run, 'Documents by decision')).to.include('{KYB,decision,document_type,service} MetricName=\\"DocumentsDecided\\"');
      const stages = widget(run, 'Stage duration (p50, p95)');
      for (const stat of ['p50', 'p95']) expect(stages).to.include(`MetricName=\\"StageDuration\\"', '${stat}'`);
      for (const registry of REGISTRIES) {
        expect(widget(run, 'Registry errors')).to.include(`"KYB","RegistryErrors","service","kyb","registry","${registry}"`);
        expect(widget(run, 'Registry latency (p95)')).to.include(`"KYB","RegistryLatency","service","kyb","registry","${registry}"`);
      }
      expect(widget(run, 'Queue age (max)')).to.include('"KYB","QueueAge","service","kyb"');
    });
  });
}

describe('infra: the figures the dashboard reads are the ones the worker emits', () => {
  const source = (...parts: string[]) => fs.readFileSync(path.resolve(__dirname, '..', '..', ...parts), 'utf8');

  it('when the worker names its metrics, then every metric the dashboard and alarms read is among them', () => {
    const block = /export const METRIC = \{([^}]*)\}/.exec(source('worker', 'telemetry', 'metrics.ts'))![1]!;
    const emitted = [...block.matchAll(/'(\w+)'/g)].map((m) => m[1]);
    expect(emitted).to.include.members(Object.values(BUSINESS_METRIC));
  });

  it('when the worker names its registries, then each one has its error-rate alarm and widgets', () => {
    const union = /export type RegistryName = ([^;]+);/.exec(source('worker', 'registries', 'errors.ts'))![1]!;
    expect([...union.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort()).to.deep.equal([...WATCHED_REGISTRIES].sort());
  });
});

describe('infra: telemetry settings', () => {
  const expectConfigError = async (run: Promise<StackRun>, key: string) =>
    expect(await configErrorOf(run)).to.match(new RegExp(`^INFRA_CONFIG_INVALID: ${key}: `));

  it('when the namespace and thresholds are set, then every process, alarm and widget uses them', async () => {
    const run = await runStack('dev', {
      'kyb-verification:metricsNamespace': 'AcmeKyb',
      'kyb-verification:queueAgeAlarmSeconds': 120,
      'kyb-verification:registryErrorAlarmPercent': 5,
    });
    for (const [name, env] of processEnvs(run)) expect(env.METRICS_NAMESPACE, name).to.equal('AcmeKyb');
    expect(one(run, T.alarm, '-queue-age').inputs).to.include({ namespace: 'AcmeKyb', threshold: 120 });
    for (const registry of REGISTRIES) {
      const alarm = one(run, T.alarm, `-registry-errors-${registry}`);
      expect(alarm.inputs.threshold).to.equal(5);
      for (const q of alarm.inputs.metricQueries.filter((m: any) => m.metric)) expect(q.metric.namespace).to.equal('AcmeKyb');
    }
    expect(JSON.stringify(dashboardBody(run)))
      .to.include('{AcmeKyb,')
      .and.not.include('{KYB,');
  });

  it('when another ADOT layer or collector image is configured, then the functions and the task use it', async () => {
    const layer = 'arn:aws:lambda:eu-west-2:901920570463:layer:aws-otel-collector-amd64-ver-0-115-0:2';
    const image = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.44.0';
    const run = await runStack('dev', { 'kyb-verification:adotLambdaLayerArn': layer, 'kyb-verification:adotCollectorImage': image });
    for (const fn of byType(run, T.lambda)) expect(fn.inputs.layers, fn.name).to.deep.equal([layer]);
    expect(containers(run).find((c) => c.name === 'otel-collector').image).to.equal(image);
  });

  it('when the ADOT layer is in another region or the collector image is unpinned, then the program refuses the stack', async () => {
    await expectConfigError(
      runStack('dev', {
        'kyb-verification:adotLambdaLayerArn': 'arn:aws:lambda:us-east-1:901920570463:layer:aws-otel-collector-amd64-ver-0-102-1:1',
      }),
      'adotLambdaLayerArn',
    );
    await expectConfigError(
      runStack('dev', { 'kyb-verification:adotCollectorImage': 'public.ecr.aws/aws-observability/aws-otel-collector:latest' }),
      'adotCollectorImage',
    );
    await expectConfigError(
      runStack('dev', { 'kyb-verification:adotCollectorImage': 'public.ecr.aws/aws-observability/aws-otel-collector' }),
      'adotCollectorImage',
    );
    await expectConfigError(runStack('dev', { 'kyb-verification:metricsNamespace': 'AWS/Lambda' }), 'metricsNamespace');
  });

  it('when tracing is off, then a wrong layer ARN does not matter', async () => {
    const run = await runStack('dev', { ...TRACING_OFF, 'kyb-verification:adotLambdaLayerArn': 'not-an-arn' });
    expect(byType(run, T.lambda)).to.have.length(2);
  });
});
