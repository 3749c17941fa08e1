import type { ArrangementCommand } from '../../../domain/arrangements.js';

/** An arrangement approved by the proposals' maker-checker flow, to be applied to the loan. */
export interface ApplyArrangementCommand {
  loanId: string;
  arrangement: ArrangementCommand;
}
