import { PolicyPack } from '@pulumi/policy';
import { resourcePolicies, stackPolicies } from './policies';

new PolicyPack('kyb-guardrails', { policies: [...resourcePolicies, ...stackPolicies] });
