// The links our messages carry to the borrower's own pages (/pay/<loanId>, /validation/<loanId>)
// are signed: `?t=<token>`, a keyed hash of the loan ID under the identifier key the worker and the
// API share. The loan ID alone is no secret (it is the reference a borrower pays with), and a page
// that shows a borrower's name and debt, or takes a dispute that halts collection, must open only
// for someone who holds a message we sent (Reg F 1006.6(d): no disclosure to third parties).
import { timingSafeEqual } from 'node:crypto';

/** What signs: the keyed hash of identifiers (activities/fraud/identifier-hasher.ts). */
export interface PageLinkSigner {
  hash(kind: string, value: string): string;
}

/** 128 bits of the HMAC, hex: short enough for a text, too long to guess. */
export function borrowerPageToken(signer: PageLinkSigner, loanId: string): string {
  return signer.hash('borrower-page', loanId.toLowerCase()).slice(0, 32);
}

export function borrowerPageTokenMatches(signer: PageLinkSigner, loanId: string, token: unknown): boolean {
  if (typeof token !== 'string' || !/^[0-9a-f]{32}$/.test(token)) return false;
  return timingSafeEqual(Buffer.from(borrowerPageToken(signer, loanId)), Buffer.from(token));
}

/** `<base>/<page>/<loanId>?t=<token>`: the link a message carries. */
export function borrowerPageUrl(signer: PageLinkSigner, publicBaseUrl: string, page: 'pay' | 'validation', loanId: string): string {
  return `${publicBaseUrl}/${page}/${loanId}?t=${borrowerPageToken(signer, loanId)}`;
}
