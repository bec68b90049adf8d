import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface ObservabilityArgs {
  region: string;
  alarmEmail?: string;
  oldestMessageAgeSeconds: number;
  /** Percent of a registry's calls that failed over five minutes. */
  registryErrorPercent: number;
  /** Seconds a job waited before a worker took it. */
  queueAgeSeconds: number;
  /** Where the application's EMF business metrics land (METRICS_NAMESPACE). */
  metricsNamespace: string;
  queueName: pulumi.Input<string>;
  dlqName: pulumi.Input<string>;
  loadBalancerArnSuffix: pulumi.Input<string>;
  targetGroupArnSuffix: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  serviceName: pulumi.Input<string>;
  functionName: pulumi.Input<string>;
  /** Absent when the stack uses an existing database. */
  databaseIdentifier?: pulumi.Input<string>;
}

/** Thresholds that page someone; sized for a document pipeline, not a chat service. */
const ALB_5XX_PER_5_MINUTES = 10;
const RDS_CPU_PERCENT = 80;
const RDS_FREE_STORAGE_BYTES = 2 * 1024 ** 3;
const FIVE_MINUTES = 300;

/**
 * The business metrics the worker emits (worker/telemetry/metrics.ts METRIC), each with the
 * `service` dimension plus the ones named here.
 */
export const BUSINESS_METRIC = {
  decided: 'DocumentsDecided',
  stage: 'StageDuration',
  registryCalls: 'RegistryCalls',
  registryErrors: 'RegistryErrors',
  registryLatency: 'RegistryLatency',
  queueAge: 'QueueAge',
} as const;
export const METRIC_SERVICE = 'kyb';
/** worker/registries/errors.ts RegistryName. */
export const REGISTRIES = ['companies_house', 'hmrc'] as const;

interface AlarmSpec {
  namespace: string;
  metricName: string;
  dimensions: Record<string, pulumi.Input<string>>;
  statistic: 'Sum' | 'Maximum' | 'Average' | 'Minimum';
  comparisonOperator: 'GreaterThanThreshold' | 'LessThanThreshold';
  threshold: number;
  periodSeconds?: number;
  evaluationPeriods?: number;
  description: string;
}

