// The TwiML the API answers a Gather with: one sentence read back to the borrower, then the call
// ends. Built with the SDK's VoiceResponse so the XML is escaped as Twilio expects.
import twilio from 'twilio';

export function sayTwiml(text: string, language?: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(language ? { language: language as never } : {}, text);
  return response.toString();
}
