// Activating an escalation-policy version (a rollback too), or promoting an experiment's
// challenger, changes what every delinquent borrower is sent: a second person approves it. The
// request is checked as the activation will be (the version exists, is validated and still
// validates; the experiment is running), then recorded pending (one per version: asking again
// answers the one waiting, whoever asked). Approved (approvals/), it runs through the one
// activation path. Asking for the active version changes nothing and needs nobody.
import { Injectable } from '@nestjs/common';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import { Database } from '../database.js';
import { ExperimentEndedError, ExperimentNotFoundError, InvalidPolicyError, PolicyNotValidatedError, PolicyVersionNotFoundError } from '../errors.js';
import { checkPolicyVersion } from './check-policy-version.js';
import { PolicyContextSource } from './policy-context.source.js';

export interface RequestPolicyActivationCommand {
  version?: number;
  /** a promotion: the experiment whose challenger becomes active */
  experimentId?: string;
  reason?: string;
  proposedBy: string;
  proposedByRoles: readonly string[];
  requestKey: string;
}

export type ActivationRequest = { outcome: 'already_active'; version: number } | { outcome: 'pending'; approval: ApprovalRecord };

export const ACTIVATION_NEEDS_CHECKER = 'every policy activation needs a second person';

@Injectable()
export class RequestPolicyActivationUseCase {
  constructor(
    private readonly db: Database,
    private readonly context: PolicyContextSource,
  ) {}

  async execute({ experimentId, reason, proposedBy, proposedByRoles, requestKey, ...rest }: RequestPolicyActivationCommand): Promise<ActivationRequest> {
    let version = rest.version;
    if (experimentId !== undefined) {
      const experiment = await this.db.recoveryExperiments().find(experimentId);
      if (!experiment) throw new ExperimentNotFoundError(experimentId);
      if (experiment.status === 'stopped') throw new ExperimentEndedError(`experiment ${experimentId} was stopped: it cannot be promoted (activate its version with POST /v1/policies/recovery/:version/activate, or start a new experiment)`);
      if (experiment.status === 'promoted') return { outcome: 'already_active', version: experiment.challengerVersion };
      version = experiment.challengerVersion;
    }
    if (version === undefined) throw new Error('a policy activation names a version or an experiment');
    const repo = this.db.recoveryPolicies();
    const stored = await repo.find(version);
    if (!stored) throw new PolicyVersionNotFoundError(version);
    if (stored.status === 'active' && experimentId === undefined) return { outcome: 'already_active', version };
    if (stored.status === 'draft') throw new PolicyNotValidatedError(`policy version ${version} is a draft: validate it (POST /v1/policies/recovery/${version}/validate) before asking to activate it`);
    if (stored.status !== 'active') {
      const { errors, warnings } = checkPolicyVersion(stored, await this.context.current());
      if (errors.length > 0) {
        await repo.recordValidation(version, { errors, warnings });
        throw new InvalidPolicyError(`policy version ${version} no longer validates (${errors.length} fault${errors.length === 1 ? '' : 's'}): its activation was not requested`, errors);
      }
    }
    const reasons = [stored.status === 'retired' ? `${ACTIVATION_NEEDS_CHECKER} (this one is a rollback to version ${version})` : ACTIVATION_NEEDS_CHECKER];
    const proposed = await this.db.approvals().propose({
      kind: 'policy_activation',
      policyVersion: version,
      ...(experimentId !== undefined ? { experimentId } : {}),
      payload: { ...(reason !== undefined ? { reason } : {}), fromStatus: stored.status },
      reasons,
      status: 'pending',
      proposedBy,
      proposedByRoles,
      requestKey,
    });
    return { outcome: 'pending', approval: proposed.approval };
  }
}
