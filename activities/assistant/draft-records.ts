// What a draft is made from, read from the loan's records only: the borrower's first name,
// language, country and standing from the contact profile (sealed fields opened here), the
// amount due, its date and the balance from the loan's read model (which the loan workflow writes
// from its ledger), the recovery segment from the loan's latest episode, the latest promise to pay
// still open from its timeline, the contact history the gate counts, and who is writing from settings.
import type { EntityManager } from '@mikro-orm/postgresql';
import { borrowerPageUrl } from '../recovery-contact/borrower-page-link.js';
import { unsubscribeUrl } from '../recovery-contact/outbound-contact.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository, type ContactLookupHasher, type FieldSealer } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryPolicyRepository } from '../../db/repositories/recovery-policy.repository.js';
import { LoanReadRepository } from '../../db/repositories/loan-read.repository.js';
import type { ContactLanguage } from '../../domain/application.js';
import { DraftRecordsMissing, type DraftInputs } from '../../rag/drafting/draft-message.js';
import type { DraftChannel, DraftPurpose } from '../../rag/drafting/draft-types.js';
import type { RecoveryIdentity } from '../../apps/shared/config.js';

/** What opens the profile and signs the links, and who the messages say is writing. */
export interface DraftRecordsDeps {
  cipher: FieldSealer;
  hasher: ContactLookupHasher;
  identity: RecoveryIdentity;
  /** where borrowers pay and read notices */
  publicBaseUrl: string;
}

export class LoanNotFoundForDraft extends Error {
  override readonly name = 'LoanNotFoundForDraft';
  constructor(readonly loanId: string) {
    super(`there is no loan ${loanId}`);
  }
}

export async function draftInputs(
  em: EntityManager,
  deps: DraftRecordsDeps,
  request: { loanId: string; channel: DraftChannel; purpose: DraftPurpose; language: ContactLanguage | null; at: number },
): Promise<DraftInputs> {
  const { loanId } = request;
  const loan = await new LoanReadRepository(em).find(loanId);
  if (!loan) throw new LoanNotFoundForDraft(loanId);
  const profile = await new ContactProfileRepository(em, deps.cipher, deps.hasher).find(loanId);
  if (!profile) throw new DraftRecordsMissing('the loan has no contact profile: no name, language or standing to write with');
  const today = new Date(request.at).toISOString().slice(0, 10);
  const unpaid = (loan.snapshot.schedule ?? []).filter((l) => l.amountPaid < l.amountDue);
  const overdue = unpaid.filter((l) => l.dueDate <= today);
  // What is due: every instalment past its date, else the next one.
  const due = overdue.length > 0 ? overdue : unpaid.slice(0, 1);
  const [episode] = await em.execute<{ segment: string | null; workflow_id: string }[]>(`select segment, workflow_id from recovery_episodes where loan_id = ? order by episode desc limit 1`, [loanId]);
  const [promise] = episode
    ? await em.execute<{ data: unknown }[]>(
        // Only a promise still open: one since kept or broken is not there to confirm ("thank you for promising" a promise already broken is false).
        `select m.data from recovery_actions m where m.workflow_id = ? and m.kind = 'promise_made'
           and not exists (select 1 from recovery_actions e where e.workflow_id = m.workflow_id and e.kind in ('promise_kept', 'promise_broken') and e.data->>'promiseId' = m.data->>'promiseId')
         order by m.seq desc limit 1`,
        [episode.workflow_id],
      )
    : [];
  const promiseData = (typeof promise?.data === 'string' ? JSON.parse(promise.data) : promise?.data) as { amountMinor?: number; dueOn?: string } | undefined;
  const history = await new ContactDeliveryRepository(em).history(loanId);
  // The caps a send on this channel would be judged by now: the active policy's (a draft's verdict is the send's).
  const policy = await new RecoveryPolicyRepository(em).activePolicy();
  const links = { publicBaseUrl: deps.publicBaseUrl };
  const recovery = deps.identity;
  return {
    purpose: request.purpose,
    channel: request.channel,
    language: request.language,
    records: {
      loanId,
      firstName: profile.name.trim().split(/\s+/)[0] ?? profile.name,
      currency: loan.snapshot.currency,
      amountDueMinor: due.reduce((sum, l) => sum + (l.amountDue - l.amountPaid), 0),
      outstandingMinor: loan.snapshot.outstandingTotal,
      dueOn: due[0]?.dueDate ?? null,
      lender: { name: recovery.lenderName, agent: recovery.agentName },
      collector: { name: recovery.collector.legalName, address: recovery.collector.mailingAddress, phone: recovery.collector.phone, hours: recovery.collector.hours },
      links: { pay: borrowerPageUrl(deps.hasher, links.publicBaseUrl, 'pay', loanId), validation: borrowerPageUrl(deps.hasher, links.publicBaseUrl, 'validation', loanId) },
      language: profile.language,
      country: profile.country,
      segment: episode?.segment ?? null,
      thinFile: loan.snapshot.decision?.thinFile ?? null,
      promise: promiseData?.amountMinor !== undefined && promiseData.dueOn ? { amountMinor: promiseData.amountMinor, dueOn: promiseData.dueOn } : null,
    },
    standing: profile.standing,
    history,
    weeklyCaps: policy?.document.settings.weeklyCaps ?? {},
    at: request.at,
    unsubscribeUrl: unsubscribeUrl(links, `draft-${loanId}`),
  };
}
