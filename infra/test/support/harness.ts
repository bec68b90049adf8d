import path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import * as settings from '@pulumi/pulumi/runtime/settings';
import { loadConfig } from '../../config';
import { stackConfig } from '../../lib/stack-file';
import { createStack } from '../../stack';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ACCOUNT = '123456789012';
const REGION = 'eu-west-2';

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, any>;
  /** URN (and id) of the provider the resource was created with. */
  provider?: string;
  custom: boolean;
  /** Names of the resources it waits for (explicit dependsOn and inputs), from the registration request. */
  dependsOn: string[];
  /** The same as `type::name`: a role and its policy may share a name. */
  dependencies: string[];
  retainOnDelete: boolean;
  protect: boolean;
  /** Inputs a deploy leaves as they are (another party owns them after creation). */
  ignoreChanges: string[];
  /** The aws provider a component hands its children (remote components get it in the request). */
  providers?: string;
}

/** What a registration request carries beyond the inputs the mocks see. */
interface RegistrationOptions {
  dependsOn: string[];
  dependencies: string[];
  retainOnDelete: boolean;
  protect: boolean;
  ignoreChanges: string[];
  providers?: string;
}

export interface StackRun {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
}

/** Values the provider would compute; inputs built from missing outputs are otherwise dropped. */
function computedState(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  const service = type.split(':')[1]?.split('/')[0] ?? 'unknown';
  const arn = type.startsWith('aws:secretsmanager')
    ? `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`
    : `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`;
  const state: Record<string, unknown> = { arn, name: inputs.name ?? name };
  switch (type) {
    case 'aws:sqs/queue:Queue':
      return { ...state, url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}` };
    case 'aws:s3/bucket:Bucket':
      return { ...state, bucket: name };
    case 'aws:rds/instance:Instance':
      return {
        ...state,
        identifier: name,
        address: `${name}.rds.example`,
        port: inputs.port,
        masterUserSecrets: [{ secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!${name}-XyZ` }],
      };
    case 'aws:lb/loadBalancer:LoadBalancer':
      return { ...state, arnSuffix: `app/${name}/abc`, dnsName: `${name}.${REGION}.elb.amazonaws.com` };
    case 'aws:lb/targetGroup:TargetGroup':
      return { ...state, arnSuffix: `targetgroup/${name}/def` };
    case 'aws:ecr/repository:Repository':
      return { ...state, repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}` };
    case 'docker-build:index:Image':
      return { ref: `${inputs.tags[0]}@sha256:${'0'.repeat(64)}`, digest: `sha256:${'0'.repeat(64)}` };
    case 'awsx:lb:ApplicationLoadBalancer':
      return {
        loadBalancer: {
          arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:${name}`,
          arnSuffix: `app/${name}/abc`,
          dnsName: `${name}.${REGION}.elb.amazonaws.com`,
        },
        defaultTargetGroup: { arn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:${name}-tg`, arnSuffix: `targetgroup/${name}/def` },
      };
    case 'awsx:ecs:FargateService':
      return { service: { name, arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:${name}` } };
    case 'aws:serverlessrepository/cloudFormationStack:CloudFormationStack':
      return { ...state, outputs: { RotationLambdaARN: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}` } };
    case 'aws:kms/key:Key':
      return { ...state, keyId: `${name}-key-id` };
    case 'aws:ec2/vpc:Vpc':
      return { ...state, cidrBlock: inputs.cidrBlock };
    default:
      return state;
  }
}

const nameOfUrn = (urn: string) => urn.slice(urn.lastIndexOf('::') + 2);
/** `urn:pulumi:stack::project::parent$type::name` → `type::name`. */
const typedNameOfUrn = (urn: string) => {
  const [typePath = '', name = ''] = urn.split('::').slice(-2);
  return `${typePath.slice(typePath.lastIndexOf('$') + 1)}::${name}`;
};

const mocks: pulumi.runtime.Mocks = {
  newResource(args) {
    const options = registrations.get(`${args.type}::${args.name}`) ?? {
      dependsOn: [],
      dependencies: [],
      retainOnDelete: false,
      protect: false,
      ignoreChanges: [],
    };
    current.push({
      type: args.type,
      name: args.name,
      inputs: args.inputs,
      provider: args.provider,
      custom: args.custom ?? true,
      ...options,
    });
    return { id: `${args.name}-id`, state: { ...args.inputs, ...computedState(args.type, args.name, args.inputs) } };
  },
  call(args) {
    switch (args.token) {
      case 'aws:index/getAvailabilityZones:getAvailabilityZones':
        return { names: ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'], zoneIds: ['euw2-az1', 'euw2-az2', 'euw2-az3'] };
      case 'aws:index/getCallerIdentity:getCallerIdentity':
        return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: 'test' };
      case 'aws:ecr/getAuthorizationToken:getAuthorizationToken':
        return { userName: 'AWS', password: 'test-ecr-token', proxyEndpoint: `https://${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com` };
      case 'aws:secretsmanager/getRandomPassword:getRandomPassword':
        return { randomPassword: 'test-initial-app-password' };
      case 'aws:elb/getServiceAccount:getServiceAccount':
        return { id: '652711504416', arn: 'arn:aws:iam::652711504416:root' };
      default:
        throw new Error(`unmocked call ${args.token}`);
    }
  },
};

