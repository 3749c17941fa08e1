// The recovery endpoints' way to borrowers' contact records: the profile repository with the keys
// that open it, the dead letters, the inbox's standing path and the notifier that tells running
// episodes. Given to createApi as recoveryContacts; an API started without them answers these
// endpoints 503 (nothing else depends on them).
import { Inject, Injectable } from '@nestjs/common';
import type { Orm } from '../../../db/orm.js';
import { ContactDeadLetterRepository, type DeadLetter } from '../../../db/repositories/contact-dead-letter.repository.js';
import { ContactProfileRepository } from '../../../db/repositories/contact-profile.repository.js';
import type { RecoveryContacts } from '../../shared/recovery-inbox-factory.js';
import { ProblemException } from '../http/problem.js';
import { deadLetterView, type DeadLetterView } from './contact-views.js';
import { ORM, RECOVERY_CONTACTS } from '../tokens.js';

@Injectable()
export class ContactRecords {
  constructor(
    @Inject(ORM) readonly orm: Orm,
    @Inject(RECOVERY_CONTACTS) private readonly given: RecoveryContacts | null,
  ) {}

  /** whether the contact keys were given (the call assist reads the standing only then) */
  get contactsConfigured(): boolean {
    return this.given !== null;
  }

  get contacts(): RecoveryContacts {
    if (!this.given) throw new ProblemException('dependencyUnavailable', 'no contact keys are configured for the recovery endpoints');
    return this.given;
  }

  profiles(): ContactProfileRepository {
    const { cipher, hasher } = this.contacts;
    return new ContactProfileRepository(this.orm.em.fork(), cipher, hasher);
  }

  deadLetters(): ContactDeadLetterRepository {
    return new ContactDeadLetterRepository(this.orm.em.fork());
  }

  /** The letter with the address it was for, masked. */
  async deadLetterView(letter: DeadLetter): Promise<DeadLetterView> {
    return deadLetterView(letter, await this.profiles().find(letter.loanId));
  }
}
