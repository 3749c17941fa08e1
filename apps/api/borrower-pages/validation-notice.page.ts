// The validation notice of 12 CFR 1006.34 as a page, in the order and words of the CFPB's model
// form B-1 (in Spanish for a borrower who reads Spanish), with its tear-off dispute form as an
// HTML form that posts back to the page. The figures come in computed (validation-notice.ts);
// this only writes them. The debt collector is identified as 1006.34(c)(1) requires: its name and
// mailing address, with the number consumers call and when it is answered (from settings). No
// address, phone or email of the borrower is shown: the link is in messages that can be
// forwarded, so the page carries the name and the debt, nothing more.
import type { NoticeFigures } from '../../../domain/recovery/validation-notice.js';
import { dateText, esc, money, page, type PageLanguage } from './borrower-page.js';

export interface NoticeCollector {
  name: string;
  mailingAddress: string;
  phone: string;
  hours: string;
}

export interface NoticeView {
  loanId: string;
  name: string | null;
  collector: NoticeCollector;
  creditor: string;
  figures: NoticeFigures;
  /** a fresh reference for the form: posting it twice records one dispute */
  reference: string;
  language: PageLanguage;
}

/** Where the CFPB explains consumers' rights in debt collection (1006.34(c)(3)(iv)). */
export const CFPB_URL = 'www.cfpb.gov/debt-collection';

const WORDS = {
  en: {
    title: 'Validation notice',
    collectorHeading: 'Debt collector',
    call: (phone: string, hours: string) => `Call us at ${phone}, ${hours}.`,
    intro: (collector: string, creditor: string) => `${collector} is a debt collector. We are trying to collect a debt that you owe to ${creditor}. We will use any information you give us to help collect the debt.`,
    to: 'To',
    reference: 'Reference',
    shows: 'Our information shows:',
    hadLoan: (creditor: string, loanId: string) => `You had a loan from ${creditor} with account number ${loanId}.`,
    owedOn: (on: string) => `As of ${on}, you owed:`,
    between: (on: string) => `Between ${on} and today:`,
    interest: 'You were charged this amount in interest:',
    fees: 'You were charged this amount in fees:',
    paid: 'You paid or were credited this amount toward the debt:',
    total: 'Total amount of the debt now:',
    howDispute: 'How can you dispute the debt?',
    by: (end: string | null) => (end ? `by ${end}` : 'within 30 days after you receive this notice'),
    callOrWrite: (by: string) => `Call or write to us ${by}, to dispute all or part of the debt. If you do not, we will assume that our information is correct.`,
    writeTo: 'Write to us at:',
    ifWrite: (by: string) => `If you write to us ${by}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. You may use the form below or write to us without the form. You may also include supporting documents.`,
    whatElse: 'What else can you do?',
    originalCreditor: (by: string) => `Write to ask for the name and address of the original creditor, if different from the current creditor. If you write ${by}, we must stop collection until we send you that information. You may use the form below or write to us without the form.`,
    cfpb: `Go to ${CFPB_URL} to learn more about your rights under federal law.`,
    formTitle: 'How do you want to respond?',
    disputeBecause: 'I want to dispute the debt because I think:',
    notMine: 'This is not my debt.',
    amountWrong: 'The amount is wrong.',
    other: 'Other.',
    askOriginal: 'I want you to send me the name and address of the original creditor.',
    mailTo: 'Or mail this form to:',
    send: 'Send',
    recordedTitle: 'Received',
    recordedDispute: 'We have recorded your dispute. We will stop collecting the debt until we send you information that shows you owe it.',
    recordedRequest: 'We have recorded your request for the name and address of the original creditor. We will stop collecting the debt until we send them to you.',
  },
  es: {
    title: 'Aviso de validación',
    collectorHeading: 'Cobrador de deudas',
    call: (phone: string, hours: string) => `Llámenos al ${phone}, ${hours}.`,
    intro: (collector: string, creditor: string) => `${collector} es un cobrador de deudas. Estamos tratando de cobrar una deuda que usted le debe a ${creditor}. Usaremos cualquier información que usted nos dé para ayudar a cobrar la deuda.`,
    to: 'Para',
    reference: 'Referencia',
    shows: 'Nuestra información muestra:',
    hadLoan: (creditor: string, loanId: string) => `Usted tenía un préstamo de ${creditor} con el número de cuenta ${loanId}.`,
    owedOn: (on: string) => `Al ${on}, usted debía:`,
    between: (on: string) => `Entre el ${on} y hoy:`,
    interest: 'Se le cobró esta cantidad en intereses:',
    fees: 'Se le cobró esta cantidad en cargos:',
    paid: 'Usted pagó o se le acreditó esta cantidad a la deuda:',
    total: 'Cantidad total de la deuda ahora:',
    howDispute: '¿Cómo puede disputar la deuda?',
    by: (end: string | null) => (end ? `a más tardar el ${end}` : 'dentro de los 30 días después de recibir este aviso'),
    callOrWrite: (by: string) => `Llámenos o escríbanos ${by} para disputar la totalidad o parte de la deuda. Si no lo hace, asumiremos que nuestra información es correcta.`,
    writeTo: 'Escríbanos a:',
    ifWrite: (by: string) => `Si nos escribe ${by}, debemos dejar de cobrar cualquier cantidad que usted dispute hasta que le enviemos información que demuestre que usted debe la deuda. Puede usar el formulario de abajo o escribirnos sin el formulario. También puede incluir documentos de respaldo.`,
    whatElse: '¿Qué más puede hacer?',
    originalCreditor: (by: string) => `Escríbanos para pedir el nombre y la dirección del acreedor original, si es distinto del acreedor actual. Si nos escribe ${by}, debemos dejar de cobrar hasta que le enviemos esa información. Puede usar el formulario de abajo o escribirnos sin el formulario.`,
    cfpb: `Visite ${CFPB_URL} para obtener más información sobre sus derechos según la ley federal.`,
    formTitle: '¿Cómo desea responder?',
    disputeBecause: 'Quiero disputar la deuda porque creo que:',
    notMine: 'Esta no es mi deuda.',
    amountWrong: 'La cantidad es incorrecta.',
    other: 'Otro motivo.',
    askOriginal: 'Quiero que me envíen el nombre y la dirección del acreedor original.',
    mailTo: 'O envíe este formulario por correo a:',
    send: 'Enviar',
    recordedTitle: 'Recibido',
    recordedDispute: 'Hemos registrado su disputa. Dejaremos de cobrar la deuda hasta que le enviemos información que demuestre que usted la debe.',
    recordedRequest: 'Hemos registrado su solicitud del nombre y la dirección del acreedor original. Dejaremos de cobrar la deuda hasta que se los enviemos.',
  },
} as const;

