import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
import * as dockerBuild from '@pulumi/docker-build';
import * as pulumi from '@pulumi/pulumi';
import type { EnvMap, SecretArns } from '../lib/app-env';
import { toNameValuePairs } from '../lib/app-env';
import { assumeRolePolicy, policyJson, type Statement } from '../lib/iam';
import { repoPath } from '../lib/paths';
import { awsProviderOf } from '../lib/providers';
import { xrayWriteStatement } from '../lib/tracing';
import { migratingSecrets } from '../lib/app-env';
import { API_PORT } from './security-groups';

export interface ApiServiceArgs {
  region: string;
  /** Names the image's contents (lib/image-tag.ts), so an IMMUTABLE repository accepts every changed build. */
  imageTag: string;
  privateSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  targetGroupArn: pulumi.Input<string>;
  /** The load balancer with its listeners; the service registers targets only after it exists. */
  loadBalancer: pulumi.Resource;
  loadBalancerArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffix: pulumi.Input<string>;
  cpu: number;
  memory: number;
  desiredCount: number;
  minCount: number;
  maxCount: number;
  cpuTargetPercent: number;
  requestsPerTarget: number;
  healthCheckGracePeriodSeconds: number;
  logRetentionDays: number;
  protect: boolean;
  environment: EnvMap;
  /** The ADOT collector image run beside the API to forward its spans to X-Ray; absent when tracing is off. */
  collectorImage?: string;
  /** Application secrets injected with `valueFrom`. */
  secretArns: SecretArns;
  /** What the task itself may touch. */
  access: {
    bucketArn: pulumi.Input<string>;
    prefix: string;
    kmsKeyArn: pulumi.Input<string>;
    queueArn: pulumi.Input<string>;
    databaseSecretArn: pulumi.Input<string>;
    /** The app user's rotated secret, when the stack creates the database. */
    appUserSecretArn?: pulumi.Input<string>;
  };
}

const CONTAINER_NAME = 'api';
export const COLLECTOR_CONTAINER_NAME = 'otel-collector';
/** The image's bundled configuration: OTLP in on 4317/4318 (the task's security group admits neither), the awsxray exporter out. */
export const COLLECTOR_CONFIG = '/etc/ecs/ecs-xray.yaml';
/** Images kept in the repository; older ones expire. */
const KEEP_IMAGES = 20;

/**
 * The HTTP API: image built from service/Dockerfile into an immutable ECR repository under a
 * content-addressed tag and run by digest (the `ref` is `repo:tag@sha256:…`), on
 * Fargate in private subnets behind the ALB, with separate execution and task roles scoped to ARNs.
 */
