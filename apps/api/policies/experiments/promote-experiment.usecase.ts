// Promotes the challenger: its version becomes the active one through the one activation path
// (checked again, the old version retired, the activation logged), then the experiment ends as
// promoted. Every episode then follows the promoted version: the champion's at its next step, the
// challenger's as before. Promoting it again changes nothing; a stopped experiment is not promoted.
import { Injectable } from '@nestjs/common';
import type { Experiment } from '../../../../db/repositories/recovery-experiment.repository.js';
import { Database } from '../../database.js';
import { ExperimentEndedError, ExperimentNotFoundError } from '../../errors.js';
import { ActivatePolicyVersionUseCase, type PolicyActivationResult } from '../activate-policy-version.usecase.js';
import type { EndExperimentCommand } from './end-experiment.command.js';

export interface ExperimentPromotion {
  experiment: Experiment;
  /** null when it had been promoted before */
  activation: PolicyActivationResult | null;
}

@Injectable()
export class PromoteExperimentUseCase {
  constructor(
    private readonly db: Database,
    private readonly activate: ActivatePolicyVersionUseCase,
  ) {}

  async execute({ id, by }: EndExperimentCommand): Promise<ExperimentPromotion> {
    const repo = this.db.recoveryExperiments();
    const experiment = await repo.find(id);
    if (!experiment) throw new ExperimentNotFoundError(id);
    if (experiment.status === 'promoted') return { experiment, activation: null };
    if (experiment.status === 'stopped') throw stopped(id);
    const activation = await this.activate.execute({ version: experiment.challengerVersion, by });
    const ended = await repo.end(id, 'promoted', by);
    switch (ended.outcome) {
      case 'not_found':
        throw new ExperimentNotFoundError(id);
      case 'ended_otherwise':
        // Stopped between the check and the activation: the version is active all the same, as this says.
        throw new ExperimentEndedError(`experiment ${id} was stopped while it was being promoted; version ${experiment.challengerVersion} was activated`);
      case 'ended':
      case 'already':
        return { experiment: ended.experiment, activation };
    }
  }
}

const stopped = (id: string) => new ExperimentEndedError(`experiment ${id} was stopped: it cannot be promoted (activate its version with POST /v1/policies/recovery/:version/activate, or start a new experiment)`);
