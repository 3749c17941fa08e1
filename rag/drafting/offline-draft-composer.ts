// The deterministic drafting agent: the tone's opening, its sentence of tone, the purpose's words
// in the channel's length (short for texts, long with a subject for email and letters), and the
// tone's closing, from the phrase banks of the borrower's language. Same request, same draft. The
// sentence of tone comes before anything about the account, so a lock screen's first words show none of it.
import type { ComposedDraft, DraftRequest } from './draft-types.js';
import { PHRASE_BANKS } from './phrase-banks.js';

export function composeDraftOffline(request: DraftRequest): ComposedDraft {
  const bank = PHRASE_BANKS[request.language];
  const tone = bank.tones[request.tone];
  const purpose = bank.purposes[request.purpose];
  if (request.channel === 'sms' || request.channel === 'whatsapp') return { subject: null, body: [tone.open, tone.line, purpose.short, tone.close].join(' ') };
  return { subject: purpose.subject, body: [tone.open, `${tone.line} ${purpose.long}`, tone.close].join('\n\n') };
}
