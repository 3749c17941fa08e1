// The API as the component tests script it: each request is recorded (method, path with query,
// JSON body) and answered with the status and body the test chooses, shaped as openapi.json
// describes them. openapi-fetch takes fetch when the client is made, so a test installs this
// inside vi.hoisted, before the screens (and the client) are imported:
//   const server = await vi.hoisted(async () => (await import('../test/scripted-api.ts')).installScriptedApi());
// The API's own behaviour is tested in apps/api; the browser runs check both together.
export interface ScriptedApi {
  sent: { method: string; url: string; body: unknown }[];
  answer: (method: string, path: string) => [number, unknown];
}

export function installScriptedApi(): ScriptedApi {
  const state: ScriptedApi = { sent: [], answer: () => [404, {}] };
  globalThis.fetch = (async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.text();
    const url = new URL(request.url);
    state.sent.push({ method: request.method, url: url.pathname + url.search, body: text ? JSON.parse(text) : undefined });
    const [status, body] = state.answer(request.method, url.pathname);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });
  }) as typeof fetch;
  return state;
}
