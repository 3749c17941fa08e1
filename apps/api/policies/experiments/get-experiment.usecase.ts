// One experiment with its outcomes per arm as of now (experiment-report.ts says what each figure
// counts): it keeps reporting after the experiment ends, as its episodes run on.
import { Injectable } from '@nestjs/common';
import { Database } from '../../database.js';
import { ExperimentNotFoundError } from '../../errors.js';
import { experimentReport, type ExperimentReport } from './experiment-report.js';

@Injectable()
export class GetExperimentUseCase {
  constructor(private readonly db: Database) {}

  async execute({ id, asOf }: { id: string; asOf: Date }): Promise<ExperimentReport> {
    const repo = this.db.recoveryExperiments();
    const experiment = await repo.find(id);
    if (!experiment) throw new ExperimentNotFoundError(id);
    return experimentReport(experiment, await repo.outcomes(id, asOf.toISOString()), asOf.toISOString());
  }
}
