import { describe, expect, it } from '@jest/globals';
import { CONTACT_LANGUAGES } from '../../domain/application.js';
import { DRAFT_CHANNELS, DRAFT_PURPOSES, DRAFT_TONES } from './draft-types.js';
import { composeDraftOffline } from './offline-draft-composer.js';
import { unsourcedFigures } from './unsourced-figures.js';

const kinds = (text: string, language?: 'en' | 'es' | 'hi') => unsourcedFigures(text, language).map((p) => p.kind);

describe('figures a composer wrote itself', () => {
  it('are found in Spanish and Hindi as in English: amounts and dates in words, currencies by name', () => {
    expect(kinds('Hola {firstName}, debe quinientos pesos antes del quince de marzo.', 'es')).toEqual(['currency', 'number_word', 'date']);
    expect(kinds('Hola {firstName}, su pago de mil doscientos vence el lunes.', 'es')).toEqual(['number_word', 'date']);
    expect(kinds('नमस्ते {firstName}, कृपया पाँच हज़ार रुपये दिसंबर तक जमा करें।', 'hi')).toEqual(['currency', 'number_word', 'date']);
    expect(kinds('नमस्ते {firstName}, कृपया कल तक भुगतान करें: {paymentLink}', 'hi')).toEqual(['date']);
    expect(kinds('नमस्ते {firstName}, बकाया ₹१५,००० है।', 'hi')).toEqual(['digit', 'currency']);
    // A model asked for Spanish that slips into English is still read.
    expect(kinds('Hola {firstName}, you owe five hundred dollars.', 'es')).toEqual(['currency', 'number_word']);
  });

  it('are not found where there are none: every phrase-bank draft, in its own language', () => {
    for (const language of CONTACT_LANGUAGES)
      for (const purpose of DRAFT_PURPOSES)
        for (const tone of DRAFT_TONES)
          for (const channel of DRAFT_CHANNELS) {
            const d = composeDraftOffline({ language, purpose, tone, channel });
            expect({ language, purpose, tone, channel, problems: unsourcedFigures(`${d.subject ?? ''}\n${d.body}`, language) }).toEqual({ language, purpose, tone, channel, problems: [] });
          }
    // "once" is eleven in Spanish, not in English.
    expect(kinds('Once you have paid, reply DONE.', 'en')).toEqual([]);
  });
});
