import { describe, expect, it } from '@jest/globals';
import { CONTACT_LANGUAGES } from '../../domain/application.js';
import { DRAFT_CHANNELS, DRAFT_PURPOSES, DRAFT_TONES } from './draft-types.js';
import { composeDraftOffline } from './offline-draft-composer.js';
import { unsourcedNames } from './unsourced-names.js';

const RECORDED = ['Priya', 'Credence Finance', 'Credence Collections'];
const names = (text: string) => unsourcedNames(text, RECORDED).map((p) => p.text);

describe('names a composer wrote itself', () => {
  it('are found: another first name in the greeting, a person or company mid-sentence, an honorific and a name in Hindi', () => {
    expect(names('Dear Rahul, your payment of {amountDue} is due on {dueDate}.')).toEqual(['Rahul']);
    expect(names('Hi {firstName}, please call Mr Sharma at Acme Recoveries about {amountDue}.')).toEqual(['Mr', 'Sharma', 'Acme', 'Recoveries']);
    expect(names('Hola Carlos: su pago de {amountDue} vence el {dueDate}.')).toEqual(['Carlos']);
    expect(names('नमस्ते राहुल, कृपया {paymentLink} पर भुगतान करें।')).toEqual(['राहुल']);
    expect(names('प्रिय {firstName}, श्री शर्मा आपसे संपर्क करेंगे।')).toEqual(['शर्मा']);
    expect(names('नमस्ते {firstName}, राहुल जी आपसे बात करेंगे।')).toEqual(['राहुल']);
  });

  it('are not found where the records gave them or the sentence opens with them', () => {
    expect(names('Hi {firstName}, a short note from {lenderName}: {amountDue} was due on {dueDate}. You can pay at {paymentLink}')).toEqual([]);
    expect(names('Dear Priya, Credence Finance here. Please pay at {paymentLink}')).toEqual([]);
    expect(names('नमस्ते {firstName} जी, कृपया {paymentLink} पर भुगतान करें।')).toEqual([]);
  });

  it('are not found in any phrase-bank draft, in any language, tone, purpose or channel', () => {
    for (const language of CONTACT_LANGUAGES)
      for (const purpose of DRAFT_PURPOSES)
        for (const tone of DRAFT_TONES)
          for (const channel of DRAFT_CHANNELS) {
            const d = composeDraftOffline({ language, purpose, tone, channel });
            expect({ language, purpose, tone, channel, problems: unsourcedNames(`${d.subject ?? ''}\n${d.body}`, []) }).toEqual({ language, purpose, tone, channel, problems: [] });
          }
  });
});