/** Alarms to one SNS topic, and a dashboard over the same metrics. */
export class Observability extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:observability:Observability', name, {}, opts);
    const parent = { parent: this };
    // Not encrypted with the AWS-managed SNS key: CloudWatch alarms cannot publish to a topic using it.
    const topic = new aws.sns.Topic(`${name}-alarms`, {}, parent);
    if (args.alarmEmail)
      new aws.sns.TopicSubscription(`${name}-alarms-email`, { topic: topic.arn, protocol: 'email', endpoint: args.alarmEmail }, parent);

    const alarm = (key: string, spec: AlarmSpec) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${key}`,
        {
          alarmDescription: spec.description,
          namespace: spec.namespace,
          metricName: spec.metricName,
          dimensions: spec.dimensions,
          statistic: spec.statistic,
          comparisonOperator: spec.comparisonOperator,
          threshold: spec.threshold,
          period: spec.periodSeconds ?? 60,
          evaluationPeriods: spec.evaluationPeriods ?? 1,
          treatMissingData: 'notBreaching',
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        parent,
      );

    const queue = { QueueName: args.queueName };
    const alb = { LoadBalancer: args.loadBalancerArnSuffix };
    const fn = { FunctionName: args.functionName };
    alarm('dlq-depth', {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: args.dlqName },
      statistic: 'Maximum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      description: 'Jobs reached the dead-letter queue: investigate, then make redrive',
    });
    alarm('oldest-message-age', {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      dimensions: queue,
      statistic: 'Maximum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: args.oldestMessageAgeSeconds,
      periodSeconds: FIVE_MINUTES,
      description: 'Jobs are waiting too long: the worker is stuck or throttled',
    });
    alarm('alb-5xx', {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_ELB_5XX_Count',
      dimensions: alb,
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: ALB_5XX_PER_5_MINUTES,
      periodSeconds: FIVE_MINUTES,
      description: 'The load balancer is answering 5xx',
    });
    alarm('target-5xx', {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: alb,
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: ALB_5XX_PER_5_MINUTES,
      periodSeconds: FIVE_MINUTES,
      description: 'The API is answering 5xx',
    });
    alarm('unhealthy-hosts', {
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      dimensions: { ...alb, TargetGroup: args.targetGroupArnSuffix },
      statistic: 'Maximum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      evaluationPeriods: 2,
      description: 'API tasks fail the /health check',
    });
    alarm('lambda-errors', {
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: fn,
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      periodSeconds: FIVE_MINUTES,
      description: 'The worker crashed (job failures are reported per item, not as errors)',
    });
    alarm('lambda-throttles', {
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      dimensions: fn,
      statistic: 'Sum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      periodSeconds: FIVE_MINUTES,
      description: 'The worker is throttled: raise concurrency or the account limit',
    });
    const service = { service: METRIC_SERVICE };
    alarm('queue-age', {
      namespace: args.metricsNamespace,
      metricName: BUSINESS_METRIC.queueAge,
      dimensions: service,
      statistic: 'Maximum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: args.queueAgeSeconds,
      periodSeconds: FIVE_MINUTES,
      description: 'Workers take jobs late: the queue is backed up',
    });
    for (const registry of REGISTRIES) this.registryErrorAlarm(`${name}-registry-errors-${registry}`, registry, args, topic.arn);

    if (args.databaseIdentifier !== undefined) {
      const db = { DBInstanceIdentifier: args.databaseIdentifier };
      alarm('rds-cpu', {
        namespace: 'AWS/RDS',
        metricName: 'CPUUtilization',
        dimensions: db,
        statistic: 'Average',
        comparisonOperator: 'GreaterThanThreshold',
        threshold: RDS_CPU_PERCENT,
        periodSeconds: FIVE_MINUTES,
        evaluationPeriods: 3,
        description: 'Database CPU is high',
      });
      alarm('rds-free-storage', {
        namespace: 'AWS/RDS',
        metricName: 'FreeStorageSpace',
        dimensions: db,
        statistic: 'Minimum',
        comparisonOperator: 'LessThanThreshold',
        threshold: RDS_FREE_STORAGE_BYTES,
        periodSeconds: FIVE_MINUTES,
        description: 'Database storage is nearly full',
      });
    }

    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: `${pulumi.getProject()}-${pulumi.getStack()}`,
        dashboardBody: pulumi
          .all([
            args.loadBalancerArnSuffix,
            args.clusterName,
            args.serviceName,
            args.queueName,
            args.dlqName,
            args.functionName,
            args.databaseIdentifier,
          ])
          .apply(([lb, cluster, service, queueName, dlqName, functionName, database]) =>
            JSON.stringify({
              widgets: dashboardWidgets(args.region, {
                lb,
                cluster,
                service,
                queueName,
                dlqName,
                functionName,
                database,
                namespace: args.metricsNamespace,
              }),
            }),
          ),
      },
      parent,
    );

    this.topicArn = topic.arn;
    this.dashboardUrl = pulumi.interpolate`https://${args.region}.console.aws.amazon.com/cloudwatch/home?region=${args.region}#dashboards:name=${dashboard.dashboardName}`;
    this.registerOutputs({ topicArn: this.topicArn, dashboardUrl: this.dashboardUrl });
  }

  /** Errors as a share of calls, so a quiet hour with one failure does not page; no calls, no alarm. */
  private registryErrorAlarm(name: string, registry: string, args: ObservabilityArgs, topicArn: pulumi.Output<string>): void {
    const metric = (id: string, metricName: string) => ({
      id,
      returnData: false,
      metric: {
        namespace: args.metricsNamespace,
        metricName,
        dimensions: { service: METRIC_SERVICE, registry },
        stat: 'Sum',
        period: FIVE_MINUTES,
      },
    });
    new aws.cloudwatch.MetricAlarm(
      name,
      {
        alarmDescription: `More than ${args.registryErrorPercent}% of ${registry} calls failed`,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: args.registryErrorPercent,
        evaluationPeriods: 1,
        treatMissingData: 'notBreaching',
        metricQueries: [
          metric('errors', BUSINESS_METRIC.registryErrors),
          metric('calls', BUSINESS_METRIC.registryCalls),
          // A window without errors has no RegistryErrors datapoint: count it as 0.
          { id: 'rate', expression: '100 * FILL(errors, 0) / calls', label: `${registry} error %`, returnData: true },
        ],
        alarmActions: [topicArn],
        okActions: [topicArn],
      },
      { parent: this },
    );
  }
}

