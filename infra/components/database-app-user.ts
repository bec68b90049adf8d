import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** The least-privilege login the application uses (worker/db/migrations/0006-app-user.ts grants it). */
export const APP_USER = 'kyb_app';
/** AWS's multi-user PostgreSQL rotation: it alternates kyb_app and kyb_app_clone, so one always works. */
export const ROTATION_APPLICATION =
  'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationMultiUser';
export const ROTATION_DAYS = 30;

export interface DatabaseAppUserArgs {
  host: pulumi.Input<string>;
  port: pulumi.Input<number>;
  dbName: string;
  /** The RDS-managed master secret: the rotation logs in with it to set the app user's password. */
  masterSecretArn: pulumi.Input<string>;
}

/**
 * The application's own database login in a secret of its own, with the fields AWS's multi-user
 * rotation and worker/secrets.ts read. The first password is generated once; every later version
 * belongs to the rotation (DatabaseAppUserRotation), which a deploy never undoes.
 */
export class DatabaseAppUser extends pulumi.ComponentResource {
  readonly secretArn: pulumi.Output<string>;
  readonly secretId: pulumi.Output<string>;
  /** The master's secret, which the rotation reads to set the app user's passwords. */
  readonly masterSecretArn: pulumi.Input<string>;
  /** The first version; rotation starts only once it exists. */
  readonly version: aws.secretsmanager.SecretVersion;

  constructor(name: string, args: DatabaseAppUserArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:database:DatabaseAppUser', name, {}, opts);
    const parent = { parent: this };
    const secret = new aws.secretsmanager.Secret(
      `${name}-app-user`,
      {
        namePrefix: `${pulumi.getProject()}/${pulumi.getStack()}/DATABASE_APP_USER-`,
        description: `The ${APP_USER} login of the KYB database, rotated every ${ROTATION_DAYS} days`,
        recoveryWindowInDays: 7,
      },
      parent,
    );
    const initial = aws.secretsmanager.getRandomPasswordOutput({ passwordLength: 40, excludePunctuation: true }, parent);
    this.version = new aws.secretsmanager.SecretVersion(
      `${name}-app-user`,
      {
        secretId: secret.id,
        secretString: pulumi.secret(
          pulumi.jsonStringify({
            engine: 'postgres',
            host: args.host,
            port: args.port,
            dbname: args.dbName,
            username: APP_USER,
            password: initial.randomPassword,
            masterarn: args.masterSecretArn,
          }),
        ),
      },
      // Rotation writes every later version; a deploy must not put the first password back.
      { parent: this, ignoreChanges: ['secretString'] },
    );
    this.secretArn = secret.arn;
    this.secretId = secret.id;
    this.masterSecretArn = args.masterSecretArn;
    this.registerOutputs({ secretArn: this.secretArn });
  }
}

export interface DatabaseAppUserRotationArgs {
  region: string;
  user: DatabaseAppUser;
  privateSubnetIds: pulumi.Input<string>[];
  /** Lets the rotation function reach the database (5432) and Secrets Manager (443). */
  securityGroupId: pulumi.Input<string>;
  /** The API service: it has applied the migration that creates the login once it is steady. */
  after: pulumi.Resource[];
}

/**
 * AWS's multi-user PostgreSQL rotation function (from the Serverless Application Repository) in
 * the private subnets, rotating the app user's secret at once and then every ROTATION_DAYS days:
 * it alternates kyb_app and kyb_app_clone, so connections made with either password keep working
 * while the other changes.
 */
export class DatabaseAppUserRotation extends pulumi.ComponentResource {
  constructor(name: string, args: DatabaseAppUserRotationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:database:DatabaseAppUserRotation', name, {}, opts);
    const rotator = new aws.serverlessrepository.CloudFormationStack(
      `${name}-db-rotation`,
      {
        applicationId: ROTATION_APPLICATION,
        capabilities: ['CAPABILITY_IAM', 'CAPABILITY_RESOURCE_POLICY'],
        parameters: {
          endpoint: `https://secretsmanager.${args.region}.amazonaws.com`,
          functionName: `${pulumi.getProject()}-${pulumi.getStack()}-db-rotation`,
          vpcSubnetIds: pulumi.output(args.privateSubnetIds).apply((ids) => ids.join(',')),
          vpcSecurityGroupIds: args.securityGroupId,
          // Without it the function's role may not read the master secret, and every rotation fails at setSecret.
          masterSecretArn: args.user.masterSecretArn,
        },
      },
      { parent: this },
    );
    new aws.secretsmanager.SecretRotation(
      `${name}-app-user`,
      {
        secretId: args.user.secretId,
        rotationLambdaArn: rotator.outputs.apply((o) => o.RotationLambdaARN!),
        rotationRules: { automaticallyAfterDays: ROTATION_DAYS },
        // The first rotation creates kyb_app_clone with a password only AWS has seen.
        rotateImmediately: true,
      },
      { parent: this, dependsOn: [args.user.version, ...args.after] },
    );
    this.registerOutputs({});
  }
}
