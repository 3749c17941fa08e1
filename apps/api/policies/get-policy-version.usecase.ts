import { Injectable } from '@nestjs/common';
import type { PolicyVersion } from '../../../db/repositories/recovery-policy.repository.js';
import { Database } from '../database.js';
import { PolicyVersionNotFoundError } from '../errors.js';
import type { GetPolicyVersionCommand } from './get-policy-version.command.js';

@Injectable()
export class GetPolicyVersionUseCase {
  constructor(private readonly db: Database) {}

  async execute({ version }: GetPolicyVersionCommand): Promise<PolicyVersion> {
    const found = await this.db.recoveryPolicies().find(version);
    if (!found) throw new PolicyVersionNotFoundError(version);
    return found;
  }
}
