// Identity verification as a Temporal activity: a thin shell over policies/kyc-rules.ts. A
// failed check is a result (outcome 'fail'), not an error: the credit policy turns it into a
// decline with the right reason.
import type { LoanApplication } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { KycResult } from '../../domain/credit.js';
import { evaluateKyc } from '../../policies/kyc-rules.js';
import { loadSanctionsList, type SanctionsEntry } from '../../policies/sanctions/sanctions-list.js';

export interface KycActivitiesDeps {
  /** the screening list; the sandbox list when absent */
  sanctions?: readonly SanctionsEntry[];
}

export interface VerifyIdentityInput {
  loanId: string;
  application: LoanApplication;
  asOf: IsoDate;
}

export function createKycActivities(deps: KycActivitiesDeps = {}) {
  const sanctions = deps.sanctions ?? loadSanctionsList();
  return {
    verifyIdentity(input: VerifyIdentityInput): Promise<KycResult> {
      return Promise.resolve(evaluateKyc(input.application, input.asOf, sanctions));
    },
  };
}

export type KycActivities = ReturnType<typeof createKycActivities>;
