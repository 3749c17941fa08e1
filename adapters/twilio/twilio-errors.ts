// What a Twilio failure means for the caller. A 4xx about the recipient (invalid number, opted out
// at the carrier, not a mobile, no route) is the contact refused: retrying will not help. Throttling,
// Twilio's own errors, timeouts and network failures are transient and come back as plain errors
// for the activity to retry. Bad credentials are ours to fix, not the borrower's: transient too,
// so nothing is recorded against the number while the configuration is wrong.
import twilio from 'twilio';
import { maskContactDetails } from '../../domain/recovery/mask-contact.js';
import { ContactRefused } from '../channels/contact-channels.js';

const NOT_ABOUT_THE_RECIPIENT = new Set([401, 403, 404, 408, 409, 429]);

/** `what` names the contact by its delivery key, and Twilio's own words are masked: an error lands in logs and records that are not sealed. */
export function mapTwilioError(error: unknown, what: string): Error {
  if (error instanceof twilio.RestException) {
    const code = error.code === undefined ? `http_${error.status}` : String(error.code);
    if (error.status >= 400 && error.status < 500 && !NOT_ABOUT_THE_RECIPIENT.has(error.status)) return new ContactRefused(`Twilio refused ${what}: ${maskContactDetails(error.message)} (${code})`, code);
    return new Error(`Twilio failed ${what}: ${error.status} ${maskContactDetails(error.message)} (${code})`, { cause: error });
  }
  return new Error(`Twilio could not be reached for ${what}: ${maskContactDetails((error as Error)?.message ?? String(error))}`, { cause: error });
}
