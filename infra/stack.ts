import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ApiService } from './components/api';
import { Database } from './components/database';
import { DatabaseAppUser, DatabaseAppUserRotation } from './components/database-app-user';
import { Edge } from './components/edge';
import { MONITORING_TICK_MINUTES, MonitoringSchedule } from './components/monitoring-schedule';
import { VpcEndpoints } from './components/endpoints';
import { Network } from './components/network';
import { Observability } from './components/observability';
import { JobQueue } from './components/queue';
import { AppSecrets } from './components/secrets';
import { SecurityGroups } from './components/security-groups';
import { DocumentStorage } from './components/storage';
import { Worker } from './components/worker';
import type { InfraConfig } from './config';
import { migrationEnvironment, servingSecret, sharedEnvironment, type AppWiring } from './lib/app-env';
import { contentTag } from './lib/image-tag';
import { repoPath } from './lib/paths';

export interface StackOutputs {
  apiUrl: pulumi.Output<string>;
  docsUrl: pulumi.Output<string>;
  queueUrl: pulumi.Output<string>;
  dlqUrl: pulumi.Output<string>;
  bucketName: pulumi.Output<string>;
  dashboardUrl: pulumi.Output<string>;
  region: string;
  clusterName: pulumi.Output<string>;
  serviceName: pulumi.Output<string>;
  apiLogGroup: pulumi.Output<string>;
  workerFunctionName: pulumi.Output<string>;
  workerLogGroup: pulumi.Output<string>;
}

/** The tags every resource carries, through the provider's default tags. */
export function defaultTags(cfg: InfraConfig): Record<string, string> {
  return { project: cfg.project, environment: cfg.environment, owner: cfg.owner, 'managed-by': 'pulumi' };
}

