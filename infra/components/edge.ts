import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
import * as pulumi from '@pulumi/pulumi';
import { PrivateBucket } from './private-bucket';
import { awsProviderOf } from '../lib/providers';
import { API_PORT } from './security-groups';

export interface EdgeArgs {
  vpcId: pulumi.Input<string>;
  publicSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  certificateArn?: string;
  healthCheckIntervalSeconds: number;
  healthCheckTimeoutSeconds: number;
  wafEnabled: boolean;
  wafRateLimit: number;
  protect: boolean;
  logRetentionDays: number;
}

/** TLS 1.3 with 1.2 fallback, the current AWS recommendation for ALBs. */
const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const ACCESS_LOG_PREFIX = 'alb';
/**
 * service/health: readiness answers 503 when the database, storage or queue is unreachable, so a
 * task that cannot reach the database (a rotated password it did not pick up) is replaced; during
 * a deploy the circuit breaker rolls back tasks that never become ready. (/health is liveness only.)
 */
export const READINESS_PATH = '/ready';

/** AWS managed rule groups, in evaluation order after the rate rule. */
const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/**
 * The public edge: an `awsx.lb.ApplicationLoadBalancer` in the public subnets with our security
 * group only (awsx's default group, open to the world on every listener port, is skipped), access
 * logs, strict header handling, one target group for the API's port checked on readiness, and
 * HTTPS (HTTP only redirects) whenever a certificate is set, which protected stacks require.
 */
export class Edge extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  readonly loadBalancerArn: pulumi.Output<string>;
  readonly loadBalancerArnSuffix: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  readonly targetGroupArnSuffix: pulumi.Output<string>;
  /** The load balancer with its listeners; the service registers targets only after it exists. */
  readonly loadBalancer: awsx.lb.ApplicationLoadBalancer;

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:edge:Edge', name, {}, opts);
    const parent = { parent: this };
    const account = aws.getCallerIdentityOutput({}, parent);
    const elbAccount = aws.elb.getServiceAccountOutput({}, parent);

    const logs = new PrivateBucket(
      `${name}-access-logs`,
      {
        expirationDays: args.logRetentionDays,
        noncurrentVersionDays: 1,
        retain: args.protect,
        extraStatements: (bucketArn) => [
          {
            Sid: 'AllowAlbLogDelivery',
            Effect: 'Allow',
            // Older regions deliver from the regional ELB account; newer ones from the service principal.
            Principal: { AWS: elbAccount.arn, Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: pulumi.interpolate`${bucketArn}/${ACCESS_LOG_PREFIX}/AWSLogs/${account.accountId}/*`,
          },
        ],
      },
      parent,
    );

    this.loadBalancer = new awsx.lb.ApplicationLoadBalancer(
      `${name}-alb`,
      {
        internal: false,
        subnetIds: args.publicSubnetIds,
        securityGroups: [args.securityGroupId],
        defaultSecurityGroup: { skip: true },
        dropInvalidHeaderFields: true,
        desyncMitigationMode: 'defensive',
        enableDeletionProtection: args.protect,
        idleTimeout: 120,
        accessLogs: { bucket: logs.bucketName, prefix: ACCESS_LOG_PREFIX, enabled: true },
        defaultTargetGroup: {
          port: API_PORT,
          protocol: 'HTTP',
          targetType: 'ip',
          vpcId: args.vpcId,
          deregistrationDelay: 30,
          healthCheck: {
            path: READINESS_PATH,
            matcher: '200',
            interval: args.healthCheckIntervalSeconds,
            timeout: args.healthCheckTimeoutSeconds,
            healthyThreshold: 2,
            unhealthyThreshold: 3,
          },
        },
        listeners: listeners(args.certificateArn),
      },
      { parent: this, providers: awsProviderOf(this), dependsOn: [logs.policy] },
    );

    if (args.wafEnabled) this.attachWaf(name, this.loadBalancer.loadBalancer.arn, args.wafRateLimit);

    this.url = pulumi.interpolate`${args.certificateArn ? 'https' : 'http'}://${this.loadBalancer.loadBalancer.dnsName}`;
    this.loadBalancerArn = this.loadBalancer.loadBalancer.arn;
    this.loadBalancerArnSuffix = this.loadBalancer.loadBalancer.arnSuffix;
    this.targetGroupArn = this.loadBalancer.defaultTargetGroup.arn;
    this.targetGroupArnSuffix = this.loadBalancer.defaultTargetGroup.arnSuffix;
    this.registerOutputs({ url: this.url });
  }

  private attachWaf(name: string, albArn: pulumi.Input<string>, rateLimit: number): void {
    const acl = new aws.wafv2.WebAcl(
      `${name}-waf`,
      {
        scope: 'REGIONAL',
        defaultAction: { allow: {} },
        visibilityConfig: visibility(`${name}-waf`),
        rules: [
          {
            name: 'rate-limit-per-ip',
            priority: 0,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP' } },
            visibilityConfig: visibility('rate-limit-per-ip'),
          },
          ...MANAGED_RULE_GROUPS.map((group, i) => ({
            name: group,
            priority: i + 1,
            overrideAction: { none: {} },
            statement: {
              managedRuleGroupStatement: {
                vendorName: 'AWS',
                name: group,
                // Document uploads are larger than the common rule set's 8 KB body limit.
                ruleActionOverrides:
                  group === 'AWSManagedRulesCommonRuleSet' ? [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] : undefined,
              },
            },
            visibilityConfig: visibility(group),
          })),
        ],
      },
      { parent: this },
    );
    new aws.wafv2.WebAclAssociation(`${name}-waf`, { resourceArn: albArn, webAclArn: acl.arn }, { parent: this });
  }
}

/** With a certificate: HTTPS forwards (awsx's default action) and HTTP answers 301 to HTTPS; without, HTTP forwards. */
export function listeners(certificateArn: string | undefined): awsx.types.input.lb.ListenerArgs[] {
  if (!certificateArn) return [{ port: 80, protocol: 'HTTP' }];
  return [
    { port: 443, protocol: 'HTTPS', sslPolicy: TLS_POLICY, certificateArn },
    {
      port: 80,
      protocol: 'HTTP',
      defaultActions: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
    },
  ];
}
