// What the recovery workflow asks before and after sending a notice the law requires: whether the
// borrower is owed the validation information in writing (a first communication by phone carried
// none, 12 CFR 1006.34(a)(1)), whether a loan's original creditor is known (only that: its name and
// address stay out of Temporal's history, and the dispatcher reads them when it renders the
// answer), and that the answer went out, which lifts the hold the request put on collection
// (1006.38(c)). Reads and idempotent writes: a retry changes nothing twice.
import type { Orm } from '../../db/orm.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository, type ContactLookupHasher, type FieldSealer } from '../../db/repositories/contact-profile.repository.js';
import { OriginalCreditorRepository, type CreditorIdentity } from '../../db/repositories/original-creditor.repository.js';
import { writtenInformationDue } from '../../policies/compliance/validation-window.js';

export interface ValidationNoticeDue {
  disclosure: string;
  citation: string;
  firstCommunicationAt: number;
  dueBy: number;
}

export function createRecoveryNoticeActivities(deps: { orm: Orm; cipher: FieldSealer; hasher: ContactLookupHasher; lender: CreditorIdentity }) {
  const profiles = () => new ContactProfileRepository(deps.orm.em.fork(), deps.cipher, deps.hasher);
  return {
    /** Null when nothing is owed: no communication yet, one that carried it, or a pack without the rule. */
    async validationNoticeDue(command: { loanId: string }): Promise<ValidationNoticeDue | null> {
      const em = deps.orm.em.fork();
      const [row] = await em.execute<{ country: string }[]>(`select country from contact_profiles where loan_id = ?`, [command.loanId]);
      if (!row) return null;
      return writtenInformationDue(String(row.country), await new ContactDeliveryRepository(em).history(command.loanId));
    },

    async originalCreditorKnown(command: { loanId: string }): Promise<{ known: true; source: 'recorded' | 'lender' } | { known: false; reason: string }> {
      const found = await new OriginalCreditorRepository(deps.orm.em.fork()).find(command.loanId, deps.lender);
      return found.known ? { known: true, source: found.source } : { known: false, reason: found.reason };
    },

    /** The answer went out: the request no longer holds collection. Nothing when no request is open (a retry). */
    async originalCreditorProvided(command: { loanId: string; deliveryKey: string; at: string }): Promise<void> {
      const repo = profiles();
      const profile = await repo.find(command.loanId);
      if (!profile?.originalCreditor.requested) return;
      await repo.recordStandingChange(command.loanId, { change: 'original_creditor_provided' }, { source: 'recovery', sourceRef: command.deliveryKey, actor: null, reason: "the original creditor's name and address were sent", at: command.at });
    },
  };
}

export type RecoveryNoticeActivities = ReturnType<typeof createRecoveryNoticeActivities>;
