import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { LoanFilter, LoanPosition } from '../../../db/repositories/loan-read.repository.js';

export interface ListLoansCommand {
  filter: LoanFilter;
  after: LoanPosition | null;
  limit: number;
  scope: CaseScope;
}
