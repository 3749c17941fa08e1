// The offline drafting agent's words: per language, each tone's opening, its sentence of tone and
// its closing, and each purpose's short form (texts) and long form (email, letter) with a subject.
// Placeholders only, never a figure, a date or a name: those are filled from records. Nothing here
// threatens, invents a deadline, or names the debt in an email's subject (someone else may read
// an inbox's list); disclosures and opt-out lines are the renderer's to add.
import type { ContactLanguage } from '../../domain/application.js';
import type { DraftPurpose, DraftTone } from './draft-types.js';

interface ToneWords {
  open: string;
  /** the sentence that sets the tone, before the purpose */
  line: string;
  close: string;
}

interface PurposeWords {
  subject: string;
  short: string;
  long: string;
}

export interface PhraseBank {
  tones: Record<DraftTone, ToneWords>;
  purposes: Record<DraftPurpose, PurposeWords>;
}

const en: PhraseBank = {
  tones: {
    empathetic: { open: 'Hello {firstName},', line: 'We know things may be hard right now, and we want to help.', close: 'We are here when you are ready to talk.' },
    firm_fair: { open: 'Dear {firstName},', line: 'Your account needs your attention.', close: 'Please contact us so we can resolve this together.' },
    plain: { open: 'Hi {firstName},', line: 'Here is a short note about your loan.', close: 'Thank you.' },
  },
  purposes: {
    // The amount due may be overdue or the next instalment (nothing overdue, say under a plan):
    // worded so it is true either way.
    reminder: {
      subject: 'A note about your account with {lenderName}',
      short: 'Payment due: {amountDue} (due date: {dueDate}). You can pay here: {paymentLink}',
      long: 'Payment due: {amountDue} (due date: {dueDate}). Your balance is {outstanding}.\n\nYou can pay securely at {paymentLink}. If you cannot pay all of it, reply and we will look at the options with you.',
    },
    promise_confirmation: {
      subject: 'Confirming what we agreed',
      short: 'Thank you for your promise to pay {promiseAmount} by {promiseDate}. You can pay here: {paymentLink}',
      long: 'Thank you for your promise to pay {promiseAmount} by {promiseDate}.\n\nYou can pay securely at {paymentLink}. If anything changes, reply and tell us.',
    },
    plan_offer: {
      subject: 'A repayment plan that fits what you can pay',
      short: 'We can set up a plan that fits what you can pay on your balance of {outstanding}. Reply to arrange it, or see your options: {paymentLink}',
      long: 'We can set up a repayment plan that fits what you can pay on your balance of {outstanding}.\n\nReply to this message and we will arrange it with you, or see your options at {paymentLink}.',
    },
    settlement_offer: {
      subject: 'An option to close your account',
      short: 'We may be able to settle your balance of {outstanding} for less. Reply to talk about it, or see your options: {paymentLink}',
      long: 'We may be able to settle your balance of {outstanding} for a reduced amount, and close the account.\n\nReply to this message to talk about it, or see your options at {paymentLink}.',
    },
    hardship_check_in: {
      subject: 'Checking in with you',
      short: 'How are you doing? If your income has changed, reply and we can talk about your options, or see them here: {paymentLink}',
      long: 'We wanted to check in. If your income or circumstances have changed, we can talk about options such as a new plan or new due dates.\n\nReply to this message whenever it suits you, or see your options at {paymentLink}.',
    },
  },
};

