// What a SendGrid failure means for the caller. A 400 names what it refused: an address SendGrid
// will not take is the contact refused, as is any other 400 or a 413 (the same message would be
// refused again). Throttling, SendGrid's own errors, timeouts and network failures are transient;
// so are 401/403, which are our credentials to fix, not the borrower's address.
import { maskContactDetails } from '../../domain/recovery/mask-contact.js';
import { ContactRefused } from '../channels/contact-channels.js';
import { isResponseError } from './sendgrid-client.js';

export function mapSendGridError(error: unknown, what: string): Error {
  if (isResponseError(error)) {
    const detail = errorsOf(error.response.body);
    if (error.code === 400 || error.code === 413) {
      const field = detail[0]?.field ?? null;
      const code = field && /personalizations\.\d+\.to/.test(field) ? 'invalid_address' : `http_${error.code}`;
      return new ContactRefused(`SendGrid refused ${what}: ${maskContactDetails(detail.map((d) => `${d.field ?? 'request'}: ${d.message}`).join('; ') || error.message)}`, code);
    }
    return new Error(`SendGrid failed ${what}: ${error.code} ${maskContactDetails(detail.map((d) => d.message).join('; ') || error.message)}`, { cause: error });
  }
  return new Error(`SendGrid could not be reached for ${what}: ${maskContactDetails((error as Error)?.message ?? String(error))}`, { cause: error });
}

function errorsOf(body: unknown): { field: string | null; message: string }[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e: { field?: unknown; message?: unknown }) => ({ field: typeof e.field === 'string' ? e.field : null, message: typeof e.message === 'string' ? e.message : '' }));
}
