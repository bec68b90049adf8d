import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface MonitoringScheduleArgs {
  functionArn: pulumi.Input<string>;
  functionName: pulumi.Input<string>;
  /** Minutes between monitoring rounds; the worker gets the same figure as MONITOR_TICK_SECONDS. */
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
 * An EventBridge schedule that invokes the worker Lambda for a monitoring round. A missed round
 * is not retried: the next one takes whatever is due, within the same rate budget.
 */
export class MonitoringSchedule extends pulumi.ComponentResource {
  readonly ruleName: pulumi.Output<string>;

  constructor(name: string, args: MonitoringScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:monitoring:MonitoringSchedule', name, {}, opts);
    const parent = { parent: this };
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
      { action: 'lambda:InvokeFunction', function: args.functionName, principal: 'events.amazonaws.com', sourceArn: rule.arn },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-monitoring`,
      {
        rule: rule.name,
        arn: args.functionArn,
        input: MONITORING_INPUT,
        // A round that did not start within the tick is superseded by the next one.
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 * args.tickMinutes },
      },
      { parent: this, dependsOn: [permission] },
    );
    this.ruleName = rule.name;
    this.registerOutputs({ ruleName: this.ruleName });
  }
}
