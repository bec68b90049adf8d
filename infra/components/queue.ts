import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { denyInsecureTransport, policyJson } from '../lib/iam';

/** The SQS maximum: a dead letter stays long enough to be investigated and redriven. */
export const RETENTION_SECONDS = 14 * 24 * 60 * 60;

export interface JobQueueArgs {
  /** Already derived as max(6 x Lambda timeout, requested). */
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
}

/** The jobs queue and its dead-letter queue: after maxReceiveCount receives a job moves aside. */
export class JobQueue extends pulumi.ComponentResource {
  readonly queueUrl: pulumi.Output<string>;
  readonly queueArn: pulumi.Output<string>;
  readonly queueName: pulumi.Output<string>;
  readonly dlqUrl: pulumi.Output<string>;
  readonly dlqArn: pulumi.Output<string>;
  readonly dlqName: pulumi.Output<string>;

  constructor(name: string, args: JobQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:queue:JobQueue', name, {}, opts);
    const parent = { parent: this };
    const dlq = new aws.sqs.Queue(`${name}-dlq`, { messageRetentionSeconds: RETENTION_SECONDS, sqsManagedSseEnabled: true }, parent);
    const queue = new aws.sqs.Queue(
      `${name}-jobs`,
      {
        messageRetentionSeconds: RETENTION_SECONDS,
        visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
        receiveWaitTimeSeconds: 20,
        sqsManagedSseEnabled: true,
        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: args.maxReceiveCount }),
      },
      parent,
    );
    // Only our queue may dead-letter into the DLQ.
    new aws.sqs.RedriveAllowPolicy(
      `${name}-dlq`,
      { queueUrl: dlq.url, redriveAllowPolicy: pulumi.jsonStringify({ redrivePermission: 'byQueue', sourceQueueArns: [queue.arn] }) },
      parent,
    );
    for (const [suffix, q] of [
      ['jobs', queue],
      ['dlq', dlq],
    ] as const) {
      new aws.sqs.QueuePolicy(
        `${name}-${suffix}`,
        { queueUrl: q.url, policy: policyJson([denyInsecureTransport([q.arn], 'sqs:*')]) },
        parent,
      );
    }

    this.queueUrl = queue.url;
    this.queueArn = queue.arn;
    this.queueName = queue.name;
    this.dlqUrl = dlq.url;
    this.dlqArn = dlq.arn;
    this.dlqName = dlq.name;
    this.registerOutputs({ queueUrl: this.queueUrl, dlqUrl: this.dlqUrl });
  }
}