/** Wires the components together; every decision lives in a component or in the config. */
export function createStack(cfg: InfraConfig): StackOutputs {
  const provider = new aws.Provider('aws', { region: cfg.region as aws.Region, defaultTags: { tags: defaultTags(cfg) } });
  const opts: pulumi.ComponentResourceOptions = { providers: [provider] };
  const name = `kyb-${cfg.environment}`;
  const protect = cfg.deletionProtection;

  const network = new Network(
    name,
    { cidr: cfg.network.vpcCidr, azCount: cfg.network.azCount, natStrategy: cfg.network.natStrategy },
    opts,
  );
  const groups = new SecurityGroups(
    name,
    { vpcId: network.vpcId, interfaceEndpoints: cfg.network.interfaceEndpoints, https: Boolean(cfg.edge.certificateArn) },
    opts,
  );
  new VpcEndpoints(
    name,
    {
      region: cfg.region,
      vpcId: network.vpcId,
      privateSubnetIds: network.privateSubnetIds,
      privateRouteTableIds: network.privateRouteTableIds,
      interfaceSecurityGroupId: groups.endpointsId,
      traced: cfg.telemetry.tracing !== undefined,
    },
    opts,
  );

  const storage = new DocumentStorage(
    name,
    {
      retentionDays: cfg.storage.documentRetentionDays,
      noncurrentVersionDays: cfg.storage.noncurrentVersionRetentionDays,
      corsOrigins: cfg.storage.corsOrigins,
      retain: protect,
    },
    opts,
  );
  const queue = new JobQueue(name, cfg.queue, opts);
  const secrets = new AppSecrets(name, { values: cfg.secrets }, opts);
  const database = cfg.database.existingSecretArn
    ? undefined
    : new Database(
        name,
        {
          ...cfg.database,
          dbName: cfg.database.name,
          privateSubnetIds: network.privateSubnetIds,
          securityGroupId: groups.databaseId,
          protect,
        },
        opts,
      );
  const databaseSecretArn = cfg.database.existingSecretArn ?? database!.secretArn;
  const appUser =
    database &&
    new DatabaseAppUser(
      name,
      { host: database.host, port: database.port, dbName: database.dbName, masterSecretArn: database.secretArn },
      opts,
    );
  const appUserSecretArn = appUser?.secretArn;

  const edge = new Edge(
    name,
    {
      ...cfg.edge,
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      securityGroupId: groups.albId,
      protect,
      logRetentionDays: cfg.logRetentionDays,
    },
    opts,
  );

  const wiring: AppWiring = {
    bucketName: storage.bucketName,
    kmsKeyArn: storage.kmsKeyArn,
    queueUrl: queue.queueUrl,
    dlqUrl: queue.dlqUrl,
    databaseSecretArn,
    appUserSecretArn,
    database: database && { host: database.host, port: database.port, name: database.dbName },
  };
  const environment = sharedEnvironment(cfg, wiring);
  const storageAccess = {
    bucketArn: storage.bucketArn,
    prefix: cfg.storage.prefix,
    kmsKeyArn: storage.kmsKeyArn,
    queueArn: queue.queueArn,
  };
  // Only the API migrates, so only it holds the master login; every process serves as the app user.
  const servingLogin = servingSecret(wiring);

  const api = new ApiService(
    name,
    {
      ...cfg.api,
      region: cfg.region,
      imageTag: contentTag(repoPath()),
      privateSubnetIds: network.privateSubnetIds,
      securityGroupId: groups.apiId,
      targetGroupArn: edge.targetGroupArn,
      loadBalancer: edge.loadBalancer,
      loadBalancerArnSuffix: edge.loadBalancerArnSuffix,
      targetGroupArnSuffix: edge.targetGroupArnSuffix,
      logRetentionDays: cfg.logRetentionDays,
      protect,
      environment: { ...environment, ...migrationEnvironment(wiring), PUBLIC_URL: edge.url },
      collectorImage: cfg.telemetry.tracing?.collectorImage,
      secretArns: secrets.arns,
      access: { ...storageAccess, databaseSecretArn, appUserSecretArn },
    },
    opts,
  );

  const worker = new Worker(
    name,
    {
      ...cfg.worker,
      privateSubnetIds: network.privateSubnetIds,
      securityGroupId: groups.workerId,
      logRetentionDays: cfg.logRetentionDays,
      adotLayerArn: cfg.telemetry.tracing?.lambdaLayerArn,
      environment,
      secretArns: secrets.arns,
      access: { ...storageAccess, databaseSecretArn: servingLogin },
    },
    opts,
  );
  new MonitoringSchedule(
    name,
    {
      privateSubnetIds: network.privateSubnetIds,
      securityGroupId: groups.workerId,
      memoryMb: cfg.worker.memoryMb,
      logRetentionDays: cfg.logRetentionDays,
      adotLayerArn: cfg.telemetry.tracing?.lambdaLayerArn,
      environment,
      secretArns: secrets.arns,
      databaseSecretArn: servingLogin,
      tickMinutes: MONITORING_TICK_MINUTES,
    },
    opts,
  );

  if (appUser) {
    new DatabaseAppUserRotation(
      name,
      {
        region: cfg.region,
        user: appUser,
        privateSubnetIds: network.privateSubnetIds,
        securityGroupId: groups.rotationId,
        after: [api.service],
      },
      opts,
    );
  }

  const observability = new Observability(
    name,
    {
      region: cfg.region,
      alarmEmail: cfg.alarms.email,
      oldestMessageAgeSeconds: cfg.alarms.oldestMessageAgeSeconds,
      registryErrorPercent: cfg.alarms.registryErrorPercent,
      queueAgeSeconds: cfg.alarms.queueAgeSeconds,
      metricsNamespace: cfg.telemetry.metricsNamespace,
      queueName: queue.queueName,
      dlqName: queue.dlqName,
      loadBalancerArnSuffix: edge.loadBalancerArnSuffix,
      targetGroupArnSuffix: edge.targetGroupArnSuffix,
      clusterName: api.clusterName,
      serviceName: api.serviceName,
      functionName: worker.functionName,
      databaseIdentifier: database?.instanceIdentifier,
    },
    opts,
  );

  return {
    apiUrl: edge.url,
    docsUrl: pulumi.interpolate`${edge.url}/api/docs`,
    queueUrl: queue.queueUrl,
    dlqUrl: queue.dlqUrl,
    bucketName: storage.bucketName,
    dashboardUrl: observability.dashboardUrl,
    region: cfg.region,
    clusterName: api.clusterName,
    serviceName: api.serviceName,
    apiLogGroup: api.logGroupName,
    workerFunctionName: worker.functionName,
    workerLogGroup: worker.logGroupName,
  };
}
