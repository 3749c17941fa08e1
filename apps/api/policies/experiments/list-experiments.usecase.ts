import { Injectable } from '@nestjs/common';
import type { Experiment } from '../../../../db/repositories/recovery-experiment.repository.js';
import { Database } from '../../database.js';

@Injectable()
export class ListExperimentsUseCase {
  constructor(private readonly db: Database) {}

  /** Newest first. */
  async execute(): Promise<{ items: Experiment[] }> {
    return { items: await this.db.recoveryExperiments().list() };
  }
}