export function validationNoticePage(v: NoticeView): string {
  const w = WORDS[v.language];
  const { itemization: it, validationEndsOn } = v.figures;
  const on = dateText(it.itemizationDate, v.language);
  const by = w.by(validationEndsOn === null ? null : dateText(validationEndsOn, v.language));
  const row = (label: string, amount: string) => `<tr><th scope="row">${esc(label)}</th><td>${amount}</td></tr>`;
  const box = (name: string, label: string) => `<p><label><input type="checkbox" name="${name}" value="yes"> ${esc(label)}</label></p>`;
  const c = v.collector;
  const address = `<address>${esc(c.name)}<br>${esc(c.mailingAddress)}</address>`;
  return page(
    v.language,
    w.title,
    [
      `<h1>${esc(w.title)}</h1>`,
      `<section id="collector"><h2>${esc(w.collectorHeading)}</h2>${address}<p>${esc(w.call(c.phone, c.hours))}</p></section>`,
      `<p>${esc(w.intro(c.name, v.creditor))}</p>`,
      v.name === null ? '' : `<p>${esc(w.to)}: ${esc(v.name)}</p>`,
      `<p>${esc(w.reference)}: ${esc(v.loanId)}</p>`,
      `<h2>${esc(w.shows)}</h2>`,
      `<p>${esc(w.hadLoan(v.creditor, v.loanId))}</p>`,
      '<table>',
      row(w.owedOn(on), money(it.amountThen, it.currency)),
      `<tr><th scope="rowgroup" colspan="2">${esc(w.between(on))}</th></tr>`,
      row(w.interest, `+ ${money(it.interest, it.currency)}`),
      row(w.fees, `+ ${money(it.fees, it.currency)}`),
      row(w.paid, `– ${money(it.paymentsAndCredits, it.currency)}`),
      row(w.total, money(it.amountNow, it.currency)),
      '</table>',
      `<h2>${esc(w.howDispute)}</h2>`,
      `<p>${esc(w.callOrWrite(by))}</p>`,
      `<p>${esc(w.call(c.phone, c.hours))} ${esc(w.writeTo)}</p>`,
      address,
      `<p>${esc(w.ifWrite(by))}</p>`,
      `<h2>${esc(w.whatElse)}</h2>`,
      `<p>${esc(w.originalCreditor(by))}</p>`,
      `<p>${esc(w.cfpb)}</p>`,
      '<form method="post">',
      `<h2>${esc(w.formTitle)}</h2>`,
      `<p>${esc(w.disputeBecause)}</p>`,
      box('notMine', w.notMine),
      box('amountWrong', w.amountWrong),
      box('other', w.other),
      box('originalCreditor', w.askOriginal),
      `<input type="hidden" name="reference" value="${esc(v.reference)}">`,
      `<button type="submit">${esc(w.send)}</button>`,
      `<p>${esc(w.mailTo)}</p>`,
      address,
      '</form>',
    ].join(''),
  );
}

/** What the form recorded: the dispute, the request for the original creditor, or both. */
export function noticeFormRecordedPage(v: { disputed: boolean; originalCreditor: boolean; language: PageLanguage }): string {
  const w = WORDS[v.language];
  const said = [...(v.disputed ? [w.recordedDispute] : []), ...(v.originalCreditor ? [w.recordedRequest] : [])];
  return page(v.language, w.recordedTitle, `<h1>${esc(w.recordedTitle)}</h1>${said.map((t) => `<p>${esc(t)}</p>`).join('')}`);
}
