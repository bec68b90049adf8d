import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { EnvMap, SecretArns } from '../lib/app-env';
import { assumeRolePolicy, policyJson, type Statement } from '../lib/iam';
import { repoPath } from '../lib/paths';

export interface WorkerArgs {
  privateSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  memoryMb: number;
  timeoutSeconds: number;
  /** Upper bound of concurrent invocations the SQS event source drives. */
  maxConcurrency: number;
  /** -1 leaves the function unreserved. */
  reservedConcurrency: number;
  logRetentionDays: number;
  environment: EnvMap;
  /** Application secrets; the function receives only their ARNs as `<NAME>_SECRET_ARN`. */
  secretArns: SecretArns;
  access: {
    queueArn: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    prefix: string;
    kmsKeyArn: pulumi.Input<string>;
    databaseSecretArn: pulumi.Input<string>;
  };
}

/** The artefact `make build-lambda` produces. */
export const LAMBDA_ZIP = ['dist', 'lambda', 'worker.zip'] as const;
export const LAMBDA_HANDLER = 'lambda.handler';
/** One document per invocation, so a failure is reported for exactly that job. */
export const BATCH_SIZE = 1;

/** ENI management for a function in a VPC; these EC2 actions support no resource but "*". */
const VPC_ACCESS_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * The worker Lambda in private subnets, fed by SQS one job at a time with partial batch
 * responses, under a role that reaches only its queue, prefix, key, log group and secrets.
 */
export class Worker extends pulumi.ComponentResource {
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: WorkerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:worker:Worker', name, {}, opts);
    const parent = { parent: this };
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { retentionInDays: args.logRetentionDays }, parent);
    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com') }, parent);
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-role`,
      { role: role.id, policy: policyJson(this.statements(args, logGroup.arn)) },
      parent,
    );

    const secretArnVariables = Object.fromEntries(
      Object.entries(args.secretArns).map(([secretName, arn]) => [`${secretName}_SECRET_ARN`, arn]),
    );
    const fn = new aws.lambda.Function(
      `${name}-fn`,
      {
        runtime: aws.lambda.Runtime.NodeJS22dX,
        handler: LAMBDA_HANDLER,
        architectures: ['x86_64'],
        code: new pulumi.asset.FileArchive(repoPath(...LAMBDA_ZIP)),
        role: role.arn,
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
        loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      },
      { parent: this, dependsOn: [rolePolicy] },
    );

    new aws.lambda.EventSourceMapping(
      `${name}-jobs`,
      {
        eventSourceArn: args.access.queueArn,
        functionName: fn.arn,
        batchSize: BATCH_SIZE,
        functionResponseTypes: ['ReportBatchItemFailures'],
        scalingConfig: { maximumConcurrency: args.maxConcurrency },
        enabled: true,
      },
      { parent: this, dependsOn: [rolePolicy] },
    );

    this.functionName = fn.name;
    this.functionArn = fn.arn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ functionName: this.functionName });
  }

  private statements(args: WorkerArgs, logGroupArn: pulumi.Output<string>): Statement[] {
    const { access } = args;
    return [
      { Sid: 'VpcNetworking', Effect: 'Allow', Action: VPC_ACCESS_ACTIONS, Resource: '*' },
      {
        Sid: 'WriteLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: pulumi.interpolate`${logGroupArn}:*`,
      },
      {
        Sid: 'ConsumeJobs',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        Resource: access.queueArn,
      },
      {
        Sid: 'Documents',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: pulumi.interpolate`${access.bucketArn}/${access.prefix}*`,
      },
      { Sid: 'DocumentKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: access.kmsKeyArn },
      {
        Sid: 'ReadSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [access.databaseSecretArn, ...Object.values(args.secretArns)],
      },
    ];
  }
}
