// A borrower's reply asking to pay in instalments ("PLAN", "PLAN 3", "can I pay in 4 instalments",
// किस्त, cuotas: domain/recovery/inbound-reply.ts) proposes a repayment plan for each of their
// loans being repaid: everything owed today, in the instalments asked for (3 when the reply says
// no number), monthly from a month ahead. The proposal goes where a collector's goes
// (ProposeArrangementUseCase): within the active policy's bounds it is applied at once, outside them
// it waits for a person to approve it, so a borrower can never agree more than the policy lets a
// collector agree alone. The reply itself is recorded and told to the episode by the inbox as any
// reply is; this only acts on what it asks.
//
// Each reply proposes once per loan (its provider and ID are the request key): a provider's retry
// of the webhook, answered again, changes nothing. A failure to reach the loan is thrown, so the
// webhook is answered 5xx and the provider retries; a loan that cannot take a plan (closed, paid,
// nothing owed) is logged and left to a person.
import { Inject, Injectable } from '@nestjs/common';
import { ContactProfileRepository } from '../../../db/repositories/contact-profile.repository.js';
import type { InboundContact } from '../../../adapters/channels/contact-channels.js';
import { addMonths } from '../../../domain/calendar.js';
import { evenPlan } from '../../../domain/arrangement-schedule.js';
import { understandReply } from '../../../domain/recovery/inbound-reply.js';
import type { Orm } from '../../../db/orm.js';
import type { Logger } from '../../shared/logger.js';
import type { RecoveryContacts } from '../../shared/recovery-inbox-factory.js';
import { LoanNotFoundError, LoanNotServicingError, NoPayoffQuoteError } from '../errors.js';
import { ProblemException } from '../http/problem.js';
import { GetArrangementBasisUseCase } from '../loans/get-arrangement-basis.usecase.js';
import { LOGGER, ORM, RECOVERY_CONTACTS } from '../tokens.js';
import { ProposeArrangementUseCase } from './propose-arrangement.usecase.js';

/** The proposer a borrower's own reply is recorded as. */
export const BORROWER_REPLY = 'borrower-reply';
/** Instalments proposed when the reply asks for a plan without saying how many. */
export const DEFAULT_REPLY_INSTALMENTS = 3;

export interface PlanFromReply {
  loanId: string;
  approvalId: string;
  status: string;
}

@Injectable()
export class ProposePlanFromReplyUseCase {
  constructor(
    @Inject(ORM) private readonly orm: Orm,
    @Inject(RECOVERY_CONTACTS) private readonly contacts: RecoveryContacts | null,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly basis: GetArrangementBasisUseCase,
    private readonly propose: ProposeArrangementUseCase,
  ) {}

  async execute(message: InboundContact): Promise<PlanFromReply[]> {
    const intent = understandReply(message.body, message.receivedAt.slice(0, 10));
    if (intent.kind !== 'plan' || !this.contacts) return [];
    const profiles = new ContactProfileRepository(this.orm.em.fork(), this.contacts.cipher, this.contacts.hasher);
    const loanIds = message.channel === 'email' ? await profiles.byEmail(message.from) : await profiles.byPhone(message.from);
    const count = intent.instalments ?? DEFAULT_REPLY_INSTALMENTS;
    const proposed: PlanFromReply[] = [];
    for (const loanId of loanIds) {
      try {
        const basis = await this.basis.execute({ loanId });
        if (basis.owed.total <= 0) continue;
        const instalments = evenPlan(basis.owed.total, count, addMonths(basis.asOf, 1));
        const approval = await this.propose.execute({
          loanId,
          terms: { kind: 'plan', instalments },
          note: `asked for by the borrower's ${message.channel} reply: ${intent.instalments === null ? `no number of instalments said, ${count} proposed` : `${count} instalments`}`,
          proposedBy: BORROWER_REPLY,
          proposedByRoles: ['borrower'],
          requestKey: `reply:${message.provider}:${message.externalId}:${loanId}`,
        });
        proposed.push({ loanId, approvalId: approval.id, status: approval.status });
        this.logger.info({ loanId, approvalId: approval.id, status: approval.status, instalments: count }, 'a borrower reply proposed a repayment plan');
      } catch (err) {
        // The loan cannot take a plan now (closed, paid, not yet repaying, terms the loan refuses):
        // the reply is on the episode's timeline for a person; nothing to retry.
        if (err instanceof LoanNotFoundError || err instanceof LoanNotServicingError || err instanceof NoPayoffQuoteError || (err instanceof ProblemException && err.getStatus() < 500)) {
          this.logger.warn({ loanId, err: err.message }, 'a borrower reply asked for a plan the loan cannot take: left to a person');
          continue;
        }
        throw err;
      }
    }
    return proposed;
  }
}
