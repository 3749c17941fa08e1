// Fraud screening: records this application's identifiers, counts velocity and sharing across
// earlier applications, compares the applicant with the bureau's subject, and lets the pure
// rules in policies/fraud-rules.ts weigh it all.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { LoanApplication } from '../../domain/application.js';
import type { FraudAssessment } from '../../domain/credit.js';
import type { BureauReport } from '../../domain/credit-data.js';
import { assessFraud, matchIdentity } from '../../policies/fraud-rules.js';
import { ApplicationIdentifierRepository, type PresentedIdentifier } from '../../db/repositories/application-identifier.repository.js';
import type { IdentifierHasher } from './identifier-hasher.js';

export interface ScreenForFraudInput {
  loanId: string;
  application: LoanApplication;
  bureau?: BureauReport;
  /** when the application was submitted (ISO instant): the reference time for velocity windows */
  submittedAt: string;
}

export function createFraudActivities(deps: { orm: MikroORM; hasher: IdentifierHasher }) {
  return {
    async screenForFraud(input: ScreenForFraudInput): Promise<FraudAssessment> {
      const repo = new ApplicationIdentifierRepository(deps.orm.em.fork());
      const person = deps.hasher.personHash(input.application);
      const ids = deps.hasher.identifiers(input.application);
      await repo.record(input.loanId, person, input.submittedAt, ids);
      const find = (kind: PresentedIdentifier['kind']) => ids.find((i) => i.kind === kind);
      const sharing = async (kind: PresentedIdentifier['kind']) => {
        const id = find(kind);
        return id ? repo.otherPeopleSharing(person, id, input.submittedAt) : 0;
      };
      const device = find('device');
      return assessFraud({
        identity: matchIdentity(input.application.applicant, input.bureau?.hit ? input.bureau.subject : undefined),
        velocity: {
          applicationsSameNationalId30d: await repo.otherApplicationsSince(input.loanId, ids[0]!, input.submittedAt, 30 * 24),
          applicationsSameDevice24h: device ? await repo.otherApplicationsSince(input.loanId, device, input.submittedAt, 24) : 0,
        },
        shared: {
          phoneSharedWithOtherIds: await sharing('phone'),
          deviceSharedWithOtherIds: await sharing('device'),
          bankAccountSharedWithOtherIds: await sharing('bank_account'),
          emailSharedWithOtherIds: await sharing('email'),
        },
      });
    },
  };
}

export type FraudActivities = ReturnType<typeof createFraudActivities>;
