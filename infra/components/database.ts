import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { POSTGRES_PORT } from './security-groups';

export interface DatabaseArgs {
  privateSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  instanceClass: string;
  engineVersion: string;
  allocatedStorageGb: number;
  maxAllocatedStorageGb: number;
  backupRetentionDays: number;
  multiAz: boolean;
  dbName: string;
  /** Deletion protection and a final snapshot (prod). */
  protect: boolean;
}

/**
 * RDS PostgreSQL in private subnets, encrypted, TLS enforced, with the master password generated
 * and held by RDS in Secrets Manager (it never passes through Pulumi or the state).
 */
export class Database extends pulumi.ComponentResource {
  /** The RDS-managed secret holding `{username, password}`. */
  readonly secretArn: pulumi.Output<string>;
  readonly host: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly dbName: string;
  readonly instanceIdentifier: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:database:Database', name, {}, opts);
    const parent = { parent: this };
    const subnets = new aws.rds.SubnetGroup(
      name,
      { subnetIds: args.privateSubnetIds, description: 'Private subnets for PostgreSQL' },
      parent,
    );
    const major = args.engineVersion.split('.')[0];
    const parameters = new aws.rds.ParameterGroup(
      name,
      {
        family: `postgres${major}`,
        description: 'TLS-only connections',
        parameters: [{ name: 'rds.force_ssl', value: '1' }],
      },
      parent,
    );
    const instance = new aws.rds.Instance(
      name,
      {
        engine: 'postgres',
        engineVersion: args.engineVersion,
        instanceClass: args.instanceClass,
        allocatedStorage: args.allocatedStorageGb,
        maxAllocatedStorage: args.maxAllocatedStorageGb,
        storageType: 'gp3',
        storageEncrypted: true,
        dbName: args.dbName,
        username: 'kyb_admin',
        manageMasterUserPassword: true,
        port: POSTGRES_PORT,
        dbSubnetGroupName: subnets.name,
        parameterGroupName: parameters.name,
        vpcSecurityGroupIds: [args.securityGroupId],
        publiclyAccessible: false,
        multiAz: args.multiAz,
        backupRetentionPeriod: args.backupRetentionDays,
        copyTagsToSnapshot: true,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        enabledCloudwatchLogsExports: ['postgresql'],
        deletionProtection: args.protect,
        skipFinalSnapshot: !args.protect,
        finalSnapshotIdentifier: args.protect ? `${name}-final` : undefined,
      },
      { parent: this, protect: args.protect },
    );

    this.secretArn = instance.masterUserSecrets.apply((secrets) => {
      const arn = secrets[0]?.secretArn;
      if (!arn) throw new Error('DATABASE_SECRET_MISSING: RDS did not report a managed master user secret');
      return arn;
    });
    this.host = instance.address;
    this.port = instance.port;
    this.dbName = args.dbName;
    this.instanceIdentifier = instance.identifier;
    this.registerOutputs({ secretArn: this.secretArn, host: this.host });
  }
}
