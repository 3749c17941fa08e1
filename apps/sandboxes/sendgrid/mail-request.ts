// The /v3/mail/send body, checked as SendGrid checks it: every fault listed as
// `{ message, field, help }` in a 400, the shape @sendgrid/mail's callers see in a ResponseError.
export interface MailRequest {
  recipients: string[];
  from: string;
  subject: string;
  text: string | null;
  html: string | null;
  customArgs: Record<string, string>;
  headers: Record<string, string>;
}

export interface MailFault {
  message: string;
  field: string | null;
  help: string | null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;
const RESERVED_HEADERS = new Set(['x-sg-id', 'x-sg-eid', 'received', 'dkim-signature', 'content-type', 'content-transfer-encoding', 'to', 'from', 'subject', 'reply-to', 'cc', 'bcc']);

export function readMailRequest(body: unknown): { request: MailRequest } | { faults: MailFault[] } {
  const faults: MailFault[] = [];
  const fault = (field: string | null, message: string) => faults.push({ field, message, help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html' });
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;

  const recipients: string[] = [];
  const subjects: unknown[] = [];
  const personalizations = b['personalizations'];
  if (!Array.isArray(personalizations) || personalizations.length === 0) fault('personalizations', 'The personalizations field is required and must have at least one personalization.');
  else
    personalizations.forEach((p: Record<string, unknown>, i) => {
      subjects.push(p?.['subject']);
      const to = p?.['to'];
      if (!Array.isArray(to) || to.length === 0) return fault(`personalizations.${i}.to`, 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.');
      to.forEach((r: Record<string, unknown>, j) => {
        const email = r?.['email'];
        if (typeof email !== 'string' || !EMAIL.test(email)) fault(`personalizations.${i}.to.${j}.email`, 'Does not contain a valid address.');
        else recipients.push(email);
      });
    });

  const fromEmail = (b['from'] as Record<string, unknown> | undefined)?.['email'];
  if (typeof fromEmail !== 'string' || !EMAIL.test(fromEmail)) fault('from.email', 'The from email does not contain a valid address.');

  const subject = b['subject'];
  if ((typeof subject !== 'string' || subject === '') && !(subjects.length > 0 && subjects.every((s) => typeof s === 'string' && s !== ''))) {
    fault('subject', 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.');
  }

  let text: string | null = null;
  let html: string | null = null;
  const content = b['content'];
  if (!Array.isArray(content) || content.length === 0) fault('content', 'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.');
  else
    content.forEach((c: Record<string, unknown>, i) => {
      const type = c?.['type'];
      const value = c?.['value'];
      if (typeof value !== 'string' || value === '') return fault(`content.${i}.value`, 'The content value must be a string at least one character in length.');
      if (type === 'text/plain') text = value;
      else if (type === 'text/html') html = value;
      else fault(`content.${i}.type`, 'The content type must be text/plain or text/html here.');
      if (i > 0 && type === 'text/plain') fault(`content.${i}.type`, 'If present, text/plain must be first, followed by text/html, followed by any other content.');
    });

  const customArgs = stringRecord(b['custom_args'], 'custom_args', 'Custom args must be strings.', fault);
  const headers = stringRecord(b['headers'], 'headers', 'Header values must be strings.', fault);
  for (const name of Object.keys(headers)) if (RESERVED_HEADERS.has(name.toLowerCase())) fault('headers', `${name} is a reserved header and cannot be set.`);

  if (faults.length > 0) return { faults };
  return { request: { recipients, from: fromEmail as string, subject: (subject as string) || (subjects[0] as string), text, html, customArgs, headers } };
}

function stringRecord(value: unknown, field: string, message: string, fault: (field: string, message: string) => void): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fault(field, message);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') fault(`${field}.${k}`, message);
    else out[k] = v;
  }
  return out;
}
