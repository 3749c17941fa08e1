// The real @sendgrid SDK pointed at a configured base URL: setApiKey() resets the base URL to
// SendGrid's, so it is set again after. One Client serves both the Mail Send API (through
// MailService) and the Email Activity API that find() reads.
import { Client } from '@sendgrid/client';
import sendgridMail from '@sendgrid/mail';

export interface SendGridClientOptions {
  /** https://api.sendgrid.com in production, the sandbox locally */
  url: string;
  apiKey: string;
  timeoutMs: number;
}

export interface SendGridClients {
  client: Client;
  mail: typeof sendgridMail;
}

export function createSendGridClients(options: SendGridClientOptions): SendGridClients {
  const client = new Client();
  client.setApiKey(options.apiKey);
  client.setDefaultRequest('baseUrl', `${options.url.replace(/\/+$/, '')}/`);
  client.setDefaultRequest('timeout' as never, options.timeoutMs as never);
  // A MailService of our own: the package's default export is a process-wide singleton.
  const MailService = (sendgridMail as unknown as { MailService: new () => typeof sendgridMail }).MailService;
  const mail = new MailService();
  mail.setClient(client);
  return { client, mail };
}

/** What the SDK rejects with when SendGrid answers 4xx/5xx (its ResponseError). */
export interface SendGridResponseError {
  code: number;
  message: string;
  response: { headers: Record<string, string>; body: unknown };
}

export function isResponseError(error: unknown): error is SendGridResponseError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number' && typeof (error as { response?: unknown }).response === 'object';
}
