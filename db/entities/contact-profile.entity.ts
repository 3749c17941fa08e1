// A borrower's contact profile, one per loan: where and how recovery may reach them, and the
// standing the compliance gate judges every contact by (opt-outs, wrong numbers, flags, an open
// dispute, a request for the original creditor awaiting its answer). Name, phone, email and postal
// address are sealed by the field cipher (apps/shared/crypto); the keyed
// hashes of the normalised phone and email find a loan from an inbound message's sender.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ContactProfile = defineEntity({
  name: 'ContactProfile',
  tableName: 'contact_profiles',
  indexes: [{ properties: ['phoneHash'] }, { properties: ['emailHash'] }],
  properties: {
    loanId: p.uuid().primary(),
    nameSealed: p.text(),
    phoneSealed: p.text().nullable(),
    emailSealed: p.text().nullable(),
    /** the postal address letters go to (JSON of domain/application.ts's Address), sealed; null for profiles written before letters */
    postalAddressSealed: p.text().nullable(),
    phoneHash: p.string().length(64).nullable(),
    emailHash: p.string().length(64).nullable(),
    language: p.string().length(2),
    country: p.string().length(2),
    timeZone: p.string().length(64).nullable(),
    contactConsent: p.boolean(),
    automatedConsent: p.boolean(),
    optedOutOfAll: p.boolean().default(false),
    optedOutChannels: p.json<string[]>(),
    wrongNumberChannels: p.json<string[]>(),
    bankruptcy: p.boolean().default(false),
    deceased: p.boolean().default(false),
    disputeOpen: p.boolean().default(false),
    disputeOpenedAt: p.datetime().nullable(),
    disputeVerifiedAt: p.datetime().nullable(),
    disputeVerifiedBy: p.string().length(100).nullable(),
    timeBarred: p.boolean().default(false),
    /** the borrower asked for the original creditor's name and address and has not had them (12 CFR 1006.38(c)): collection stops */
    originalCreditorRequested: p.boolean().default(false),
    originalCreditorRequestedAt: p.datetime().nullable(),
    /** when the answer last went out (the delivery is in contact_deliveries) */
    originalCreditorProvidedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type IContactProfile = InferEntity<typeof ContactProfile>;
