import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { assumeRolePolicy, policyJson } from '../lib/iam';
import { appFunctionArgs, functionBaseStatements, type AppFunctionArgs } from '../lib/lambda';

/** The function runs like the worker (network, memory, settings, secrets); the rest is the schedule's own. */
export interface MonitoringScheduleArgs extends Pick<
  AppFunctionArgs,
  'privateSubnetIds' | 'securityGroupId' | 'memoryMb' | 'environment' | 'secretArns' | 'adotLayerArn'
> {
  logRetentionDays: number;
  /** The login it serves with (the app user's secret when there is one); never the master's beside it. */
  databaseSecretArn: pulumi.Input<string>;
  /** Minutes between monitoring rounds; the function gets the same figure as MONITOR_TICK_SECONDS. */
  tickMinutes: number;
}

/** One round a minute: EventBridge's finest rate, and the worker's MONITOR_TICK_SECONDS default. */
export const MONITORING_TICK_MINUTES = 1;

/**
 * The constant input the worker's handler recognises (worker/lambda.ts MONITORING_ROUND), so a
 * scheduled invocation is told apart from an SQS batch without guessing from the event's shape.
 */
export const MONITORING_INPUT = JSON.stringify({ kind: 'kyb.monitoring.round' });

export function scheduleExpression(tickMinutes: number): string {
  if (!Number.isInteger(tickMinutes) || tickMinutes < 1) throw new Error('tickMinutes must be a whole number of at least 1');
  return tickMinutes === 1 ? 'rate(1 minute)' : `rate(${tickMinutes} minutes)`;
}

/**
 * Monitoring rounds in a function of their own (the worker's artefact and handler): a round never
 * takes concurrency from the queue's worker, so the worker is never throttled by the schedule and
 * no job loses a receive to a throttle. A round finishes within its tick; a missed one is not
 * retried, the next takes whatever is due.
 */
export class MonitoringSchedule extends pulumi.ComponentResource {
  readonly ruleName: pulumi.Output<string>;
  readonly functionName: pulumi.Output<string>;

  constructor(name: string, args: MonitoringScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:monitoring:MonitoringSchedule', name, {}, opts);
    const parent = { parent: this };
    const tickSeconds = 60 * args.tickMinutes;
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-monitoring-logs`, { retentionInDays: args.logRetentionDays }, parent);
    const role = new aws.iam.Role(`${name}-monitoring`, { assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com') }, parent);
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-monitoring`,
      {
        role: role.id,
        policy: policyJson([
          ...functionBaseStatements(logGroup.arn, Boolean(args.adotLayerArn)),
          {
            Sid: 'ReadSecrets',
            Effect: 'Allow',
            Action: 'secretsmanager:GetSecretValue',
            Resource: [args.databaseSecretArn, ...Object.values(args.secretArns)],
          },
        ]),
      },
      parent,
    );
    const fn = new aws.lambda.Function(
      `${name}-monitoring-fn`,
      appFunctionArgs({
        ...args,
        environment: { ...args.environment, MONITOR_TICK_SECONDS: String(tickSeconds) },
        timeoutSeconds: tickSeconds,
        logGroupName: logGroup.name,
        roleArn: role.arn,
        reservedConcurrency: -1,
      }),
      { parent: this, dependsOn: [rolePolicy] },
    );

    const rule = new aws.cloudwatch.EventRule(
      `${name}-monitoring`,
      {
        description: 'Monitoring round: re-check monitored companies at Companies House and HMRC',
        scheduleExpression: scheduleExpression(args.tickMinutes),
        state: 'ENABLED',
      },
      parent,
    );
    const permission = new aws.lambda.Permission(
      `${name}-monitoring`,
      { action: 'lambda:InvokeFunction', function: fn.name, principal: 'events.amazonaws.com', sourceArn: rule.arn },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-monitoring`,
      {
        rule: rule.name,
        arn: fn.arn,
        input: MONITORING_INPUT,
        // A round that did not start within the tick is superseded by the next one.
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: tickSeconds },
      },
      { parent: this, dependsOn: [permission] },
    );
    this.ruleName = rule.name;
    this.functionName = fn.name;
    this.registerOutputs({ ruleName: this.ruleName, functionName: this.functionName });
  }
}
