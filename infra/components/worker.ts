import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { EnvMap, SecretArns } from '../lib/app-env';
import { assumeRolePolicy, policyJson, type Statement } from '../lib/iam';
import { appFunctionArgs, functionBaseStatements } from '../lib/lambda';

export interface WorkerArgs {
  privateSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  memoryMb: number;
  timeoutSeconds: number;
  /** Upper bound of concurrent invocations the SQS event source drives. */
  maxConcurrency: number;
  /** -1 leaves the function unreserved; otherwise at least maxConcurrency (checked by the config). */
  reservedConcurrency: number;
  logRetentionDays: number;
  /** The ADOT collector layer; absent when tracing is off. */
  adotLayerArn?: string;
  environment: EnvMap;
  /** Application secrets; the function receives only their ARNs as `<NAME>_SECRET_ARN`. */
  secretArns: SecretArns;
  access: {
    queueArn: pulumi.Input<string>;
    bucketArn: pulumi.Input<string>;
    prefix: string;
    kmsKeyArn: pulumi.Input<string>;
    /** The login it serves with (the app user's secret when there is one); never the master's beside it. */
    databaseSecretArn: pulumi.Input<string>;
  };
}

/** One document per invocation, so a failure is reported for exactly that job. */
export const BATCH_SIZE = 1;

/**
 * The worker Lambda in private subnets, fed by SQS one job at a time with partial batch
 * responses, under a role that reaches only its queue, prefix, key, log group and secrets.
 * Nothing else invokes it (monitoring rounds have their own function), so the event source's
 * maximum concurrency is the whole demand on it.
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
      {
        role: role.id,
        policy: policyJson([...functionBaseStatements(logGroup.arn, Boolean(args.adotLayerArn)), ...this.statements(args)]),
      },
      parent,
    );

    const fn = new aws.lambda.Function(`${name}-fn`, appFunctionArgs({ ...args, logGroupName: logGroup.name, roleArn: role.arn }), {
      parent: this,
      dependsOn: [rolePolicy],
    });

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

  /** What worker/lambda.ts and its event source call: see infra/test/support/required-access.ts. */
  private statements(args: WorkerArgs): Statement[] {
    const { access } = args;
    return [
      {
        Sid: 'ConsumeJobs',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        Resource: access.queueArn,
      },
      {
        Sid: 'ReadDocuments',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: pulumi.interpolate`${access.bucketArn}/${access.prefix}*`,
      },
      { Sid: 'DocumentKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: access.kmsKeyArn },
      {
        Sid: 'ReadSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [access.databaseSecretArn, ...Object.values(args.secretArns)],
      },
    ];
  }
}