const hi: PhraseBank = {
  tones: {
    empathetic: { open: 'नमस्ते {firstName},', line: 'हम समझते हैं कि अभी समय कठिन हो सकता है, और हम मदद करना चाहते हैं।', close: 'जब भी आप बात करना चाहें, हम यहाँ हैं।' },
    firm_fair: { open: 'प्रिय {firstName},', line: 'आपके खाते पर आपका ध्यान आवश्यक है।', close: 'कृपया हमसे संपर्क करें ताकि हम मिलकर इसका हल निकाल सकें।' },
    plain: { open: 'नमस्ते {firstName},', line: 'आपके ऋण के बारे में एक छोटी सूचना।', close: 'धन्यवाद।' },
  },
  purposes: {
    reminder: {
      subject: '{lenderName} के साथ आपके खाते के बारे में',
      short: '{amountDue} का भुगतान देय है (देय तिथि: {dueDate})। आप यहाँ भुगतान कर सकते हैं: {paymentLink}',
      long: '{amountDue} का भुगतान देय है (देय तिथि: {dueDate})। आपकी शेष राशि {outstanding} है।\n\nआप {paymentLink} पर सुरक्षित भुगतान कर सकते हैं। यदि आप पूरी राशि नहीं चुका सकते, तो उत्तर दें और हम आपके साथ विकल्प देखेंगे।',
    },
    promise_confirmation: {
      subject: 'हमारी सहमति की पुष्टि',
      short: '{promiseDate} तक {promiseAmount} चुकाने के आपके वादे के लिए धन्यवाद। आप यहाँ भुगतान कर सकते हैं: {paymentLink}',
      long: '{promiseDate} तक {promiseAmount} चुकाने के आपके वादे के लिए धन्यवाद।\n\nआप {paymentLink} पर सुरक्षित भुगतान कर सकते हैं। यदि कुछ बदलता है, तो उत्तर देकर हमें बताएँ।',
    },
    plan_offer: {
      subject: 'आपकी क्षमता के अनुसार भुगतान योजना',
      short: 'आपकी शेष राशि {outstanding} के लिए हम आपकी क्षमता के अनुसार योजना बना सकते हैं। उत्तर दें, या विकल्प देखें: {paymentLink}',
      long: 'आपकी शेष राशि {outstanding} के लिए हम आपकी क्षमता के अनुसार भुगतान योजना बना सकते हैं।\n\nइस संदेश का उत्तर दें और हम आपके साथ इसे तय करेंगे, या {paymentLink} पर अपने विकल्प देखें।',
    },
    settlement_offer: {
      subject: 'आपका खाता बंद करने का एक विकल्प',
      short: 'हम आपकी शेष राशि {outstanding} का कम राशि में निपटान कर सकते हैं। बात करने के लिए उत्तर दें, या विकल्प देखें: {paymentLink}',
      long: 'हम आपकी शेष राशि {outstanding} का कम राशि में निपटान करके खाता बंद कर सकते हैं।\n\nबात करने के लिए इस संदेश का उत्तर दें, या {paymentLink} पर अपने विकल्प देखें।',
    },
    hardship_check_in: {
      subject: 'आपका हालचाल',
      short: 'आप कैसे हैं? यदि आपकी आय बदली है, तो उत्तर दें और हम विकल्पों पर बात करेंगे, या यहाँ देखें: {paymentLink}',
      long: 'हम आपका हालचाल जानना चाहते थे। यदि आपकी आय या परिस्थिति बदली है, तो हम नई योजना या नई देय तिथियों जैसे विकल्पों पर बात कर सकते हैं।\n\nजब सुविधा हो, इस संदेश का उत्तर दें, या {paymentLink} पर अपने विकल्प देखें।',
    },
  },
};

const es: PhraseBank = {
  tones: {
    empathetic: { open: 'Hola {firstName}:', line: 'Sabemos que este puede ser un momento difícil y queremos ayudarle.', close: 'Estamos aquí cuando quiera hablar.' },
    firm_fair: { open: 'Estimado/a {firstName}:', line: 'Su cuenta requiere su atención.', close: 'Comuníquese con nosotros para resolverlo juntos.' },
    plain: { open: 'Hola {firstName}:', line: 'Le escribimos brevemente sobre su préstamo.', close: 'Gracias.' },
  },
  purposes: {
    reminder: {
      subject: 'Una nota sobre su cuenta con {lenderName}',
      short: 'Pago pendiente: {amountDue} (vencimiento: {dueDate}). Puede pagar aquí: {paymentLink}',
      long: 'Pago pendiente: {amountDue} (vencimiento: {dueDate}). Su saldo es de {outstanding}.\n\nPuede pagar de forma segura en {paymentLink}. Si no puede pagarlo todo, responda y veremos las opciones con usted.',
    },
    promise_confirmation: {
      subject: 'Confirmación de lo acordado',
      short: 'Gracias por su promesa de pagar {promiseAmount} a más tardar el {promiseDate}. Puede pagar aquí: {paymentLink}',
      long: 'Gracias por su promesa de pagar {promiseAmount} a más tardar el {promiseDate}.\n\nPuede pagar de forma segura en {paymentLink}. Si algo cambia, responda y díganoslo.',
    },
    plan_offer: {
      subject: 'Un plan de pagos a su medida',
      short: 'Podemos preparar un plan a su medida para su saldo de {outstanding}. Responda para acordarlo, o vea sus opciones: {paymentLink}',
      long: 'Podemos preparar un plan de pagos a su medida para su saldo de {outstanding}.\n\nResponda a este mensaje y lo acordaremos con usted, o vea sus opciones en {paymentLink}.',
    },
    settlement_offer: {
      subject: 'Una opción para cerrar su cuenta',
      short: 'Podríamos liquidar su saldo de {outstanding} por menos. Responda para hablarlo, o vea sus opciones: {paymentLink}',
      long: 'Podríamos liquidar su saldo de {outstanding} por un monto reducido y cerrar la cuenta.\n\nResponda a este mensaje para hablarlo, o vea sus opciones en {paymentLink}.',
    },
    hardship_check_in: {
      subject: 'Queremos saber cómo está',
      short: '¿Cómo está? Si sus ingresos han cambiado, responda y hablaremos de sus opciones, o véalas aquí: {paymentLink}',
      long: 'Queríamos saber cómo está. Si sus ingresos o su situación han cambiado, podemos hablar de opciones como un nuevo plan o nuevas fechas de pago.\n\nResponda a este mensaje cuando le convenga, o vea sus opciones en {paymentLink}.',
    },
  },
};

export const PHRASE_BANKS: Record<ContactLanguage, PhraseBank> = { en, hi, es };
