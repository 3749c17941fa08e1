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

/** {lenderName}, {agentName}, {validationUrl} and the collector's {collectorName}, {collectorAddress}, {collectorPhone} and {collectorHours} are filled by the renderer from configuration; a letter's validation information also from the loan's figures (LETTER_DISCLOSURES). */
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

/**
 * What a disclosure says on paper, where that differs. A text or email gives the validation
 * information by linking the full notice; a letter cannot link, so it carries the notice itself
 * (12 CFR 1006.34(c), in the order of model form B-1): the itemization since the itemization date,
 * the amount now, the end of the validation period, how to dispute and how to ask for the original
 * creditor. The figures come from the loan's records ({itemizationDate}, {amountThen}, {interest},
 * {fees}, {paymentsAndCredits}, {amountNow}, {validationEndsOn}).
 */
const LETTER_DISCLOSURES: Readonly<Record<string, Words>> = {
  'us.reg-f.1006.34': {
    en:
      'Itemization of the debt\nAs of {itemizationDate}, you owed: {amountThen}\nBetween {itemizationDate} and today:\nYou were charged this amount in interest: + {interest}\nYou were charged this amount in fees: + {fees}\nYou paid or were credited this amount toward the debt: - {paymentsAndCredits}\nTotal amount of the debt now: {amountNow}\n\n' +
      'How can you dispute the debt? Call or write to us by {validationEndsOn} to dispute all or part of the debt. If you do not, we will assume that our information is correct. If you write to us by {validationEndsOn}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. Write to {collectorName}, {collectorAddress}, or call {collectorPhone} ({collectorHours}). You may also dispute online: {validationUrl}\n\n' +
      'What else can you do? Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by {validationEndsOn}, we must stop collection until we send you that information. Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law.',
    hi:
      'ऋण का विवरण\n{itemizationDate} को आप पर बकाया था: {amountThen}\n{itemizationDate} से आज तक:\nआप पर लगाया गया ब्याज: + {interest}\nआप पर लगाए गए शुल्क: + {fees}\nऋण के लिए आपके भुगतान या जमा: - {paymentsAndCredits}\nऋण की कुल वर्तमान राशि: {amountNow}\n\n' +
      'आप ऋण पर आपत्ति कैसे कर सकते हैं? पूरे या आंशिक ऋण पर आपत्ति करने के लिए {validationEndsOn} तक हमें कॉल करें या लिखें। ऐसा न करने पर हम मानेंगे कि हमारी जानकारी सही है। यदि आप {validationEndsOn} तक हमें लिखते हैं, तो जिस राशि पर आप आपत्ति करते हैं उसकी वसूली हम तब तक रोकेंगे जब तक आपको यह दिखाने वाली जानकारी नहीं भेज देते कि ऋण आप पर बकाया है। {collectorName}, {collectorAddress} को लिखें, या {collectorPhone} ({collectorHours}) पर कॉल करें। आप ऑनलाइन भी आपत्ति कर सकते हैं: {validationUrl}\n\n' +
      'आप और क्या कर सकते हैं? यदि मूल लेनदार वर्तमान लेनदार से अलग है, तो उसका नाम और पता लिखकर माँगें। यदि आप {validationEndsOn} तक लिखते हैं, तो वह जानकारी भेजने तक हम वसूली रोकेंगे। संघीय कानून के तहत अपने अधिकार जानने के लिए www.cfpb.gov/debt-collection देखें।',
    es:
      'Detalle de la deuda\nAl {itemizationDate}, usted debía: {amountThen}\nEntre el {itemizationDate} y hoy:\nSe le cobró esta cantidad en intereses: + {interest}\nSe le cobró esta cantidad en cargos: + {fees}\nUsted pagó o se le acreditó esta cantidad a la deuda: - {paymentsAndCredits}\nCantidad total de la deuda ahora: {amountNow}\n\n' +
      '¿Cómo puede disputar la deuda? Llámenos o escríbanos a más tardar el {validationEndsOn} para disputar la totalidad o parte de la deuda. Si no lo hace, asumiremos que nuestra información es correcta. Si nos escribe a más tardar el {validationEndsOn}, debemos dejar de cobrar cualquier cantidad que usted dispute hasta que le enviemos información que demuestre que usted debe la deuda. Escriba a {collectorName}, {collectorAddress}, o llame al {collectorPhone} ({collectorHours}). También puede disputarla en línea: {validationUrl}\n\n' +
      '¿Qué más puede hacer? Escríbanos para pedir el nombre y la dirección del acreedor original, si es distinto del acreedor actual. Si nos escribe a más tardar el {validationEndsOn}, debemos dejar de cobrar hasta que le enviemos esa información. Visite www.cfpb.gov/debt-collection para conocer sus derechos según la ley federal.',
  },
};

const OPT_OUT: Record<'text' | 'email' | 'letter', Words> = {
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
  // Paper has no reply button: it says where to write or call to stop letters, or all contact.
  letter: {
    en: 'To ask us to stop writing to you, or to stop contacting you at all, write to {collectorName}, {collectorAddress}, or call {collectorPhone}.',
    hi: 'हमसे पत्र भेजना, या कोई भी संपर्क, बंद करवाने के लिए {collectorName}, {collectorAddress} को लिखें, या {collectorPhone} पर कॉल करें।',
    es: 'Para pedirnos que dejemos de escribirle, o de contactarle, escriba a {collectorName}, {collectorAddress}, o llame al {collectorPhone}.',
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
  /** a letter's validation information: the loan's figures, formatted (LETTER_DISCLOSURES) */
  notice?: { itemizationDate: string; amountThen: string; interest: string; fees: string; paymentsAndCredits: string; amountNow: string; validationEndsOn: string };
}

/** Every disclosure's and opt-out line's words as written, placeholders unfilled: the vocabulary a message may carry besides its template's (rag/drafting/unsourced-names.ts). */
export function disclosureWords(): string[] {
  return [DISCLOSURES, LETTER_DISCLOSURES, OPT_OUT].flatMap((table) => Object.values(table).flatMap((words) => Object.values(words)));
}

/** The ids recorded with the contact and the lines appended to it, in order. */
export function disclosuresFor(gateIds: readonly string[], channel: Channel, language: ContactLanguage, values: DisclosureValues): { ids: string[]; lines: string[] } {
  const ids: string[] = [];
  const lines: string[] = [];
  for (const id of gateIds) {
    if (id === GATE_OPT_OUT) continue;
    const words = (channel === 'letter' ? LETTER_DISCLOSURES[id] : undefined) ?? DISCLOSURES[id];
    if (!words) throw new UnknownDisclosureError(`the gate requires disclosure ${id}, which has no words in policies/recovery/disclosure-texts.ts`);
    ids.push(id);
    lines.push(fill(words[language], values, id));
  }
  if (channel !== 'voice') {
    if (gateIds.includes(GATE_OPT_OUT)) ids.push(GATE_OPT_OUT);
    ids.push(OPT_OUT_DISCLOSURE);
    lines.push(fill(OPT_OUT[channel === 'email' ? 'email' : channel === 'letter' ? 'letter' : 'text'][language], values, OPT_OUT_DISCLOSURE));
  }
  return { ids, lines };
}

function fill(text: string, values: DisclosureValues, id: string): string {
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = name in (values.notice ?? {}) ? values.notice![name as keyof NonNullable<DisclosureValues['notice']>] : (values[name as keyof DisclosureValues] as string | undefined);
    // A letter's validation information without the loan's figures would be a notice with gaps in it.
    if (value === undefined) throw new UnknownDisclosureError(`disclosure ${id} needs {${name}}, which the records did not give`);
    return value;
  });
}
