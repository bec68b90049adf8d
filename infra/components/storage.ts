import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { PrivateBucket } from './private-bucket';

const LIFECYCLE_GRACE_DAYS = 7;

export interface DocumentStorageArgs {
  retentionDays: number;
  noncurrentVersionDays: number;
  corsOrigins: string[];
  retain: boolean;
}

/** The documents bucket and the customer-managed KMS key that encrypts it. */
export class DocumentStorage extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: DocumentStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:storage:DocumentStorage', name, {}, opts);
    const key = new aws.kms.Key(
      `${name}-key`,
      { description: 'Encrypts uploaded KYB documents', enableKeyRotation: true, deletionWindowInDays: 30 },
      { parent: this, retainOnDelete: args.retain },
    );
    new aws.kms.Alias(
      `${name}-key`,
      { name: pulumi.interpolate`alias/${pulumi.getProject()}-${pulumi.getStack()}-documents`, targetKeyId: key.keyId },
      { parent: this },
    );
    const bucket = new PrivateBucket(
      `${name}-documents`,
      {
        kmsKeyArn: key.arn,
        // A week after the app's own purge (which keeps an audit record), so the bucket only catches stragglers.
        expirationDays: args.retentionDays + LIFECYCLE_GRACE_DAYS,
        noncurrentVersionDays: args.noncurrentVersionDays,
        corsOrigins: args.corsOrigins,
        retain: args.retain,
      },
      { parent: this },
    );
    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.arn;
    this.kmsKeyArn = key.arn;
    this.registerOutputs({ bucketName: this.bucketName, kmsKeyArn: this.kmsKeyArn });
  }
}
