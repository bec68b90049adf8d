import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { PrivateBucket } from './private-bucket';
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

/** AWS managed rule groups, in evaluation order after the rate rule. */
const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/**
 * The public edge: an ALB in the public subnets with access logs, strict header handling and
 * (optionally) HTTPS and a WAF; one target group for the API's port with the /health check.
 */
export class Edge extends pulumi.ComponentResource {
  readonly dnsName: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;
  readonly loadBalancerArn: pulumi.Output<string>;
  readonly loadBalancerArnSuffix: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  readonly targetGroupArnSuffix: pulumi.Output<string>;
  /** The listener the service must wait for before registering targets. */
  readonly listener: aws.lb.Listener;

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

    const alb = new aws.lb.LoadBalancer(
      `${name}-alb`,
      {
        loadBalancerType: 'application',
        internal: false,
        subnets: args.publicSubnetIds,
        securityGroups: [args.securityGroupId],
        dropInvalidHeaderFields: true,
        desyncMitigationMode: 'defensive',
        enableDeletionProtection: args.protect,
        idleTimeout: 120,
        accessLogs: { bucket: logs.bucketName, prefix: ACCESS_LOG_PREFIX, enabled: true },
      },
      { parent: this, dependsOn: [logs.policy] },
    );

    const targets = new aws.lb.TargetGroup(
      `${name}-api`,
      {
        port: API_PORT,
        protocol: 'HTTP',
        targetType: 'ip',
        vpcId: args.vpcId,
        deregistrationDelay: 30,
        healthCheck: {
          path: '/health',
          matcher: '200',
          interval: args.healthCheckIntervalSeconds,
          timeout: args.healthCheckTimeoutSeconds,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
      },
      parent,
    );
    const forward = [{ type: 'forward', targetGroupArn: targets.arn }];

    if (args.certificateArn) {
      this.listener = new aws.lb.Listener(
        `${name}-https`,
        {
          loadBalancerArn: alb.arn,
          port: 443,
          protocol: 'HTTPS',
          sslPolicy: TLS_POLICY,
          certificateArn: args.certificateArn,
          defaultActions: forward,
        },
        parent,
      );
      new aws.lb.Listener(
        `${name}-http`,
        {
          loadBalancerArn: alb.arn,
          port: 80,
          protocol: 'HTTP',
          defaultActions: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
        },
        parent,
      );
    } else {
      this.listener = new aws.lb.Listener(
        `${name}-http`,
        { loadBalancerArn: alb.arn, port: 80, protocol: 'HTTP', defaultActions: forward },
        parent,
      );
    }

    if (args.wafEnabled) this.attachWaf(name, alb.arn, args.wafRateLimit);

    this.dnsName = alb.dnsName;
    this.url = pulumi.interpolate`${args.certificateArn ? 'https' : 'http'}://${alb.dnsName}`;
    this.loadBalancerArn = alb.arn;
    this.loadBalancerArnSuffix = alb.arnSuffix;
    this.targetGroupArn = targets.arn;
    this.targetGroupArnSuffix = targets.arnSuffix;
    this.registerOutputs({ url: this.url });
  }

  private attachWaf(name: string, albArn: pulumi.Output<string>, rateLimit: number): void {
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
