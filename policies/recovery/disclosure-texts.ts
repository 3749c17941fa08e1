// The words of every disclosure the compliance gate can require (policies/compliance/rule-packs.ts
// names them by id), per language, and the opt-out line Credence puts in every text and email
// whatever the jurisdiction. Template authors never write these: the renderer appends them.
// A disclosure id without words here is refused at render time, so nothing goes out without it.
import type { ContactLanguage } from '../../domain/application.js';
import type { Channel } from '../compliance/rules.js';

/** Credence's own: every text says how to stop, every email how to unsubscribe. */
export const OPT_OUT_DISCLOSURE = 'credence.opt-out';
/** The gate's opt-out rule is the same line; one is enough. */
const GATE_OPT_OUT = 'us.reg-f.1006.6(e)';

type Words = Record<ContactLanguage, string>;

/** {lenderName}, {agentName}, {validationUrl} and the collector's {collectorName}, {collectorAddress}, {collectorPhone} and {collectorHours} are filled by the renderer from configuration. */
const DISCLOSURES: Readonly<Record<string, Words>> = {
  'us.reg-f.1006.18(e)': {
    en: 'This is a communication from a debt collector.',
    hi: 'यह एक ऋण वसूलीकर्ता (डेट कलेक्टर) की ओर से भेजा गया संदेश है।',
    es: 'Esta es una comunicación de un cobrador de deudas.',
  },
  'us.reg-f.1006.34': {
    en: 'You have the right to dispute this debt. Your validation notice: {validationUrl} To dispute, call {collectorPhone} ({collectorHours}) or write to {collectorName}, {collectorAddress}.',
    hi: 'आपको इस ऋण पर आपत्ति करने का अधिकार है। आपकी सत्यापन सूचना: {validationUrl} आपत्ति के लिए {collectorPhone} ({collectorHours}) पर कॉल करें या {collectorName}, {collectorAddress} को लिखें।',
    es: 'Tiene derecho a disputar esta deuda. Su aviso de validación: {validationUrl} Para disputarla, llame al {collectorPhone} ({collectorHours}) o escriba a {collectorName}, {collectorAddress}.',
  },
  'in.rbi.identity': {
    en: 'From {lenderName}; collections by {agentName}.',
    hi: '{lenderName} की ओर से; वसूली एजेंट: {agentName}।',
    es: 'De {lenderName}; gestión de cobro: {agentName}.',
  },
  'default.identity': {
    en: 'Sent by {lenderName}.',
    hi: '{lenderName} द्वारा भेजा गया।',
    es: 'Enviado por {lenderName}.',
  },
};

const OPT_OUT: Record<'text' | 'email', Words> = {
  text: {
    en: 'Reply STOP to opt out.',
    hi: 'संदेश बंद करवाने के लिए STOP या बंद लिखकर भेजें।',
    es: 'Responda STOP para no recibir más mensajes.',
  },
  email: {
    en: 'To stop these emails, unsubscribe here: {unsubscribeUrl}',
    hi: 'ये ईमेल बंद करवाने के लिए यहाँ अनसब्सक्राइब करें: {unsubscribeUrl}',
    es: 'Para dejar de recibir estos correos, cancele su suscripción aquí: {unsubscribeUrl}',
  },
};

/** The IVR's menu: the digits mean what the recovery inbox maps them to (1 promise, 2 a person, 9 stop calls). */
export const VOICE_MENU: Words = {
  en: 'Press 1 to promise to pay the amount due within 7 days. Press 2 to talk to a person. Press 9 to stop these calls.',
  hi: 'सात दिनों के भीतर देय राशि चुकाने का वादा करने के लिए 1 दबाएँ। किसी व्यक्ति से बात करने के लिए 2 दबाएँ। ये कॉल बंद करवाने के लिए 9 दबाएँ।',
  es: 'Marque 1 para prometer el pago del monto vencido en 7 días. Marque 2 para hablar con una persona. Marque 9 para no recibir más llamadas.',
};

export const VOICE_NO_INPUT: Words = {
  en: 'We did not receive a choice. Goodbye.',
  hi: 'हमें कोई विकल्प प्राप्त नहीं हुआ। धन्यवाद।',
  es: 'No recibimos ninguna opción. Hasta luego.',
};

export class UnknownDisclosureError extends Error {
  override readonly name = 'UnknownDisclosureError';
}

export interface DisclosureValues {
  lenderName: string;
  agentName: string;
  collectorName: string;
  collectorAddress: string;
  collectorPhone: string;
  collectorHours: string;
  validationUrl: string;
  unsubscribeUrl: string;
}

/** The ids recorded with the contact and the lines appended to it, in order. */
export function disclosuresFor(gateIds: readonly string[], channel: Channel, language: ContactLanguage, values: DisclosureValues): { ids: string[]; lines: string[] } {
  const ids: string[] = [];
  const lines: string[] = [];
  for (const id of gateIds) {
    if (id === GATE_OPT_OUT) continue;
    const words = DISCLOSURES[id];
    if (!words) throw new UnknownDisclosureError(`the gate requires disclosure ${id}, which has no words in policies/recovery/disclosure-texts.ts`);
    ids.push(id);
    lines.push(fill(words[language], values));
  }
  if (channel !== 'voice') {
    if (gateIds.includes(GATE_OPT_OUT)) ids.push(GATE_OPT_OUT);
    ids.push(OPT_OUT_DISCLOSURE);
    lines.push(fill(OPT_OUT[channel === 'email' ? 'email' : 'text'][language], values));
  }
  return { ids, lines };
}

function fill(text: string, values: DisclosureValues): string {
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => values[name as keyof DisclosureValues]);
}
