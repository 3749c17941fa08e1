// Letters through Lob's print-and-mail API with the official SDK. The delivery key goes twice: as
// the Idempotency-Key of the create (Lob answers a repeated key with the letter it already made,
// for 24 hours) and in the letter's metadata, by which find() lists a letter whose answer was lost
// for as long as Lob keeps it. Lob's list is consistent when it answers (no search index to lag),
// so "not found" is "not made"; and a resend under the same key cannot make a second letter
// within the day anyway.
//
// Why the list call passes its filters as request params: the SDK (1.4.2) sends `metadata` and
// `date_created` as one JSON-encoded query value (`metadata={"delivery_key":"…"}`), while Lob's
// OpenAPI document defines both as deepObject parameters (`metadata[delivery_key]=…`,
// `date_created[gte]=…`). The filters are handed to the SDK's HTTP client in the documented form
// (axios writes nested params that way); everything else is the SDK as it ships.
import type { Letter, LetterEditable } from '@lob/lob-typescript-sdk';
import type { ContactChannel, LetterRecipient, OutboundContact, SendReceipt } from '../channels/contact-channels.js';
import { createLettersApi, type LobClientOptions } from './lob-client.js';
import { mapLobError } from './lob-errors.js';

export const DELIVERY_KEY_METADATA = 'delivery_key';

/** The return address printed on every letter, as Lob's address object writes it (US: Lob mails from the US). */
export interface LobReturnAddress {
  name: string;
  address_line1: string;
  address_line2?: string;
  address_city: string;
  address_state: string;
  address_zip: string;
}

export interface LobChannelOptions extends LobClientOptions {
  from: LobReturnAddress;
  /** how far Lob's clock may run behind ours (default 10 s): find() looks from the claim less this */
  clockSkewMs?: number;
}

type LetterContact = Extract<OutboundContact, { channel: 'letter' }>;

/** A letter as Lob reports it (GET /v1/letters/:id): its ID, the key it was sent under, and where it is in the post. */
export interface LetterView {
  id: string;
  deliveryKey: string | null;
  expectedDeliveryDate: string | null;
  trackingEvents: string[];
}

export class LobChannel implements ContactChannel {
  readonly channels = ['letter'] as const;
  private readonly letters;
  private readonly clockSkewMs: number;

  constructor(
    private readonly options: LobChannelOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.letters = createLettersApi(options);
    this.clockSkewMs = options.clockSkewMs ?? 10_000;
  }

  async send(contact: OutboundContact): Promise<SendReceipt> {
    const letter = asLetter(contact);
    const request = {
      description: letter.description,
      to: recipient(letter.to),
      from: { ...this.options.from },
      file: letter.html,
      color: false,
      double_sided: true,
      address_placement: 'top_first_page',
      // A notice about a debt the borrower owes, not marketing (Lob's use_type).
      use_type: 'operational',
      mail_type: 'usps_first_class',
      metadata: { [DELIVERY_KEY_METADATA]: letter.deliveryKey },
    } as unknown as LetterEditable;
    let made: Letter;
    try {
      made = await this.letters.create(request, letter.deliveryKey);
    } catch (error) {
      throw mapLobError(error, `the letter ${letter.deliveryKey}`);
    }
    return { provider: 'lob', externalId: made.id, at: made.date_created ?? new Date(this.now()).toISOString() };
  }

  /** Lob's letters with our delivery key in their metadata, made since the delivery was claimed: the newest, or null when Lob made none. */
  async find(contact: OutboundContact, claimedAt: string): Promise<SendReceipt | null> {
    const letter = asLetter(contact);
    const since = new Date(Date.parse(claimedAt) - this.clockSkewMs).toISOString();
    const params = { metadata: { [DELIVERY_KEY_METADATA]: letter.deliveryKey }, date_created: { gte: since } };
    let found: Letter | undefined;
    try {
      const page = await this.letters.list(10, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, { params });
      found = page.data?.find((l) => l.metadata?.[DELIVERY_KEY_METADATA] === letter.deliveryKey);
    } catch (error) {
      throw mapLobError(error, `the letter look-up for ${letter.deliveryKey}`);
    }
    return found ? { provider: 'lob', externalId: found.id, at: found.date_created } : null;
  }

  /** One letter as Lob holds it now. */
  async get(letterId: string): Promise<LetterView> {
    let letter: Letter;
    try {
      letter = await this.letters.get(letterId);
    } catch (error) {
      throw mapLobError(error, `the letter ${letterId}`);
    }
    return {
      id: letter.id,
      deliveryKey: letter.metadata?.[DELIVERY_KEY_METADATA] ?? null,
      expectedDeliveryDate: letter.expected_delivery_date ?? null,
      trackingEvents: (letter.tracking_events ?? []).map((e) => String(e.name)),
    };
  }
}

/** Lob's inline address from the profile's: the region is the state (US) or province, the postal code the ZIP. */
function recipient(to: LetterRecipient): Record<string, string> {
  const { address } = to;
  return {
    name: to.name.slice(0, 40),
    address_line1: address.line1,
    address_city: address.city,
    address_state: address.region,
    address_zip: address.postalCode,
    address_country: address.country,
  };
}

function asLetter(contact: OutboundContact): LetterContact {
  if (contact.channel !== 'letter') throw new Error(`Lob posts letters only, not ${contact.channel}`);
  return contact;
}
