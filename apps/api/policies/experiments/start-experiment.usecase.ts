// Starts a champion/challenger experiment: from now on a hashed share of new delinquent episodes
// follows the challenger version; the rest follow the active one. The challenger is checked as
// activation would check it (a template may have left the catalogue since it was validated), so
// no episode is sent down a path that would fail at its first contact.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Experiment } from '../../../../db/repositories/recovery-experiment.repository.js';
import { MAX_SHARE_BPS } from '../../../../policies/recovery/experiment-arm.js';
import { Database } from '../../database.js';
import { ChallengerNotEligibleError, ExperimentRunningError, InvalidPolicyError, UnprocessableFieldsError } from '../../errors.js';
import { checkPolicyVersion } from '../check-policy-version.js';
import { PolicyContextSource } from '../policy-context.source.js';
import type { StartExperimentCommand } from './start-experiment.command.js';

@Injectable()
export class StartExperimentUseCase {
  constructor(
    private readonly db: Database,
    private readonly context: PolicyContextSource,
  ) {}

  async execute({ challengerVersion, shareBps, by, note }: StartExperimentCommand): Promise<Experiment> {
    if (shareBps < 0 || shareBps > MAX_SHARE_BPS) throw new UnprocessableFieldsError([{ field: 'shareBps', message: `must be from 0 to ${MAX_SHARE_BPS} basis points of new episodes` }]);
    const policies = this.db.recoveryPolicies();
    const stored = await policies.find(challengerVersion);
    if (!stored) throw noSuchVersion(challengerVersion);
    if (stored.status === 'draft') throw notValidated(challengerVersion);
    if (stored.status === 'active') throw isActive(challengerVersion);
    const { errors, warnings } = checkPolicyVersion(stored, await this.context.current());
    if (errors.length > 0) {
      await policies.recordValidation(challengerVersion, { errors, warnings });
      throw new InvalidPolicyError(`policy version ${challengerVersion} no longer validates (${errors.length} fault${errors.length === 1 ? '' : 's'}): no experiment was started`, errors);
    }
    const started = await this.db.recoveryExperiments().start({ id: randomUUID(), challengerVersion, shareBps, by, note });
    switch (started.outcome) {
      case 'started':
        return started.experiment;
      case 'version_not_found':
        throw noSuchVersion(challengerVersion);
      case 'not_validated':
        throw notValidated(challengerVersion);
      case 'is_active':
        throw isActive(challengerVersion);
      case 'another_running':
        throw new ExperimentRunningError(`experiment ${started.running.id} (challenger version ${started.running.challengerVersion}) is running: promote or stop it first`);
    }
  }
}

const noSuchVersion = (version: number) => new UnprocessableFieldsError([{ field: 'challengerVersion', message: `there is no escalation-policy version ${version}` }]);
const notValidated = (version: number) => new ChallengerNotEligibleError(`policy version ${version} is a draft: validate it (POST /v1/policies/recovery/${version}/validate) before testing it`);
const isActive = (version: number) => new ChallengerNotEligibleError(`policy version ${version} is the active version, the champion itself: a challenger is another validated version`);