let current: RecordedResource[] = [];
const registrations = new Map<string, RegistrationOptions>();

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDependenciesList(): string[];
  getRetainondelete(): boolean | undefined;
  getProtect(): boolean | undefined;
  getIgnorechangesList(): string[];
  getProvidersMap(): { get(key: string): string | undefined };
}

/** The mock monitor hands newResource only the inputs; ordering and retention come from the request itself. */
function recordRegistrationOptions(): void {
  const monitor = settings.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: unknown): Promise<void> };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    registrations.set(`${req.getType()}::${req.getName()}`, {
      dependsOn: req.getDependenciesList().map(nameOfUrn),
      dependencies: req.getDependenciesList().map(typedNameOfUrn),
      retainOnDelete: req.getRetainondelete() === true,
      protect: req.getProtect() === true,
      ignoreChanges: req.getIgnorechangesList(),
      providers: req.getProvidersMap().get('aws'),
    });
    return register(req, cb);
  };
}

/** Config a protected stack needs before its first deploy (the stack files cannot hold it). */
export const PROTECTED_STACK_SETTINGS = {
  'kyb-verification:certificateArn': 'arn:aws:acm:eu-west-2:123456789012:certificate/abc',
  'kyb-verification:alarmEmail': 'ops@example.com',
};

/** The message a run was refused with; undefined when the program ran. */
export async function configErrorOf(run: Promise<StackRun>): Promise<string | undefined> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  return error?.message;
}

/** Test-only secret values standing in for `pulumi config set --secret`. */
export const TEST_SECRETS = {
  'kyb-verification:secretKey': 'test-secret-key',
  'kyb-verification:companiesHouseApiKey': 'test-ch-key',
  'kyb-verification:hmrcClientId': 'test-hmrc-id',
  'kyb-verification:hmrcClientSecret': 'test-hmrc-secret',
  'kyb-verification:openaiApiKey': 'test-openai-key',
};

/**
 * Runs the real program (config loading and composition) for a stack file under mocks and
 * returns every resource it registered with its inputs.
 */
export function runStack(stack: string, overrides: Record<string, unknown> = {}): Promise<StackRun> {
  // The same stack and config always register the same resources; test files share one run of each.
  const key = JSON.stringify([stack, overrides]);
  let run = runs.get(key);
  if (!run) {
    run = queue.then(() => registerStack(stack, overrides));
    queue = run.catch(() => undefined);
    runs.set(key, run);
  }
  return run;
}

const runs = new Map<string, Promise<StackRun>>();
/** Mocks are process-global, so runs never overlap. */
let queue: Promise<unknown> = Promise.resolve();

async function registerStack(stack: string, overrides: Record<string, unknown>): Promise<StackRun> {
  current = [];
  registrations.clear();
  await pulumi.runtime.setMocks(mocks, 'kyb-verification', stack, false);
  recordRegistrationOptions();
  const config = { ...stackConfig(ROOT, stack, overrides), ...TEST_SECRETS };
  pulumi.runtime.setAllConfig(config, Object.keys(TEST_SECRETS));
  const outputs = createStack(loadConfig());
  const resolved = await new Promise<Record<string, unknown>>((resolve) =>
    pulumi.output(outputs).apply((o) => resolve(o as Record<string, unknown>)),
  );
  // Registrations that depend on other outputs finish after the outputs above; drain the RPC queue.
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return { resources: [...current], outputs: resolved };
}

export function byType(run: StackRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function one(run: StackRun, type: string, nameIncludes: string): RecordedResource {
  const found = byType(run, type).filter((r) => r.name.includes(nameIncludes));
  if (found.length !== 1)
    throw new Error(`expected one ${type} named *${nameIncludes}*, found ${found.map((r) => r.name).join(', ') || 'none'}`);
  return found[0]!;
}

/** Policy documents arrive as JSON strings once their outputs resolve. */
export function parsePolicy(policy: unknown): {
  Statement: { Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: any; Principal?: any; Sid?: string }[];
} {
  return typeof policy === 'string' ? JSON.parse(policy) : (policy as any);
}
