import type * as pulumi from '@pulumi/pulumi';

/**
 * The tagged aws provider a component inherited, handed on explicitly: remote (awsx) components
 * get only the providers named in their own options, and would otherwise build their children
 * with the default provider, without the stack's default tags.
 */
export function awsProviderOf(component: pulumi.Resource): pulumi.ProviderResource[] {
  const provider = component.getProvider('aws:index:Provider');
  return provider ? [provider] : [];
}
