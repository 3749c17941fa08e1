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

/**
 * The delivery a URL of ours names (a status callback's or the Gather action's `d`), or null for any
 * other URL: how Twilio's record of the requests it made for a call tells whose call it was.
 */
export function deliveryKeyInWebhookUrl(publicWebhookBase: string, url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  const ours = Object.keys(TWILIO_WEBHOOK_PATHS).some((kind) => {
    const expected = new URL(twilioWebhookUrl(publicWebhookBase, kind as keyof typeof TWILIO_WEBHOOK_PATHS));
    return parsed.origin === expected.origin && parsed.pathname === expected.pathname;
  });
  return ours ? parsed.searchParams.get('d') : null;
}