export class ApiService extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly repositoryUrl: pulumi.Output<string>;
  /** Steady once its tasks are ready, that is after they applied the migrations at start. */
  readonly service: pulumi.Resource;

  constructor(name: string, args: ApiServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:api:ApiService', name, {}, opts);
    const parent = { parent: this };

    const repository = new aws.ecr.Repository(
      `${name}-repo`,
      { imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, forceDelete: !args.protect },
      parent,
    );
    new aws.ecr.LifecyclePolicy(
      `${name}-repo`,
      {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `Keep the last ${KEEP_IMAGES} images`,
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: KEEP_IMAGES },
              action: { type: 'expire' },
            },
          ],
        }),
      },
      parent,
    );
    const token = aws.ecr.getAuthorizationTokenOutput({ registryId: repository.registryId }, parent);
    const image = new dockerBuild.Image(
      `${name}-image`,
      {
        tags: [pulumi.interpolate`${repository.repositoryUrl}:${args.imageTag}`],
        context: { location: repoPath() },
        dockerfile: { location: repoPath('service', 'Dockerfile') },
        platforms: ['linux/amd64'],
        push: true,
        // A preview shows the change without building: the tag already names the new contents.
        buildOnPreview: false,
        registries: [{ address: repository.repositoryUrl, username: token.userName, password: token.password }],
      },
      parent,
    );

    const cluster = new aws.ecs.Cluster(`${name}-cluster`, { settings: [{ name: 'containerInsights', value: 'enabled' }] }, parent);
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { retentionInDays: args.logRetentionDays }, parent);
    const executionRole = this.executionRole(name, repository.arn, logGroup.arn, args.secretArns);
    const taskRole = this.taskRole(name, args.access, Boolean(args.collectorImage));

    const containerDefinitions = pulumi
      .all([image.ref, logGroup.name, pulumi.output(args.environment), pulumi.output(args.secretArns)])
      .apply(([imageUri, logGroupName, environment, secretArns]) => {
        const logConfiguration = (prefix: string) => ({
          logDriver: 'awslogs',
          options: { 'awslogs-group': logGroupName, 'awslogs-region': args.region, 'awslogs-stream-prefix': prefix },
        });
        const api = {
          name: CONTAINER_NAME,
          image: imageUri,
          essential: true,
          portMappings: [{ containerPort: API_PORT, protocol: 'tcp' }],
          environment: toNameValuePairs({ ...environment, PORT: String(API_PORT), AWS_REGION: args.region }),
          secrets: Object.keys(secretArns)
            .sort()
            .map((secretName) => ({ name: secretName, valueFrom: secretArns[secretName as keyof typeof secretArns]! })),
          stopTimeout: 30,
          logConfiguration: logConfiguration(CONTAINER_NAME),
        };
        if (!args.collectorImage) return JSON.stringify([api]);
        // Not essential: a collector that stops costs traces, never requests. The API starts after it, so no startup span is lost.
        const collector = {
          name: COLLECTOR_CONTAINER_NAME,
          image: args.collectorImage,
          essential: false,
          command: [`--config=${COLLECTOR_CONFIG}`],
          environment: [{ name: 'AWS_REGION', value: args.region }],
          logConfiguration: logConfiguration(COLLECTOR_CONTAINER_NAME),
        };
        return JSON.stringify([{ ...api, dependsOn: [{ containerName: COLLECTOR_CONTAINER_NAME, condition: 'START' }] }, collector]);
      });

    const taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: `${pulumi.getProject()}-${pulumi.getStack()}-api`,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: String(args.cpu),
        memory: String(args.memory),
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        containerDefinitions,
      },
      parent,
    );

    // awsx runs our task definition (so our two roles, not its execution role with the managed policy on "*").
    const service = new awsx.ecs.FargateService(
      `${name}-service`,
      {
        cluster: cluster.arn,
        taskDefinition: taskDefinition.arn,
        desiredCount: args.desiredCount,
        platformVersion: 'LATEST',
        networkConfiguration: { subnets: args.privateSubnetIds, securityGroups: [args.securityGroupId], assignPublicIp: false },
        loadBalancers: [{ targetGroupArn: args.targetGroupArn, containerName: CONTAINER_NAME, containerPort: API_PORT }],
        healthCheckGracePeriodSeconds: args.healthCheckGracePeriodSeconds,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        propagateTags: 'SERVICE',
        enableExecuteCommand: false,
      },
      // Autoscaling owns the running count after the first deploy.
      { parent: this, providers: awsProviderOf(this), dependsOn: [args.loadBalancer], ignoreChanges: ['desiredCount'] },
    );
    const serviceName = service.service.name;

    this.autoscale(name, cluster.name, serviceName, args);

    this.clusterName = cluster.name;
    this.serviceName = serviceName;
    this.service = service;
    this.logGroupName = logGroup.name;
    this.repositoryUrl = repository.repositoryUrl;
    this.registerOutputs({ clusterName: this.clusterName, serviceName: this.serviceName });
  }

  /** Used by ECS itself: pull this repository's image, write this log group, read these secrets. */
  private executionRole(
    name: string,
    repositoryArn: pulumi.Output<string>,
    logGroupArn: pulumi.Output<string>,
    secretArns: SecretArns,
  ): aws.iam.Role {
    const role = new aws.iam.Role(`${name}-execution`, { assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com') }, { parent: this });
    const statements: Statement[] = [
      // GetAuthorizationToken is account-wide: AWS supports no resource other than "*" for it.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullImage',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        Resource: repositoryArn,
      },
      {
        Sid: 'WriteLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: pulumi.interpolate`${logGroupArn}:*`,
      },
    ];
    const arns = Object.values(secretArns);
    if (arns.length > 0)
      statements.push({ Sid: 'ReadAppSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arns });
    new aws.iam.RolePolicy(`${name}-execution`, { role: role.id, policy: policyJson(statements) }, { parent: this });
    return role;
  }

  /** Used by the application (its documents prefix, the key, sending jobs, the database secret) and its trace collector. */
  private taskRole(name: string, access: ApiServiceArgs['access'], traced: boolean): aws.iam.Role {
    const role = new aws.iam.Role(`${name}-task`, { assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com') }, { parent: this });
    new aws.iam.RolePolicy(
      `${name}-task`,
      {
        role: role.id,
        policy: policyJson([
          {
            Sid: 'Documents',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
            Resource: pulumi.interpolate`${access.bucketArn}/${access.prefix}*`,
          },
          { Sid: 'ListDocuments', Effect: 'Allow', Action: 's3:ListBucket', Resource: access.bucketArn },
          { Sid: 'DocumentKey', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: access.kmsKeyArn },
          {
            Sid: 'EnqueueJobs',
            Effect: 'Allow',
            Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
            Resource: access.queueArn,
          },
          { Sid: 'DatabaseSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: migratingSecrets(access) },
          ...(traced ? [xrayWriteStatement] : []),
        ]),
      },
      { parent: this },
    );
    return role;
  }

  private autoscale(name: string, clusterName: pulumi.Output<string>, serviceName: pulumi.Output<string>, args: ApiServiceArgs): void {
    const target = new aws.appautoscaling.Target(
      `${name}-scaling`,
      {
        serviceNamespace: 'ecs',
        scalableDimension: 'ecs:service:DesiredCount',
        resourceId: pulumi.interpolate`service/${clusterName}/${serviceName}`,
        minCapacity: args.minCount,
        maxCapacity: args.maxCount,
      },
      { parent: this },
    );
    const policy = (metric: string, predefinedMetricType: string, targetValue: number, resourceLabel?: pulumi.Input<string>) =>
      new aws.appautoscaling.Policy(
        `${name}-scale-${metric}`,
        {
          policyType: 'TargetTrackingScaling',
          serviceNamespace: target.serviceNamespace,
          scalableDimension: target.scalableDimension,
          resourceId: target.resourceId,
          targetTrackingScalingPolicyConfiguration: {
            targetValue,
            predefinedMetricSpecification: { predefinedMetricType, resourceLabel },
            scaleInCooldown: 300,
            scaleOutCooldown: 60,
          },
        },
        { parent: this },
      );
    policy('cpu', 'ECSServiceAverageCPUUtilization', args.cpuTargetPercent);
    policy(
      'requests',
      'ALBRequestCountPerTarget',
      args.requestsPerTarget,
      pulumi.interpolate`${args.loadBalancerArnSuffix}/${args.targetGroupArnSuffix}`,
    );
  }
}
