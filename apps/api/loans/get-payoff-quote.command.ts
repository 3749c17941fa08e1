import type { CaseScope } from '../../../db/repositories/case-scope.js';
export interface GetPayoffQuoteCommand {
  loanId: string;
  scope: CaseScope;
  /** YYYY-MM-DD; today when absent */
  asOf?: string;
}
