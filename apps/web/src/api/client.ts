// The API client: openapi-fetch typed by the generated schema (schema.generated.ts), so a path,
// a parameter or a body the API does not take is a type error here. It sends the signed-in
// person's token; a 401 signs them out (the token expired or was refused).
import createClient from 'openapi-fetch';
import type { paths } from './schema.generated.ts';
import { session } from '../auth/session.ts';

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost' });

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && session.token()) session.signOut();
    return response;
  },
});

/** An RFC 9457 problem from the API, with its field-level errors (a policy's carry their line). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: { field: string; message: string; line?: number; column?: number }[] },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The answer's data, or the API's problem thrown (TanStack Query shows it as the query's error). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ApiProblem(response.status, (error ?? {}));
  return data;
}
