// `npm run mcp`: the platform's MCP tools over stdio, for an AI assistant that starts Credence as
// a local tool server. The same tools as /mcp (apps/api/mcp/mcp-tools.ts), run in this process
// over the API's own composition (createApi, not listening: the same use cases, database,
// Temporal client and audit trail), acting as the credential the environment gives:
// CREDENCE_TOKEN (a person's OIDC access token) or CREDENCE_API_KEY (ck_...), verified exactly as
// the API verifies them. Its permissions decide which tools answer. stdout is the protocol: every
// log line goes to stderr.
import { Client, Connection } from '@temporalio/client';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { pino } from 'pino';
import { openOrm } from '../../db/orm.js';
import { Authenticator } from '../api/auth/authenticator.js';
import { createApi } from '../api/create-api.js';
import type { ApiRequest } from '../api/http/request-context.js';
import { McpTools } from '../api/mcp/mcp-tools.js';
import { assertIssuerConfigured, loadConfig } from '../shared/config.js';
import { loadModels } from '../shared/models/load-models.js';
import { createRecoveryContacts } from '../shared/recovery-inbox-factory.js';
import { dataConverter } from '../shared/temporal/data-converter.js';
import { loadIdentifierKey, loadKeyring } from '../shared/temporal/keyring.js';
import { LoanClient } from '../shared/temporal/loan-client.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { service: 'credence', component: 'mcp' } }, pino.destination(2));

async function main(): Promise<void> {
  const credential = process.env.CREDENCE_API_KEY ?? process.env.CREDENCE_TOKEN;
  if (!credential) throw new Error('set CREDENCE_TOKEN (a bearer token) or CREDENCE_API_KEY (ck_...): the tools act with its permissions');
  assertIssuerConfigured();
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required (the database `npm start` or your deployment uses)');
  const keyring = loadKeyring(process.env, config.dataDir);
  const orm = await openOrm({ databaseUrl: config.databaseUrl, poolSize: 4 });
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(keyring) });
  const loans = new LoanClient(client, { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });
  const models = await loadModels(orm, logger);
  const recoveryContacts = createRecoveryContacts({ orm, keyring, identifierKey: loadIdentifierKey(process.env, config.dataDir), client });
  const app = await createApi({ config, orm, loans, models: models.models, logger, contactEvents: recoveryContacts.inbox, recoveryContacts });
  const close = async () => {
    await app.close();
    await models.close();
    await orm.close();
    await connection.close();
  };
  try {
    const request = { headers: { authorization: `Bearer ${credential}` } } as unknown as ApiRequest;
    const principal = await app.get(Authenticator).authenticate(request);
    if (!principal.permissions.has('mcp:connect')) throw new Error(`${principal.subject} may not connect through MCP (mcp:connect)`);
    const server = app.get(McpTools).serverFor(principal, 'stdio');
    const transport = new StdioServerTransport();
    transport.onclose = () => void close().then(() => process.exit(0));
    await server.connect(transport);
    logger.info({ subject: principal.subject }, 'mcp over stdio ready');
    process.stdin.on('end', () => void close().then(() => process.exit(0)));
  } catch (err) {
    await close();
    throw err;
  }
}

main().catch((err: unknown) => {
  logger.fatal({ err }, `mcp failed to start${err instanceof Error ? `: ${err.message}` : ''}`);
  process.stderr.write(`mcp: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