interface DashboardNames {
  lb: string;
  cluster: string;
  service: string;
  queueName: string;
  dlqName: string;
  functionName: string;
  database?: string;
  namespace: string;
}

function dashboardWidgets(region: string, n: DashboardNames): object[] {
  const widget = (title: string, metrics: unknown[][], i: number) => ({
    type: 'metric',
    x: (i % 2) * 12,
    y: Math.floor(i / 2) * 6,
    width: 12,
    height: 6,
    properties: { title, region, metrics, stat: 'Sum', period: 300, view: 'timeSeries' },
  });
  const widgets: object[] = [
    widget(
      'API requests and errors',
      [
        ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', n.lb],
        ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', n.lb],
        ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', n.lb],
      ],
      0,
    ),
    widget('API latency (p95)', [['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', n.lb, { stat: 'p95' }]], 1),
    widget(
      'API tasks CPU and memory',
      [
        ['AWS/ECS', 'CPUUtilization', 'ClusterName', n.cluster, 'ServiceName', n.service, { stat: 'Average' }],
        ['AWS/ECS', 'MemoryUtilization', 'ClusterName', n.cluster, 'ServiceName', n.service, { stat: 'Average' }],
      ],
      2,
    ),
    widget(
      'Queue',
      [
        ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', n.queueName, { stat: 'Maximum' }],
        ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', n.queueName, { stat: 'Maximum' }],
        ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', n.dlqName, { stat: 'Maximum' }],
      ],
      3,
    ),
    widget(
      'Worker',
      [
        ['AWS/Lambda', 'Invocations', 'FunctionName', n.functionName],
        ['AWS/Lambda', 'Errors', 'FunctionName', n.functionName],
        ['AWS/Lambda', 'Throttles', 'FunctionName', n.functionName],
        ['AWS/Lambda', 'Duration', 'FunctionName', n.functionName, { stat: 'p95' }],
      ],
      4,
    ),
  ];
  widgets.push(...businessWidgets(n.namespace, widget, widgets.length));
  if (n.database) {
    widgets.push(
      widget(
        'Database',
        [
          ['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', n.database, { stat: 'Average' }],
          ['AWS/RDS', 'DatabaseConnections', 'DBInstanceIdentifier', n.database, { stat: 'Maximum' }],
          ['AWS/RDS', 'FreeStorageSpace', 'DBInstanceIdentifier', n.database, { stat: 'Minimum' }],
        ],
        widgets.length,
      ),
    );
  }
  return widgets;
}

type Widget = (title: string, metrics: unknown[][], i: number) => object;

/** The worker's own figures: what it decided, where the time goes, how the registries behave, how long jobs wait. */
function businessWidgets(namespace: string, widget: Widget, first: number): object[] {
  const search = (dimensions: string, metricName: string, stat: string, id: string) => [
    { expression: `SEARCH('{${namespace},${dimensions}} MetricName="${metricName}"', '${stat}', ${FIVE_MINUTES})`, id },
  ];
  const perRegistry = (metricName: string, stat: string) =>
    REGISTRIES.map((registry) => [namespace, metricName, 'service', METRIC_SERVICE, 'registry', registry, { stat }]);
  return [
    widget('Documents by decision', [search('decision,document_type,service', BUSINESS_METRIC.decided, 'Sum', 'decided')], first),
    widget(
      'Stage duration (p50, p95)',
      [search('service,stage', BUSINESS_METRIC.stage, 'p50', 'p50'), search('service,stage', BUSINESS_METRIC.stage, 'p95', 'p95')],
      first + 1,
    ),
    widget('Registry errors', perRegistry(BUSINESS_METRIC.registryErrors, 'Sum'), first + 2),
    widget('Registry latency (p95)', perRegistry(BUSINESS_METRIC.registryLatency, 'p95'), first + 3),
    widget('Queue age (max)', [[namespace, BUSINESS_METRIC.queueAge, 'service', METRIC_SERVICE, { stat: 'Maximum' }]], first + 4),
  ];
}
