// The page a payment link opens: what is overdue and what is outstanding, as the message that
// linked here said them, and a form that pays through the loan's own payment path. The amount
// field starts at what is overdue, written as the field reads it back (no grouping commas).
import { formatAmount } from '../../../domain/money.js';
import { esc, money, page, type PageLanguage } from './borrower-page.js';

export interface PayView {
  loanId: string;
  lender: string;
  currency: string;
  overdue: number;
  outstanding: number;
  /** a closed loan takes no payment: the page says so instead of offering a form */
  open: boolean;
  /** a fresh reference for the form: posting it twice pays once */
  reference: string;
  language: PageLanguage;
}

export interface PaidView {
  currency: string;
  amount: number;
  /** the same reference was already paid: this answer repeats that payment */
  duplicate: boolean;
  /** why the money was held instead of applied (it is then returned or applied by ops) */
  unapplied: string | null;
  outstanding: number;
  language: PageLanguage;
}

const WORDS = {
  en: {
    title: 'Pay your loan',
    loan: (lender: string, loanId: string) => `Your loan from ${lender}, account ${loanId}.`,
    overdue: 'Amount overdue',
    outstanding: 'Outstanding balance',
    amount: (currency: string) => `Amount to pay (${currency})`,
    pay: 'Pay now',
    closed: 'This loan is closed and takes no payments.',
    paidTitle: 'Payment received',
    paid: (amount: string) => `We received your payment of ${amount}.`,
    again: (amount: string) => `This payment of ${amount} was already received; it has not been taken again.`,
    held: (amount: string, why: string) => `We received ${amount}, but could not apply it to the loan (${why}). We will contact you about it.`,
    left: (amount: string) => `Outstanding balance now: ${amount}.`,
  },
  es: {
    title: 'Pague su préstamo',
    loan: (lender: string, loanId: string) => `Su préstamo de ${lender}, cuenta ${loanId}.`,
    overdue: 'Cantidad vencida',
    outstanding: 'Saldo pendiente',
    amount: (currency: string) => `Cantidad a pagar (${currency})`,
    pay: 'Pagar ahora',
    closed: 'Este préstamo está cerrado y no acepta pagos.',
    paidTitle: 'Pago recibido',
    paid: (amount: string) => `Recibimos su pago de ${amount}.`,
    again: (amount: string) => `Este pago de ${amount} ya se había recibido; no se ha cobrado de nuevo.`,
    held: (amount: string, why: string) => `Recibimos ${amount}, pero no pudimos aplicarlo al préstamo (${why}). Nos pondremos en contacto con usted.`,
    left: (amount: string) => `Saldo pendiente ahora: ${amount}.`,
  },
} as const;

export function payPage(v: PayView): string {
  const w = WORDS[v.language];
  const row = (label: string, amount: number) => `<tr><th scope="row">${esc(label)}</th><td>${money(amount, v.currency)}</td></tr>`;
  const form = [
    '<form method="post">',
    `<p><label>${esc(w.amount(v.currency))} <input type="text" name="amount" inputmode="decimal" required value="${esc(formatAmount({ amount: v.overdue > 0 ? v.overdue : v.outstanding, currency: v.currency }, { grouped: false }))}"></label></p>`,
    `<input type="hidden" name="reference" value="${esc(v.reference)}">`,
    `<button type="submit">${esc(w.pay)}</button>`,
    '</form>',
  ].join('');
  return page(
    v.language,
    w.title,
    `<h1>${esc(w.title)}</h1><p>${esc(w.loan(v.lender, v.loanId))}</p><table>${row(w.overdue, v.overdue)}${row(w.outstanding, v.outstanding)}</table>${v.open ? form : `<p>${esc(w.closed)}</p>`}`,
  );
}

export function paidPage(v: PaidView): string {
  const w = WORDS[v.language];
  const amount = money(v.amount, v.currency);
  // money() has escaped the amount; the sentence around it is ours.
  const said = v.unapplied ? w.held(amount, esc(v.unapplied)) : v.duplicate ? w.again(amount) : w.paid(amount);
  return page(v.language, w.paidTitle, `<h1>${esc(w.paidTitle)}</h1><p>${said}</p><p>${w.left(money(v.outstanding, v.currency))}</p>`);
}
