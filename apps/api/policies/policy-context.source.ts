// Where the API gets what policy validation checks names against: the products' bucket names and
// the template catalogue's keys. One injectable, so the catalogue can come from the templates'
// store (once it exists) by replacing this provider, without touching the use cases.
import { Injectable } from '@nestjs/common';
import type { PolicyContext } from '../../../policies/recovery/validate-policy.js';
import { recoveryPolicyContext } from '../../shared/recovery-policy-context.js';

@Injectable()
export class PolicyContextSource {
  current(): Promise<PolicyContext> {
    return Promise.resolve(recoveryPolicyContext());
  }
}
