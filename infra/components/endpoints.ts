import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Services the API and the worker call often enough that keeping the traffic off the NAT pays. */
const INTERFACE_SERVICES = ['sqs', 'ecr.api', 'ecr.dkr', 'logs', 'secretsmanager'] as const;

export interface VpcEndpointsArgs {
  region: string;
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  privateRouteTableIds: pulumi.Input<string>[];
  /** When set, interface endpoints are created in the private subnets behind this group. */
  interfaceSecurityGroupId?: pulumi.Input<string>;
  /** Traced processes upload segments on every request: X-Ray gets an interface endpoint too. */
  traced: boolean;
}

/** The S3 gateway endpoint (free; documents and image layers skip the NAT) and optional interface endpoints. */
export class VpcEndpoints extends pulumi.ComponentResource {
  constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:network:VpcEndpoints', name, {}, opts);
    const parent = { parent: this };
    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: args.vpcId,
        serviceName: `com.amazonaws.${args.region}.s3`,
        vpcEndpointType: 'Gateway',
        routeTableIds: args.privateRouteTableIds,
      },
      parent,
    );
    const groupId = args.interfaceSecurityGroupId;
    if (groupId !== undefined) {
      for (const service of args.traced ? [...INTERFACE_SERVICES, 'xray'] : INTERFACE_SERVICES) {
        new aws.ec2.VpcEndpoint(
          `${name}-${service.replace('.', '-')}`,
          {
            vpcId: args.vpcId,
            serviceName: `com.amazonaws.${args.region}.${service}`,
            vpcEndpointType: 'Interface',
            privateDnsEnabled: true,
            subnetIds: args.privateSubnetIds,
            securityGroupIds: [groupId],
          },
          parent,
        );
      }
    }
    this.registerOutputs({});
  }
}
