// The message catalogue as the files under templates/ write it (one per language: tone frames and
// a body per key; a letter is the email's words unless the key words one for paper), expanded into
// what is stored and rendered: one template per key, channel,
// language and tone, with the tone's opening and closing around the key's body. Pure: the seeder
// reads the files and stores the result. A file that misses a key, a tone or a channel, or uses a
// placeholder the renderer does not fill, is refused with every fault named.
import { CONTACT_LANGUAGES, type ContactLanguage } from '../../domain/application.js';
import type { Channel } from '../compliance/rules.js';
import { PLACEHOLDERS, placeholdersIn } from './render-template.js';
import { TEMPLATE_KEYS, TEMPLATE_TONES, TEXT_TEMPLATE_KEYS, VOICE_TEMPLATE_KEYS, type TemplateKey, type TemplateTone } from './template-keys.js';

export interface TemplateSource {
  key: TemplateKey;
  channel: Channel;
  language: ContactLanguage;
  tone: TemplateTone;
  subject: string | null;
  body: string;
}

export class TemplateCatalogueError extends Error {
  override readonly name = 'TemplateCatalogueError';
  constructor(readonly faults: string[]) {
    super(`the message templates are not valid:\n${faults.map((f) => `  - ${f}`).join('\n')}`);
  }
}

type Frame = { open: string; close: string };
type Kind = 'text' | 'email' | 'letter' | 'voice';

/** Every template of every language file; throws TemplateCatalogueError naming each fault. */
export function expandCatalogue(files: readonly { name: string; document: unknown }[]): TemplateSource[] {
  const faults: string[] = [];
  const out: TemplateSource[] = [];
  const languages = new Set<string>();
  for (const { name, document } of files) {
    const doc = asRecord(document);
    const language = doc?.language;
    if (typeof language !== 'string' || !(CONTACT_LANGUAGES as readonly string[]).includes(language)) {
      faults.push(`${name}: language must be one of ${CONTACT_LANGUAGES.join(', ')}`);
      continue;
    }
    languages.add(language);
    out.push(...expandLanguage(name, language as ContactLanguage, doc!, faults));
  }
  for (const language of CONTACT_LANGUAGES) if (!languages.has(language)) faults.push(`no templates in ${language}`);
  if (faults.length > 0) throw new TemplateCatalogueError(faults);
  return out;
}

function expandLanguage(file: string, language: ContactLanguage, doc: Record<string, unknown>, faults: string[]): TemplateSource[] {
  const out: TemplateSource[] = [];
  const tones = asRecord(doc.tones) ?? {};
  const templates = asRecord(doc.templates) ?? {};
  for (const key of Object.keys(templates)) if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) faults.push(`${file}: templates.${key} is not a key the catalogue knows (policies/recovery/template-keys.ts)`);
  const frame = (tone: TemplateTone, kind: Kind): Frame | null => {
    const f = asRecord(asRecord(tones[tone])?.[kind]);
    if (!f || typeof f.open !== 'string' || typeof f.close !== 'string') {
      faults.push(`${file}: tones.${tone}.${kind} needs an open and a close line`);
      return null;
    }
    return { open: checked(f.open, `${file}: tones.${tone}.${kind}.open`, faults), close: checked(f.close, `${file}: tones.${tone}.${kind}.close`, faults) };
  };
  for (const key of TEXT_TEMPLATE_KEYS) {
    const entry = asRecord(templates[key]);
    const text = entry?.text;
    const email = asRecord(entry?.email);
    if (typeof text !== 'string' || text.trim() === '') faults.push(`${file}: templates.${key}.text is missing`);
    if (!email || typeof email.subject !== 'string' || (email.body !== undefined && typeof email.body !== 'string')) faults.push(`${file}: templates.${key}.email needs a subject (and may have a body)`);
    if (typeof text !== 'string' || !email || typeof email.subject !== 'string') continue;
    const body = checked(text, `${file}: templates.${key}.text`, faults);
    const subject = checked(email.subject, `${file}: templates.${key}.email.subject`, faults);
    const emailBody = typeof email.body === 'string' ? checked(email.body, `${file}: templates.${key}.email.body`, faults) : sentenceCase(body);
    // A letter says what the email says unless the file words it for paper (the notices do).
    const letter = asRecord(entry?.letter);
    if (entry?.letter !== undefined && (!letter || (letter.subject !== undefined && typeof letter.subject !== 'string') || (letter.body !== undefined && typeof letter.body !== 'string'))) faults.push(`${file}: templates.${key}.letter may have a subject and a body, as text`);
    const letterSubject = typeof letter?.subject === 'string' ? checked(letter.subject, `${file}: templates.${key}.letter.subject`, faults) : subject;
    const letterBody = typeof letter?.body === 'string' ? checked(letter.body, `${file}: templates.${key}.letter.body`, faults) : emailBody;
    for (const tone of TEMPLATE_TONES) {
      const t = frame(tone, 'text');
      const e = frame(tone, 'email');
      const l = frame(tone, 'letter');
      if (t) for (const channel of ['sms', 'whatsapp'] as const) out.push({ key, channel, language, tone, subject: null, body: join([t.open, body, t.close], ' ') });
      if (e) out.push({ key, channel: 'email', language, tone, subject, body: join([e.open, emailBody, e.close], '\n\n') });
      if (l) out.push({ key, channel: 'letter', language, tone, subject: letterSubject, body: join([l.open, letterBody, l.close], '\n\n') });
    }
  }
  for (const key of VOICE_TEMPLATE_KEYS) {
    const voice = asRecord(templates[key])?.voice;
    if (typeof voice !== 'string' || voice.trim() === '') {
      faults.push(`${file}: templates.${key}.voice is missing`);
      continue;
    }
    const body = checked(voice, `${file}: templates.${key}.voice`, faults);
    for (const tone of TEMPLATE_TONES) {
      const v = frame(tone, 'voice');
      if (v) out.push({ key, channel: 'voice', language, tone, subject: null, body: join([v.open, body, v.close], ' ') });
    }
  }
  return out;
}

function checked(text: string, where: string, faults: string[]): string {
  for (const name of placeholdersIn(text)) if (!(PLACEHOLDERS as readonly string[]).includes(name)) faults.push(`${where}: unknown placeholder {${name}} (allowed: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`);
  return text;
}

function join(parts: string[], separator: string): string {
  return parts.filter((p) => p.trim() !== '').join(separator);
}

/** A body written to follow a greeting ("your payment…") opens an email paragraph with a capital. */
function sentenceCase(text: string): string {
  return text.replace(/^([¿¡"]?)(\p{Ll})/u, (_m, lead: string, letter: string) => `${lead}${letter.toUpperCase()}`);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
