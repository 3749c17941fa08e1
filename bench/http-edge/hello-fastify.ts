// A bare Fastify server answering POST /v1/score with a fixed score (Fastify parses the JSON body,
// as it would for any route): bench:edge's second floor, and the framework the Nest Fastify
// adapter would put under the API. Usage: node hello-fastify.js <port> <backlog>
import { HELLO_SCORE } from './hello-score.js';

interface Fastify {
  post(path: string, handler: (request: unknown, reply: { type(t: string): { send(body: string): void } }) => void): void;
  listen(options: { port: number; host: string; backlog: number }): Promise<string>;
}

const [port = '0', backlog = '511'] = process.argv.slice(2);
// Loaded by name: fastify is a devDependency only this benchmark uses, and bench:edge reports a
// missing install as such instead of failing to build.
const fastifyPackage = 'fastify';
const { default: fastify } = (await import(fastifyPackage)) as { default: (options: { logger: boolean }) => Fastify };
const app = fastify({ logger: false });
app.post('/v1/score', (_request, reply) => reply.type('application/json; charset=utf-8').send(HELLO_SCORE));
await app.listen({ port: Number(port), host: '127.0.0.1', backlog: Number(backlog) });
