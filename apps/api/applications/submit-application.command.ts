import type { LoanApplication } from '../../../domain/application.js';

export interface SubmitApplicationCommand {
  application: LoanApplication;
  /** the client's Idempotency-Key header; without one every request is a new loan */
  idempotencyKey?: string;
  /** answer with the decision when it comes within the API's bound */
  waitForDecision: boolean;
}
