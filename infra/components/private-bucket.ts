import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { denyInsecureTransport, policyJson, type Statement } from '../lib/iam';

export interface PrivateBucketArgs {
  /** SSE-KMS with a bucket key when set; SSE-S3 otherwise (required by ALB access logs). */
  kmsKeyArn?: pulumi.Input<string>;
  /** Days before current objects expire. */
  expirationDays: number;
  /** Days before overwritten or deleted versions are removed. */
  noncurrentVersionDays: number;
  /** Browser origins that may GET, PUT and POST (presigned direct-upload forms) directly; none means no CORS configuration at all. */
  corsOrigins?: string[];
  /** Extra statements (e.g. log delivery) added after the TLS-only deny. */
  extraStatements?: (bucketArn: pulumi.Output<string>) => Statement[];
  /** Keeps the bucket (and its objects) when the stack is destroyed. */
  retain: boolean;
}

/**
 * An S3 bucket that cannot be made public: all public access blocked, ACLs disabled (bucket owner
 * enforced), encrypted by default, versioned, TLS-only, with lifecycle expiry.
 */
export class PrivateBucket extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  /** Resolves once the bucket policy exists, for resources (like ALB logging) that need it first. */
  readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: PrivateBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:storage:PrivateBucket', name, {}, opts);
    // A retained bucket keeps its guards: a destroy must not leave it open to HTTP, public-able or never expiring.
    const parent = { parent: this, retainOnDelete: args.retain };
    const bucket = new aws.s3.Bucket(name, { forceDestroy: !args.retain }, parent);
    const target = { bucket: bucket.id };

    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      name,
      { ...target, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      parent,
    );
    new aws.s3.BucketOwnershipControls(name, { ...target, rule: { objectOwnership: 'BucketOwnerEnforced' } }, parent);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      name,
      {
        ...target,
        rules: [
          args.kmsKeyArn
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
        ],
      },
      parent,
    );
    new aws.s3.BucketVersioning(name, { ...target, versioningConfiguration: { status: 'Enabled' } }, parent);
    new aws.s3.BucketLifecycleConfiguration(
      name,
      {
        ...target,
        rules: [
          {
            id: 'expire',
            status: 'Enabled',
            filter: {},
            expiration: { days: args.expirationDays },
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      parent,
    );
    if (args.corsOrigins && args.corsOrigins.length > 0) {
      new aws.s3.BucketCorsConfiguration(
        name,
        {
          ...target,
          corsRules: [
            { allowedOrigins: args.corsOrigins, allowedMethods: ['GET', 'PUT', 'POST'], allowedHeaders: ['*'], maxAgeSeconds: 3000 },
          ],
        },
        parent,
      );
    }
    const objects = pulumi.interpolate`${bucket.arn}/*`;
    this.policy = new aws.s3.BucketPolicy(
      name,
      {
        ...target,
        policy: policyJson([denyInsecureTransport([bucket.arn, objects], 's3:*'), ...(args.extraStatements?.(bucket.arn) ?? [])]),
      },
      // Public access block first, so the policy is never evaluated on an unprotected bucket.
      { ...parent, dependsOn: [publicAccess] },
    );

    this.bucketName = bucket.bucket;
    this.arn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}
