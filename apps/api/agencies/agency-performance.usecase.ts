// Each agency's performance over a period, in days, weeks or months: ops and compliance read every
// agency's (or one's), an agency only its own (agency-scope.ts).
import { Injectable } from '@nestjs/common';
import type { AgencyPerformance } from '../../../db/repositories/agency-performance.repository.js';
import type { Principal } from '../auth/principal.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import type { Granularity } from './agency-requests.dto.js';
import { MAX_PERFORMANCE_DAYS } from './agency-requests.dto.js';
import { agencyToRead } from './agency-scope.js';
import { performanceSpans } from './performance-spans.js';

const DAY_MS = 86_400_000;

export interface PerformanceReport {
  from: string;
  to: string;
  by: Granularity;
  agencies: AgencyPerformance[];
}

@Injectable()
export class AgencyPerformanceUseCase {
  constructor(private readonly db: Database) {}

  async execute(caller: Principal, q: { from: string; to: string; by: Granularity; agency?: string }): Promise<PerformanceReport> {
    const from = `${q.from}T00:00:00.000Z`;
    const to = `${q.to}T00:00:00.000Z`;
    if (to <= from) throw ProblemException.validation([{ field: 'to', message: 'must be after from' }]);
    if (Date.parse(to) - Date.parse(from) > MAX_PERFORMANCE_DAYS * DAY_MS) throw ProblemException.validation([{ field: 'to', message: `must be at most ${MAX_PERFORMANCE_DAYS} days after from` }]);
    const agencyId = agencyToRead(caller, q.agency);
    const agencies = await this.db.agencyPerformance().performance(agencyId, from, to, performanceSpans(q.from, q.to, q.by));
    if (agencyId !== null && agencies.length === 0) throw new ProblemException('agencyNotFound', `there is no agency ${agencyId}`);
    return { from, to, by: q.by, agencies };
  }
}
