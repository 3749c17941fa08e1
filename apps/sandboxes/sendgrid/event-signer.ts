// SendGrid's signed event webhook: ECDSA P-256 with SHA-256 over the timestamp (seconds, as text)
// followed by the raw body, the DER signature in base64. Node's own crypto signs, independently of
// the @sendgrid/eventwebhook package the API verifies with.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

export class EventSigner {
  private readonly key: KeyObject;

  /** `privateKey`: base64 DER (PKCS#8), as the sandbox's credentials hold it */
  constructor(privateKey: string) {
    this.key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  }

  headers(rawBody: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
    const timestamp = String(timestampSeconds);
    return {
      'X-Twilio-Email-Event-Webhook-Signature': sign('sha256', Buffer.from(timestamp + rawBody, 'utf8'), this.key).toString('base64'),
      'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
    };
  }
}
