// What a message may say, beside when and to whom it may go (gate.ts): checked on the finished
// text of a drafted message before anyone sends it. No threat (threat-words.ts, the rule the
// live-call assist reads too: 12 CFR 1006.14 and 1006.18(c), arrest, seizure, suit the collector
// does not intend; RBI's recovery-agent directions: no intimidation), no false urgency (a deadline
// or a "final notice" the records do not make), the disclosures the gate required and the opt-out
// line present, and nothing a third party could read about the debt where others may see it: an
// email's subject in an inbox list, the first words of a text on a lock screen (1006.6(d),
// 1006.22(f)). Pure.
import type { Channel } from './rules.js';
import { threatIn } from './threat-words.js';

export interface ContentFinding {
  rule: string;
  citation: string;
  reason: string;
}

export interface CheckedMessage {
  channel: Channel;
  subject: string | null;
  text: string;
  /** lines the renderer appended for the gate's disclosures and the opt-out */
  requiredLines: readonly string[];
}

/** A lock screen shows about this much of a text. */
export const PREVIEW_CHARACTERS = 40;

const FALSE_URGENCY = /\b(final (notice|warning|demand)|last chance|act now|immediately|urgent(ly)?|within \d+ hours?|today only|before it'?s too late|expires? (today|tonight))\b|अंतिम चेतावनी|तुरंत|\b(último aviso|última oportunidad|inmediatamente|urgente)\b/iu;
const DEBT_WORDS = /\b(debt|overdue|owe[sd]?|arrears?|collection|delinquen\w*|default\w*|late payment|past due)\b|बकाया|ऋण|\b(deuda|vencid[oa]|mora|cobro)\b/iu;
const AMOUNT = /\p{Sc}|\p{Nd}/u;

export function checkMessageContent(message: CheckedMessage): ContentFinding[] {
  const findings: ContentFinding[] = [];
  const all = `${message.subject ?? ''}\n${message.text}`;
  const threat = threatIn(all);
  if (threat) findings.push({ rule: 'content.no-threat', citation: '12 CFR 1006.14, 1006.18(c); RBI recovery agents: no threats or intimidation', reason: `threatening words: "${threat.words}"` });
  if (FALSE_URGENCY.test(all)) findings.push({ rule: 'content.no-false-urgency', citation: '12 CFR 1006.18 (false or misleading representations)', reason: `urgency the records do not make: "${FALSE_URGENCY.exec(all)![0]}"` });
  for (const line of message.requiredLines) {
    if (!message.text.includes(line)) findings.push({ rule: 'content.required-disclosure', citation: 'The compliance gate\'s disclosures and the opt-out line (policies/recovery/disclosure-texts.ts)', reason: `missing: "${line.slice(0, 60)}"` });
  }
  const visible = message.channel === 'email' ? (message.subject ?? '') : message.channel === 'sms' || message.channel === 'whatsapp' ? message.text.slice(0, PREVIEW_CHARACTERS) : '';
  if (DEBT_WORDS.test(visible) || AMOUNT.test(visible)) {
    findings.push({
      rule: 'content.third-party-visible',
      citation: '12 CFR 1006.6(d), 1006.22(f): nothing about the debt where a third party may see it',
      reason: message.channel === 'email' ? 'the subject, which others may see in an inbox, speaks of the debt or an amount' : `the first ${PREVIEW_CHARACTERS} characters, shown on a lock screen, speak of the debt or an amount`,
    });
  }
  return findings;
}
