// The one-click unsubscribe (RFC 8058) a borrower's mail client, or the borrower on our page,
// posts for one of our emails: the inbox records an email opt-out for that loan and tells its
// running episode. Every key is answered alike, known or not, since the answer must not tell
// anyone which keys (and so which borrowers) exist.
import { Injectable } from '@nestjs/common';
import { ContactRecords } from './contact-records.js';

/** A delivery key is at most this long (contact_deliveries.delivery_key); a longer one is nobody's. */
const MAX_KEY_LENGTH = 120;

@Injectable()
export class UnsubscribeUseCase {
  constructor(private readonly records: ContactRecords) {}

  async execute(command: { deliveryKey: string }): Promise<void> {
    const { inbox } = this.records.contacts;
    if (command.deliveryKey.length === 0 || command.deliveryKey.length > MAX_KEY_LENGTH) return;
    await inbox.unsubscribe({ deliveryKey: command.deliveryKey, receivedAt: new Date().toISOString() });
  }
}
