export interface HandleLobEventCommand {
  /** the body exactly as received: the signature is over the timestamp and these bytes */
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
}
