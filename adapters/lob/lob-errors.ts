// What a Lob failure means for the caller. Lob answers a request it will not take with 422 and an
// error body `{ error: { message, status_code, code } }`: an address it cannot post to
// (failed_deliverability_strictness, address_length_exceeds_limit, a foreign return address, a
// malformed one) or a letter it cannot print is the contact refused: the same letter would be
// refused again. 401/403 are our credentials, 429 and 5xx Lob's load, a timeout or a dropped
// connection says nothing: all transient, for the caller to retry.
import { maskContactDetails } from '../../domain/recovery/mask-contact.js';
import { ContactRefused } from '../channels/contact-channels.js';

interface LobErrorBody {
  error?: { message?: unknown; code?: unknown; status_code?: unknown };
}

/** The shape the SDK rejects with: an axios error carrying Lob's answer, when there was one. */
interface HttpError {
  message: string;
  response?: { status: number; data?: unknown };
}

export function mapLobError(error: unknown, what: string): Error {
  const failure = error as HttpError | null;
  const status = failure?.response?.status;
  if (typeof status === 'number') {
    const body = (failure!.response!.data ?? {}) as LobErrorBody;
    const message = typeof body.error?.message === 'string' ? body.error.message : failure!.message;
    const code = typeof body.error?.code === 'string' ? body.error.code : `http_${status}`;
    if (status === 422) return new ContactRefused(`Lob refused ${what}: ${maskContactDetails(message)}`, code);
    return new Error(`Lob failed ${what}: ${status} ${code}: ${maskContactDetails(message)}`, { cause: error });
  }
  return new Error(`Lob could not be reached for ${what}: ${maskContactDetails(failure?.message ?? String(error))}`, { cause: error });
}
