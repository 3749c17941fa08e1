import { Injectable } from '@nestjs/common';
import type { PolicyVersion } from '../../../db/repositories/recovery-policy.repository.js';
import { Database } from '../database.js';
import { NoActivePolicyError } from '../errors.js';

@Injectable()
export class GetActivePolicyUseCase {
  constructor(private readonly db: Database) {}

  async execute(): Promise<PolicyVersion> {
    const active = await this.db.recoveryPolicies().active();
    if (!active) throw new NoActivePolicyError();
    return active;
  }
}
