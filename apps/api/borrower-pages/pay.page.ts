// The page a payment link opens: what is overdue and what is outstanding, as the message that
// linked here said them, and how to pay: a transfer quoting the loan's reference, which the
// payment gateway reports to us and the loan applies (fees, interest, principal) like any payment.
import { esc, money, page, type PageLanguage } from './borrower-page.js';

export interface PayView {
  loanId: string;
  lender: string;
  currency: string;
  overdue: number;
  outstanding: number;
  /** a closed loan takes no payment: the page says so instead of how to pay */
  open: boolean;
  language: PageLanguage;
}

const WORDS = {
  en: {
    title: 'Pay your loan',
    loan: (lender: string, loanId: string) => `Your loan from ${lender}, account ${loanId}.`,
    overdue: 'Amount overdue',
    outstanding: 'Outstanding balance',
    how: 'How to pay',
    transfer: (lender: string) => `Pay by UPI or bank transfer to ${lender}, quoting this payment reference:`,
    applied: 'Your payment reaches your loan as soon as your bank confirms it, usually within minutes; this page then shows what is left.',
    closed: 'This loan is closed and takes no payments.',
  },
  es: {
    title: 'Pague su préstamo',
    loan: (lender: string, loanId: string) => `Su préstamo de ${lender}, cuenta ${loanId}.`,
    overdue: 'Cantidad vencida',
    outstanding: 'Saldo pendiente',
    how: 'Cómo pagar',
    transfer: (lender: string) => `Pague por transferencia bancaria a ${lender}, indicando esta referencia de pago:`,
    applied: 'Su pago se aplica a su préstamo en cuanto su banco lo confirma, normalmente en minutos; esta página muestra entonces lo que queda.',
    closed: 'Este préstamo está cerrado y no acepta pagos.',
  },
} as const;

export function payPage(v: PayView): string {
  const w = WORDS[v.language];
  const row = (label: string, amount: number) => `<tr><th scope="row">${esc(label)}</th><td>${money(amount, v.currency)}</td></tr>`;
  const how = `<h2>${esc(w.how)}</h2><p>${esc(w.transfer(v.lender))}</p><p><strong id="reference">${esc(v.loanId)}</strong></p><p>${esc(w.applied)}</p>`;
  return page(
    v.language,
    w.title,
    `<h1>${esc(w.title)}</h1><p>${esc(w.loan(v.lender, v.loanId))}</p><table>${row(w.overdue, v.overdue)}${row(w.outstanding, v.outstanding)}</table>${v.open ? how : `<p>${esc(w.closed)}</p>`}`,
  );
}
