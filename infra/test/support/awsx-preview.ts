import type { RecordedResource, StackRun } from './harness';

/**
 * awsx v3 components are remote: under mocks they are one resource with the inputs we hand them.
 * A real preview shows their children instead; this expands each into the children awsx creates
 * from those inputs (pulumi-awsx lb/applicationLoadBalancer.ts and ecs/fargateService.ts), so the
 * policy pack sees the stack as `pulumi preview --policy-pack` would.
 */
function child(parent: RecordedResource, type: string, name: string, inputs: Record<string, any>): RecordedResource {
  return { ...parent, type, name, inputs, custom: true, provider: parent.providers, dependsOn: [...parent.dependsOn, parent.name] };
}

function applicationLoadBalancer(r: RecordedResource): RecordedResource[] {
  const { listeners = [], defaultTargetGroup, defaultSecurityGroup, subnetIds, securityGroups = [], ...lbArgs } = r.inputs;
  const defaultGroup = defaultSecurityGroup?.skip
    ? []
    : [
        child(r, 'aws:ec2/securityGroup:SecurityGroup', r.name, {
          ingress: [{ protocol: 'tcp', fromPort: 0, toPort: 65535, cidrBlocks: ['0.0.0.0/0'] }],
        }),
      ];
  const loadBalancer = child(r, 'aws:lb/loadBalancer:LoadBalancer', r.name, {
    ...lbArgs,
    loadBalancerType: 'application',
    subnets: subnetIds,
    securityGroups: [...securityGroups, ...defaultGroup.map((g) => `${g.name}-id`)],
  });
  const targetGroup = child(r, 'aws:lb/targetGroup:TargetGroup', r.name, { protocol: 'HTTP', port: 80, ...defaultTargetGroup });
  const forward = [{ type: 'forward', targetGroupArn: `${r.name}-tg-arn` }];
  const listenerResources = (listeners as Record<string, any>[]).map((l, i) =>
    child(r, 'aws:lb/listener:Listener', `${r.name}-${i}`, { defaultActions: forward, ...l }),
  );
  return [...defaultGroup, loadBalancer, targetGroup, ...listenerResources];
}

function fargateService(r: RecordedResource): RecordedResource[] {
  const { taskDefinitionArgs: _ours, assignPublicIp: _unused, ...serviceArgs } = r.inputs;
  return [child(r, 'aws:ecs/service:Service', r.name, { ...serviceArgs, launchType: 'FARGATE' })];
}

const EXPANSIONS: Record<string, (r: RecordedResource) => RecordedResource[]> = {
  'awsx:lb:ApplicationLoadBalancer': applicationLoadBalancer,
  'awsx:ecs:FargateService': fargateService,
};

export function asPreviewed(run: StackRun): StackRun {
  return { ...run, resources: run.resources.flatMap((r) => EXPANSIONS[r.type]?.(r) ?? [r]) };
}
