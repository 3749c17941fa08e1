import type { CaseScope } from '../../../db/repositories/case-scope.js';
export interface GetLoanCommand {
  loanId: string;
  /** the reader's scope: a collector reads only the loans of their cases (auth/scope.ts) */
  scope: CaseScope;
}
