// The official Lob SDK (@lob/lob-typescript-sdk, generated from Lob's OpenAPI document), pointed at
// a configured base URL: Lob's own, or the sandbox. HTTP Basic with the API key as the user name,
// as Lob authenticates; a timeout on every request (the SDK sets none).
import { Configuration, LettersApi } from '@lob/lob-typescript-sdk';

export interface LobClientOptions {
  /** https://api.lob.com in production, the sandbox locally (the API's version path is added) */
  url: string;
  apiKey: string;
  timeoutMs: number;
}

export const LOB_API_URL = 'https://api.lob.com';

export function createLettersApi(options: LobClientOptions): LettersApi {
  const configuration = new Configuration({ username: options.apiKey, password: '', basePath: `${options.url.replace(/\/+$/, '')}/v1`, baseOptions: { timeout: options.timeoutMs } });
  return new LettersApi(configuration);
}
