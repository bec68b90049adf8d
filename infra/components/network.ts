import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { NatStrategy } from '../config';
import { subnetCidr } from '../lib/cidr';
import { assumeRolePolicy, policyJson } from '../lib/iam';

export interface NetworkArgs {
  cidr: string;
  azCount: number;
  natStrategy: NatStrategy;
}

/** Offset of the private subnets within the VPC's /prefix+4 blocks; public ones start at 0. */
const PRIVATE_BLOCK_OFFSET = 8;

/**
 * A VPC over `azCount` zones: public subnets hold only the ALB and NAT gateways; tasks, the
 * Lambda and the database live in private subnets that never assign public IPs.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidr: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly privateRouteTableIds: pulumi.Output<string>[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:network:Network', name, {}, opts);
    const parent = { parent: this };
    const zones = aws.getAvailabilityZonesOutput({ state: 'available' }, parent);
    const subnetPrefix = Number(args.cidr.split('/')[1]) + 4;

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: args.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${name}-vpc` } },
      parent,
    );
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id }, parent);
    const publicRoutes = new aws.ec2.RouteTable(
      `${name}-public`,
      { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }] },
      parent,
    );

    const publicSubnets = Array.from({ length: args.azCount }, (_, i) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-public-${i}`,
        {
          vpcId: vpc.id,
          cidrBlock: subnetCidr(args.cidr, subnetPrefix, i),
          availabilityZone: zones.names[i],
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-public-${i}`, tier: 'public' },
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, parent);
      return subnet;
    });

    const natCount = args.natStrategy === 'onePerAz' ? args.azCount : 1;
    const nats = Array.from({ length: natCount }, (_, i) => {
      const eip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: 'vpc' }, parent);
      return new aws.ec2.NatGateway(
        `${name}-nat-${i}`,
        { allocationId: eip.id, subnetId: publicSubnets[i]!.id },
        { parent: this, dependsOn: [igw] },
      );
    });

    const privateRouteTables: aws.ec2.RouteTable[] = [];
    const privateSubnets = Array.from({ length: args.azCount }, (_, i) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-private-${i}`,
        {
          vpcId: vpc.id,
          cidrBlock: subnetCidr(args.cidr, subnetPrefix, PRIVATE_BLOCK_OFFSET + i),
          availabilityZone: zones.names[i],
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-private-${i}`, tier: 'private' },
        },
        parent,
      );
      const nat = nats[Math.min(i, nats.length - 1)]!;
      const routes = new aws.ec2.RouteTable(
        `${name}-private-${i}`,
        { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }] },
        parent,
      );
      new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: routes.id }, parent);
      privateRouteTables.push(routes);
      return subnet;
    });

    // Flow logs make the "who talked to what" question answerable after an incident.
    const flowLogGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, { retentionInDays: 90 }, parent);
    const flowLogRole = new aws.iam.Role(
      `${name}-flow-logs`,
      { assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com') },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs`,
      {
        role: flowLogRole.id,
        policy: policyJson([
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [flowLogGroup.arn, pulumi.interpolate`${flowLogGroup.arn}:*`],
          },
        ]),
      },
      parent,
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      { vpcId: vpc.id, trafficType: 'REJECT', logDestination: flowLogGroup.arn, iamRoleArn: flowLogRole.arn },
      parent,
    );

    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.privateRouteTableIds = privateRouteTables.map((r) => r.id);
    this.registerOutputs({ vpcId: this.vpcId });
  }
}
