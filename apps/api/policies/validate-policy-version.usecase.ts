// Validates a version against the schema and the semantic rules, with today's buckets and
// template catalogue, and records the outcome: validated, or draft with its problems (422).
import { Injectable } from '@nestjs/common';
import type { PolicyProblem } from '../../../policies/recovery/policy-problem.js';
import type { PolicyVersionStatus } from '../../../db/repositories/recovery-policy.repository.js';
import { Database } from '../database.js';
import { InvalidPolicyError, PolicyVersionNotFoundError } from '../errors.js';
import { checkPolicyVersion } from './check-policy-version.js';
import { PolicyContextSource } from './policy-context.source.js';
import type { ValidatePolicyVersionCommand } from './validate-policy-version.command.js';

export interface PolicyValidationResult {
  valid: true;
  version: number;
  status: PolicyVersionStatus;
  warnings: PolicyProblem[];
}

@Injectable()
export class ValidatePolicyVersionUseCase {
  constructor(
    private readonly db: Database,
    private readonly context: PolicyContextSource,
  ) {}

  async execute({ version }: ValidatePolicyVersionCommand): Promise<PolicyValidationResult> {
    const repo = this.db.recoveryPolicies();
    const stored = await repo.find(version);
    if (!stored) throw new PolicyVersionNotFoundError(version);
    const { errors, warnings } = checkPolicyVersion(stored, await this.context.current());
    const recorded = await repo.recordValidation(version, { errors, warnings });
    if (!recorded) throw new PolicyVersionNotFoundError(version);
    if (errors.length > 0) throw new InvalidPolicyError(`policy version ${version} has ${errors.length} fault${errors.length === 1 ? '' : 's'}; it stays a ${recorded.status}`, errors);
    return { valid: true, version, status: recorded.status, warnings };
  }
}
