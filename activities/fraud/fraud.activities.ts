// Fraud screening: records this application's identifiers, counts velocity and sharing across
// earlier applications, compares the applicant with the bureau's subject, scores the
// fraud-anomaly model, looks for a fraud ring in the identifier graph around the application,
// and lets the pure rules in policies/fraud-rules.ts weigh it all.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { LoanApplication } from '../../domain/application.js';
import type { FraudAssessment } from '../../domain/credit.js';
import type { BureauReport } from '../../domain/credit-data.js';
import { fraudRecord, FRAUD_ANOMALY_MODEL } from '../../models/fraud-anomaly/index.js';
import { detectRings, type IdentifierKind, type RingApplication } from '../../models/fraud-rings/index.js';
import type { ModelRegistry } from '../../models/registry/index.js';
import { extractFeatures, type StatementSummary } from '../../models/scorecard/index.js';
import { assessFraud, matchIdentity, velocityBeyondTolerance, type FraudInput } from '../../policies/fraud-rules.js';
import { ApplicationIdentifierRepository, type PresentedIdentifier } from '../../db/repositories/application-identifier.repository.js';
import type { IdentifierHasher } from './identifier-hasher.js';

export interface ScreenForFraudInput {
  loanId: string;
  application: LoanApplication;
  bureau?: BureauReport;
  /** the bank statement's summary, when there is one: declared against verified income */
  statement?: StatementSummary;
  /** when the application was submitted (ISO instant): the reference time for velocity windows */
  submittedAt: string;
}

/** Applications read around one screening: a ring is small; a hub (a café's device) must not make it expensive. */
export const RING_NEIGHBOURHOOD_LIMIT = 2000;

export function createFraudActivities(deps: { orm: MikroORM; hasher: IdentifierHasher; models: ModelRegistry }) {
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
      const counts: Pick<FraudInput, 'identity' | 'velocity' | 'shared'> = {
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
      };
      const submittedOn = input.submittedAt.slice(0, 10);
      const features = extractFeatures(input.application, input.bureau, input.statement?.features, submittedOn);
      const [anomaly] = await deps.models.score(FRAUD_ANOMALY_MODEL, [fraudRecord({ ...counts, velocity: velocityBeyondTolerance(counts.velocity) }, features, input.application, submittedOn)], { subject: input.loanId });
      const threshold = deps.models.champion(FRAUD_ANOMALY_MODEL).runtime.card.threshold?.value;
      const ring = await ringOf(repo, input.loanId, input.submittedAt);
      return assessFraud({
        ...counts,
        ...(anomaly?.score.task === 'anomaly' && threshold !== undefined ? { anomaly: { score: anomaly.score.score, threshold, model: `${FRAUD_ANOMALY_MODEL}@${anomaly.version}` } } : {}),
        ...(ring ? { ring } : {}),
      });
    },
  };
}

/** The flagged ring this application is a member of, from the identifier graph two hops around it. */
async function ringOf(repo: ApplicationIdentifierRepository, loanId: string, at: string): Promise<FraudInput['ring']> {
  const rows = await repo.neighbourhood(loanId, at, RING_NEIGHBOURHOOD_LIMIT);
  const byLoan = new Map<string, RingApplication & { identifiers: { kind: IdentifierKind; value: string }[] }>();
  for (const row of rows) {
    const app = byLoan.get(row.loanId) ?? { applicationId: row.loanId, personId: row.personHash, identifiers: [] };
    app.identifiers.push({ kind: row.kind as IdentifierKind, value: row.valueHash });
    byLoan.set(row.loanId, app);
  }
  const detection = detectRings([...byLoan.values()]);
  const mine = detection.applications.find((a) => a.applicationId === loanId);
  const ring = mine?.ringId ? detection.rings.find((r) => r.ringId === mine.ringId) : undefined;
  return ring && { ringId: ring.ringId, people: ring.people, score: ring.score, sharedKinds: [...ring.sharedKinds] };
}

export type FraudActivities = ReturnType<typeof createFraudActivities>;
