import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { EnvMap, SecretArns } from './app-env';
import type { Statement } from './iam';
import { xrayWriteStatement } from './tracing';
import { repoPath } from './paths';

/** The artefact `make build-lambda` produces; the worker and the monitoring function share it. */
export const LAMBDA_ZIP = ['dist', 'lambda', 'worker.zip'] as const;
/** worker/lambda.ts dispatches on the event: SQS batches and monitoring rounds. */
export const LAMBDA_HANDLER = 'lambda.handler';
/** Node 24 LTS; Node 20 is end-of-life. */
export const LAMBDA_RUNTIME = aws.lambda.Runtime.NodeJS24dX;

/** ENI management for a function in a VPC; these EC2 actions support no resource but "*". */
export const VPC_ACCESS_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

export interface AppFunctionArgs {
  privateSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  memoryMb: number;
  timeoutSeconds: number;
  environment: EnvMap;
  /** Application secrets; the function receives only their ARNs as `<NAME>_SECRET_ARN`. */
  secretArns: SecretArns;
  logGroupName: pulumi.Input<string>;
  roleArn: pulumi.Input<string>;
  /** -1 leaves the function unreserved. */
  reservedConcurrency: number;
  /** The ADOT collector layer that forwards the function's OTLP spans to X-Ray; absent when tracing is off. */
  adotLayerArn?: string;
}

/** What every function built from the worker artefact runs with. */
export function appFunctionArgs(args: AppFunctionArgs): aws.lambda.FunctionArgs {
  const secretArnVariables = Object.fromEntries(
    Object.entries(args.secretArns).map(([secretName, arn]) => [`${secretName}_SECRET_ARN`, arn]),
  );
  return {
    runtime: LAMBDA_RUNTIME,
    handler: LAMBDA_HANDLER,
    architectures: ['x86_64'],
    code: new pulumi.asset.FileArchive(repoPath(...LAMBDA_ZIP)),
    role: args.roleArn,
    memorySize: args.memoryMb,
    timeout: args.timeoutSeconds,
    reservedConcurrentExecutions: args.reservedConcurrency,
    vpcConfig: { subnetIds: args.privateSubnetIds, securityGroupIds: [args.securityGroupId] },
    environment: {
      variables: {
        ...args.environment,
        ...secretArnVariables,
        // The database connection verifies the RDS certificate; the runtime's bundle includes the RDS CAs.
        NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
        // One OCR worker and few malloc arenas keep a 20-page scan under 512 MB (measured by make bench-ocr).
        OCR_WORKERS: '1',
        MALLOC_ARENA_MAX: '2',
        // A smaller young generation and heap make V8 collect sooner, which also frees page bitmaps sooner.
        NODE_OPTIONS: '--max-old-space-size=256 --max-semi-space-size=8',
      },
    },
    loggingConfig: { logFormat: 'JSON', logGroup: args.logGroupName },
    ...(args.adotLayerArn && { layers: [args.adotLayerArn], tracingConfig: { mode: 'Active' } }),
  };
}

/** Statements every function in the VPC needs: its network interfaces, its own log group and, when traced, X-Ray. */
export function functionBaseStatements(logGroupArn: pulumi.Input<string>, traced: boolean): Statement[] {
  const statements: Statement[] = [
    { Sid: 'VpcNetworking', Effect: 'Allow', Action: VPC_ACCESS_ACTIONS, Resource: '*' },
    {
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: pulumi.interpolate`${logGroupArn}:*`,
    },
  ];
  return traced ? [...statements, xrayWriteStatement] : statements;
}
