// A call's TwiML is inline (no URL for Twilio to fetch), so the key presses its <Gather> collects
// must be posted somewhere that knows which delivery they answer. Templates write the Gather
// without an action; the adapter points it at the API's gather webhook carrying the deliveryKey.
// A Gather that names its own action keeps it.
export function withGatherAction(twiml: string, actionUrl: string): string {
  const escaped = actionUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return twiml.replace(/<Gather\b([^>]*?)(\/?)>/g, (tag, attributes: string, selfClosing: string) => {
    if (/\saction\s*=/.test(attributes)) return tag;
    const method = /\smethod\s*=/.test(attributes) ? '' : ' method="POST"';
    return `<Gather${attributes} action="${escaped}"${method}${selfClosing}>`;
  });
}
