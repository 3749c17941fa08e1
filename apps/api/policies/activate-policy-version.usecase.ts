// Makes a validated version the active one; activating a retired version is the rollback. The
// version is checked again first (a template may have left the catalogue since it was validated):
// one that no longer passes is not activated, and its problems are recorded. Activating the
// active version changes nothing.
import { Injectable } from '@nestjs/common';
import type { PolicyVersionSummary } from '../../../db/repositories/recovery-policy.repository.js';
import { ProblemException } from '../http/problem.js';
import { Database } from '../database.js';
import { InvalidPolicyError, PolicyNotValidatedError, PolicyVersionNotFoundError } from '../errors.js';
import type { ActivatePolicyVersionCommand } from './activate-policy-version.command.js';
import { checkPolicyVersion } from './check-policy-version.js';
import { PolicyContextSource } from './policy-context.source.js';

export interface PolicyActivationResult {
  version: PolicyVersionSummary;
  /** false: it was already the active version */
  activated: boolean;
  /** it had been active before */
  rollback: boolean;
  previousVersion: number | null;
}

@Injectable()
export class ActivatePolicyVersionUseCase {
  constructor(
    private readonly db: Database,
    private readonly context: PolicyContextSource,
  ) {}

  async execute({ version, by, onlyIfActive = false }: ActivatePolicyVersionCommand): Promise<PolicyActivationResult> {
    const repo = this.db.recoveryPolicies();
    const stored = await repo.find(version);
    if (!stored) throw new PolicyVersionNotFoundError(version);
    if (onlyIfActive) {
      if (stored.status !== 'active') throw new ProblemException('policyNoLongerActive', `policy version ${version} is ${stored.status} now, no longer active: activating it again needs a second person (POST /v1/policies/recovery/${version}/activate)`);
      return { version: summary(stored), activated: false, rollback: false, previousVersion: null };
    }
    if (stored.status === 'draft') throw notValidated(version);
    if (stored.status !== 'active') {
      const { errors, warnings } = checkPolicyVersion(stored, await this.context.current());
      if (errors.length > 0) {
        await repo.recordValidation(version, { errors, warnings });
        throw new InvalidPolicyError(`policy version ${version} no longer validates (${errors.length} fault${errors.length === 1 ? '' : 's'}): it was not activated`, errors);
      }
    }
    const outcome = await repo.activate(version, by);
    switch (outcome.outcome) {
      case 'not_found':
        throw new PolicyVersionNotFoundError(version);
      case 'not_validated':
        throw notValidated(version);
      case 'already_active':
        return { version: summary(outcome.version), activated: false, rollback: false, previousVersion: null };
      case 'activated':
        return { version: summary(outcome.version), activated: true, rollback: outcome.activation.rollback, previousVersion: outcome.activation.previousVersion };
    }
  }
}

function notValidated(version: number): PolicyNotValidatedError {
  return new PolicyNotValidatedError(`policy version ${version} is a draft: validate it (POST /v1/policies/recovery/${version}/validate) before activating it`);
}

function summary<T extends PolicyVersionSummary>(v: T): PolicyVersionSummary {
  const { version, name, status, author, basedOn, createdAt, validatedAt, activatedAt, activatedBy, retiredAt } = v;
  return { version, name, status, author, basedOn, createdAt, validatedAt, activatedAt, activatedBy, retiredAt };
}
