// Where Twilio calls us back, as Twilio reaches the API (publicWebhookBase), each naming the
// delivery in `d` so a callback can be matched to our record without a lookup by SID. The
// signature covers this exact URL, query included.
export const TWILIO_WEBHOOK_PATHS = {
  status: '/v1/webhooks/twilio/status',
  inbound: '/v1/webhooks/twilio/inbound',
  gather: '/v1/webhooks/twilio/voice/gather',
} as const;

export function twilioWebhookUrl(publicWebhookBase: string, kind: keyof typeof TWILIO_WEBHOOK_PATHS, deliveryKey?: string): string {
  const url = new URL(`${publicWebhookBase.replace(/\/+$/, '')}${TWILIO_WEBHOOK_PATHS[kind]}`);
  if (deliveryKey !== undefined) url.searchParams.set('d', deliveryKey);
  return url.toString();
}
