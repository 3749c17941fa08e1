// Stops an experiment: new episodes follow the active version only. Episodes already on the
// challenger keep following it to their end (the workflow holds its arm), so their outcomes stay
// comparable and no path is switched half-way. Stopping it again changes nothing.
import { Injectable } from '@nestjs/common';
import type { Experiment } from '../../../../db/repositories/recovery-experiment.repository.js';
import { Database } from '../../database.js';
import { ExperimentEndedError, ExperimentNotFoundError } from '../../errors.js';
import type { EndExperimentCommand } from './end-experiment.command.js';

@Injectable()
export class StopExperimentUseCase {
  constructor(private readonly db: Database) {}

  async execute({ id, by }: EndExperimentCommand): Promise<Experiment> {
    const ended = await this.db.recoveryExperiments().end(id, 'stopped', by);
    switch (ended.outcome) {
      case 'not_found':
        throw new ExperimentNotFoundError(id);
      case 'ended_otherwise':
        throw new ExperimentEndedError(`experiment ${id} was promoted: its challenger is the active version now`);
      case 'ended':
      case 'already':
        return ended.experiment;
    }
  }
}
