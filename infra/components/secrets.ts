import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { SecretEnvName } from '../config';

export interface AppSecretsArgs {
  /** Configured secret values (Pulumi secrets), keyed by the environment variable the app reads. */
  values: Partial<Record<SecretEnvName, pulumi.Output<string>>>;
}

/**
 * One Secrets Manager secret per configured application secret. Values come from
 * `pulumi config set --secret` and stay encrypted in state; tasks and the Lambda get only ARNs.
 */
export class AppSecrets extends pulumi.ComponentResource {
  /** Secret ARN per environment variable name, only for configured secrets. */
  readonly arns: Partial<Record<SecretEnvName, pulumi.Output<string>>> = {};

  constructor(name: string, args: AppSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:secrets:AppSecrets', name, {}, opts);
    for (const [env, value] of Object.entries(args.values) as [SecretEnvName, pulumi.Output<string>][]) {
      const slug = env.toLowerCase().replace(/_/g, '-');
      const secret = new aws.secretsmanager.Secret(
        `${name}-${slug}`,
        {
          namePrefix: `${pulumi.getProject()}/${pulumi.getStack()}/${env}-`,
          description: `${env} for the KYB service`,
          recoveryWindowInDays: 7,
        },
        { parent: this },
      );
      new aws.secretsmanager.SecretVersion(
        `${name}-${slug}`,
        { secretId: secret.id, secretString: pulumi.secret(value) },
        { parent: this },
      );
      this.arns[env] = secret.arn;
    }
    this.registerOutputs({});
  }
}
