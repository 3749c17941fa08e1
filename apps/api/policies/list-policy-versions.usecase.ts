// Every version, newest first, and the activations in the order they happened (rollbacks marked).
import { Injectable } from '@nestjs/common';
import type { PolicyActivation, PolicyVersionSummary } from '../../../db/repositories/recovery-policy.repository.js';
import { Database } from '../database.js';

export interface PolicyVersionList {
  items: PolicyVersionSummary[];
  activations: PolicyActivation[];
}

@Injectable()
export class ListPolicyVersionsUseCase {
  constructor(private readonly db: Database) {}

  async execute(): Promise<PolicyVersionList> {
    const repo = this.db.recoveryPolicies();
    return { items: await repo.list(), activations: await repo.activations() };
  }
}
