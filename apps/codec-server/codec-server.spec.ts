import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec } from '../shared/temporal/encryption-codec.js';
import { generateKeyring } from '../shared/temporal/keyring.js';
import { startCodecServer, type RunningCodecServer } from './codec-server.js';
import { fromJson, toJson } from './payload-json.js';

const codec = new EncryptionCodec(generateKeyring());
const ui = 'http://localhost:8233';
let server: RunningCodecServer;

beforeAll(async () => {
  server = await startCodecServer({ codec, corsOrigins: [ui], port: 0, host: '127.0.0.1' });
});
afterAll(() => server.close());

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: ui }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { payloads: { metadata: Record<string, string>; data?: string }[]; message?: string } };
}

describe('codec server', () => {
  const value = { loanId: 'f971cd9f', applicant: { firstName: 'Priya', nationalId: 'AKLPS4821K' } };

  it('decodes over HTTP what the worker\'s codec encrypted', async () => {
    const sealed = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    expect(Buffer.from(sealed[0]!.data!).toString('latin1')).not.toContain('Priya');
    const { status, headers, body } = await post('/decode', toJson(sealed));
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe(ui);
    expect(defaultPayloadConverter.fromPayload(fromJson(body)[0]!)).toEqual(value);
  });

  it('encodes over HTTP what the codec then decrypts', async () => {
    const { status, body } = await post('/encode', toJson([defaultPayloadConverter.toPayload(value)]));
    expect(status).toBe(200);
    expect(Buffer.from(body.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
    const [plain] = await codec.decode(fromJson(body));
    expect(defaultPayloadConverter.fromPayload(plain!)).toEqual(value);
  });

  it('answers an empty list for a body without payloads, as proto3 JSON writes one', async () => {
    expect(await post('/decode', {})).toMatchObject({ status: 200, body: { payloads: [] } });
  });

  it('lets the UI\'s origin through a CORS preflight, and no other', async () => {
    const preflight = (origin: string) => fetch(`${server.url}/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    const allowed = await preflight(ui);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ui);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-namespace');
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a tampered payload or a malformed body with a 400, not a 500', async () => {
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    expect((await post('/decode', toJson([{ ...sealed, data }]))).status).toBe(400);
    expect((await post('/decode', { payloads: 'nope' })).status).toBe(400);
  });
});
