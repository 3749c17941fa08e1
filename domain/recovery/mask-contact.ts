// Contact details as the API shows them to ops: enough to tell two borrowers apart on a call
// (`+91•••••••101`, `n•••@example.com`, `•••, Pune, IN`), never the whole address. Free text that may quote an
// address (a provider's error message) has every phone number and email in it masked the same way.
const BULLET = '•';

/** The first three characters (`+` and the start of the country code) and the last three digits. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length <= 6) return BULLET.repeat(p.length);
  return `${p.slice(0, 3)}${BULLET.repeat(p.length - 6)}${p.slice(-3)}`;
}

/** The first letter of the mailbox and the domain; the mailbox's length is not told. */
export function maskEmail(email: string): string {
  const e = email.trim();
  const at = e.lastIndexOf('@');
  if (at < 1) return BULLET.repeat(3);
  return `${e[0]}${BULLET.repeat(3)}${e.slice(at)}`;
}

/** A postal address as ops see it on a letter: the town and country, never the street. */
export function maskPostalAddress(address: { city: string; country: string }): string {
  return `${BULLET.repeat(3)}, ${address.city}, ${address.country}`;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** E.164 with its plus, or eight or more digits in a row (dates and error codes have fewer). */
const PHONE = /\+\d{6,15}|(?<!\d)\d{8,15}(?!\d)/g;

export function maskContactDetails(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PHONE, maskPhone);
}
