export interface HandleGatewayWebhookCommand {
  /** the body exactly as received: the signature is over these bytes */
  rawBody: string;
  signature: string | undefined;
}
