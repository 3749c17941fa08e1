// The paying test borrower follows the pay link in a message and pays the amount it names, the
// way a borrower pays by UPI: through the payment-gateway sandbox's own test control for an
// incoming payment, which then signs and sends its payment.received webhook to the API like any
// other payment. The link is `<publicBase>/pay/<loanId>`; the amount is the first one the text
// writes as formatMoney does (`INR 14,544.57`) or with a rupee sign (`₹14,544.57`).
import { isSupportedCurrency, minorUnits } from '../../domain/currency.js';
import { isLoanId } from '../../domain/loan-id.js';

export interface GatewayAccess {
  url: string;
  secretKey: string;
}

export interface PaymentIntent {
  loanId: string;
  amount: number;
  currency: string;
}

const PAY_LINK = /\/pay\/([0-9a-fA-F-]{36})\b/;
const AMOUNT = /(?:\b([A-Z]{3}) ?|₹ ?)(\d{1,3}(?:,\d{2,3})+|\d+)(?:\.(\d{1,3}))?/;

/** What the message asks the borrower to pay, or why it asks nothing the borrower can act on. */
export function paymentAsked(body: string): PaymentIntent | { unclear: string } {
  const loanId = PAY_LINK.exec(body)?.[1];
  if (!loanId || !isLoanId(loanId)) return { unclear: 'the message has no /pay/<loanId> link' };
  const match = AMOUNT.exec(body);
  const currency = match ? (match[1] ?? 'INR') : undefined;
  if (!match || !currency || !isSupportedCurrency(currency)) return { unclear: 'the message names no amount' };
  const digits = minorUnits(currency);
  const whole = Number(match[2]!.replace(/,/g, ''));
  const fraction = Number((match[3] ?? '').padEnd(digits, '0').slice(0, digits) || '0');
  return { loanId: loanId.toLowerCase(), amount: whole * 10 ** digits + fraction, currency };
}

/** Pays through the gateway sandbox; the network reference is derived from the message, so a repeat pays once. */
export async function payThroughGateway(gateway: GatewayAccess, intent: PaymentIntent, messageId: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${gateway.url.replace(/\/+$/, '')}/_sandbox/incoming-payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reference: intent.loanId, amount: intent.amount, currency: intent.currency, channel: 'upi', externalId: `UTR-${messageId}` }),
  });
  return { status: res.status, body: await res.json() };
}
