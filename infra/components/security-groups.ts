import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export const API_PORT = 8000;
export const POSTGRES_PORT = 5432;
const HTTPS_PORT = 443;
const HTTP_PORT = 80;
const ANYWHERE = '0.0.0.0/0';

export interface SecurityGroupsArgs {
  vpcId: pulumi.Input<string>;
  /** Creates the group interface endpoints use, admitting only the API and the worker. */
  interfaceEndpoints: boolean;
  /** Opens 443 on the ALB only when an HTTPS listener exists. */
  https: boolean;
}

/**
 * The whole traffic chain in one place: internet → ALB (80/443) → API (8000) → database (5432),
 * and the worker → database (5432). Groups start with no rules (the provider removes AWS's
 * default allow-all egress), so everything allowed is listed here.
 */
export class SecurityGroups extends pulumi.ComponentResource {
  readonly albId: pulumi.Output<string>;
  readonly apiId: pulumi.Output<string>;
  readonly workerId: pulumi.Output<string>;
  readonly databaseId: pulumi.Output<string>;
  /** The database user rotation function: only out, to the database and to Secrets Manager. */
  readonly rotationId: pulumi.Output<string>;
  readonly endpointsId?: pulumi.Output<string>;

  constructor(name: string, args: SecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('kyb:network:SecurityGroups', name, {}, opts);
    const parent = { parent: this };
    const group = (role: string, description: string) =>
      new aws.ec2.SecurityGroup(`${name}-${role}`, { vpcId: args.vpcId, description, tags: { Name: `${name}-${role}` } }, parent);
    const ingress = (rule: string, groupId: pulumi.Input<string>, port: number, from: { cidr?: string; group?: pulumi.Input<string> }) =>
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-${rule}`,
        {
          securityGroupId: groupId,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: from.cidr,
          referencedSecurityGroupId: from.group,
          description: rule,
        },
        parent,
      );
    const egress = (rule: string, groupId: pulumi.Input<string>, port: number, to: { cidr?: string; group?: pulumi.Input<string> }) =>
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-${rule}`,
        {
          securityGroupId: groupId,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: to.cidr,
          referencedSecurityGroupId: to.group,
          description: rule,
        },
        parent,
      );

    const alb = group('alb', 'Load balancer: HTTP/HTTPS from the internet, to the API only');
    const api = group('api', 'API tasks: only the load balancer on 8000');
    const worker = group('worker', 'Worker Lambda: no inbound');
    const database = group('database', 'PostgreSQL: only the API, the worker and the rotation function on 5432');
    const rotation = group('rotation', 'Database user rotation: no inbound');

    ingress('alb-http-in', alb.id, HTTP_PORT, { cidr: ANYWHERE });
    if (args.https) ingress('alb-https-in', alb.id, HTTPS_PORT, { cidr: ANYWHERE });
    egress('alb-to-api', alb.id, API_PORT, { group: api.id });

    ingress('api-from-alb', api.id, API_PORT, { group: alb.id });
    egress('api-to-database', api.id, POSTGRES_PORT, { group: database.id });
    // Registries, OpenAI and AWS APIs are reached over HTTPS through the NAT or endpoints.
    egress('api-https-out', api.id, HTTPS_PORT, { cidr: ANYWHERE });

    egress('worker-to-database', worker.id, POSTGRES_PORT, { group: database.id });
    egress('worker-https-out', worker.id, HTTPS_PORT, { cidr: ANYWHERE });

    ingress('database-from-api', database.id, POSTGRES_PORT, { group: api.id });
    ingress('database-from-worker', database.id, POSTGRES_PORT, { group: worker.id });

    egress('rotation-to-database', rotation.id, POSTGRES_PORT, { group: database.id });
    egress('rotation-https-out', rotation.id, HTTPS_PORT, { cidr: ANYWHERE });
    ingress('database-from-rotation', database.id, POSTGRES_PORT, { group: rotation.id });

    if (args.interfaceEndpoints) {
      const endpoints = group('endpoints', 'Interface endpoints: HTTPS from the API and the worker');
      ingress('endpoints-from-api', endpoints.id, HTTPS_PORT, { group: api.id });
      ingress('endpoints-from-worker', endpoints.id, HTTPS_PORT, { group: worker.id });
      ingress('endpoints-from-rotation', endpoints.id, HTTPS_PORT, { group: rotation.id });
      this.endpointsId = endpoints.id;
    }

    this.albId = alb.id;
    this.apiId = api.id;
    this.workerId = worker.id;
    this.databaseId = database.id;
    this.rotationId = rotation.id;
    this.registerOutputs({ albId: this.albId, apiId: this.apiId, workerId: this.workerId, databaseId: this.databaseId });
  }
}
