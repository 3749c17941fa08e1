export type TwilioCallbackKind = 'status' | 'inbound' | 'gather';

export interface HandleTwilioCallbackCommand {
  kind: TwilioCallbackKind;
  /** the path and query as received: Twilio signed publicWebhookBase + this */
  originalUrl: string;
  params: Record<string, string>;
  signature: string | undefined;
  idempotencyToken: string | undefined;
}
