// The MCP server with the SDK's own client, over Streamable HTTP at /mcp (behind the API's
// authentication) and over stdio (`npm run mcp`'s built entry, as an AI assistant would start it,
// acting as the token in its environment), on the real Temporal dev server and PostgreSQL: tools
// listed, a decision explained from a real loan, a question asked of the starter collection, a tool
// refused to a role whose API route would refuse it, and no credential no connection.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ChatOpenAI } from '@langchain/openai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ingestCollection } from '../../../rag/ingest/ingest-collection.js';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { application } from '../../testkit/applications.js';
import { tokenFor } from '../../testkit/tokens.js';
import type { Role } from '../auth/roles.js';
import { AssistantRuntime } from '../assistant/assistant-runtime.js';
import { AskAssistantUseCase } from '../assistant/ask-assistant.usecase.js';
import { DraftMessageUseCase } from '../assistant/draft-message.usecase.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { Authenticator } from '../auth/authenticator.js';
import type { ApiRequest } from '../http/request-context.js';
import { GetLoanUseCase } from '../loans/get-loan.usecase.js';
import { DryRunPolicyVersionUseCase } from '../policies/dry-run-policy-version.usecase.js';
import { GetRecoveryCaseUseCase } from '../recovery/get-recovery-case.usecase.js';
import { LOGGER, ORM, RECOVERY_CONTACTS } from '../tokens.js';
import { MCP_TOOL_PERMISSIONS, McpTools } from './mcp-tools.js';

const STARTER = fileURLToPath(new URL('../../../rag/collections/starter/', import.meta.url));
const STDIO_ENTRY = fileURLToPath(new URL('../../../dist/apps/mcp/stdio.js', import.meta.url));
let h: ApiHarness;
let declinedLoanId: string;

beforeAll(async () => {
  h = await startApiHarness({ server: 'dev' });
  const rag = await h.app.get(AssistantRuntime).rag();
  await ingestCollection(rag.store, rag.embeddings, 'starter', STARTER);
  declinedLoanId = await h.t.startLoan(application('declined'));
  await h.t.loans.awaitDecision(declinedLoanId);
}, 300_000);
afterAll(async () => {
  await h?.close();
});

async function httpClient(role: Role): Promise<Client> {
  const client = new Client({ name: 'credence-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${h.base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${await tokenFor(role)}` } } }));
  return client;
}

async function auditOf(action: string): Promise<{ loan_id: string | null; case_id: string | null; outcome: string; client_address: string; actor_roles: string[] }[]> {
  const rows = await h.t.orm.em.fork().execute<{ loan_id: string | null; case_id: string | null; outcome: string; client_address: string; actor_roles: unknown }[]>(`select loan_id, case_id, outcome, client_address, actor_roles from audit_log where action = ? order by seq`, [action]);
  return rows.map((r) => ({ ...r, actor_roles: (typeof r.actor_roles === 'string' ? JSON.parse(r.actor_roles) : r.actor_roles) as string[] }));
}

const text = (result: unknown) => ((result as CallToolResult).content[0] as { text: string }).text;

describe('MCP over Streamable HTTP at /mcp', () => {
  it('lists the tools and explains a decision from the loan\'s adverse-action reasons', async () => {
    const client = await httpClient('compliance');
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(MCP_TOOL_PERMISSIONS).sort());
      const result = (await client.callTool({ name: 'explain_decision', arguments: { loanId: declinedLoanId } })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      const body = JSON.parse(text(result)) as { decision: { outcome: string; reasons: { code: string; text: string }[] }; explanation: string };
      expect(body.decision.outcome).toBe('declined');
      expect(body.decision.reasons.length).toBeGreaterThan(0);
      for (const reason of body.decision.reasons) expect(body.explanation).toContain(reason.code);
      const loan = await h.call<{ decision: unknown }>('GET', `/v1/loans/${declinedLoanId}`);
      expect(body.decision).toEqual(loan.body.decision);
      // Recorded in the audit trail as a read of that loan, by whom.
      expect(await auditOf('mcp.explain_decision')).toEqual([expect.objectContaining({ loan_id: declinedLoanId, outcome: 'succeeded', actor_roles: ['compliance'] })]);
    } finally {
      await client.close();
    }
  });

  it('answers a regulation question with checked citations, and refuses a tool the role\'s API route would refuse', async () => {
    const client = await httpClient('collector');
    try {
      const asked = (await client.callTool({ name: 'ask_regulations', arguments: { question: 'At how many days past due is a loan charged off?' } })) as CallToolResult;
      expect(asked.isError).toBeFalsy();
      const answer = JSON.parse(text(asked)) as { refused: boolean; citations: { chunkId: string }[]; passages: { chunkId: string }[] };
      expect(answer.refused).toBe(false);
      expect(answer.citations.length).toBeGreaterThan(0);
      for (const c of answer.citations) expect(answer.passages.map((p) => p.chunkId)).toContain(c.chunkId);

      const refused = (await client.callTool({ name: 'dry_run_policy', arguments: { version: 1 } })) as CallToolResult;
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/^forbidden: dry_run_policy needs the permission policies:write/);
      expect(await auditOf('mcp.dry_run_policy')).toEqual([expect.objectContaining({ outcome: 'refused', actor_roles: ['collector'] })]);
      const missing = (await client.callTool({ name: 'get_loan', arguments: { loanId: '00000000-0000-4000-8000-000000000000' } })) as CallToolResult;
      expect(missing.isError).toBe(true);
      expect(text(missing)).toMatch(/^No such loan \(404\): there is no loan/);
      // An ID in capitals is the same ID, as the route reads it (the route lower-cases its parameter).
      const loanInCapitals = declinedLoanId.toUpperCase();
      const asCase = (await client.callTool({ name: 'get_recovery_case', arguments: { caseId: `recovery-${loanInCapitals}-1` } })) as CallToolResult;
      const route = await h.call<{ detail: string }>('GET', `/v1/recovery/cases/recovery-${loanInCapitals}-1`);
      expect(text(asCase)).toContain(route.body.detail);
      expect(await auditOf('mcp.get_recovery_case')).toEqual([expect.objectContaining({ loan_id: declinedLoanId, case_id: `recovery-${declinedLoanId}-1` })]);
    } finally {
      await client.close();
    }
  });

  it('asks for a credential first, and refuses a role that may not connect', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
    const anonymous = await fetch(`${h.base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(init) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="credence"');
    const agency = await fetch(`${h.base}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor('agency')}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(init) });
    expect(agency.status).toBe(403);
  });
});

describe('a tool that fails unexpectedly', () => {
  it('answers the generic failure with its request ID, never the error\'s own words, and is recorded as failed', async () => {
    // An OpenAI-compatible server that refuses the key, quoting it as OpenAI's API does: the provider's error carries the key.
    const KEY = 'sk-test-leak-5f0e2d1c';
    const provider: Server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const model = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: KEY, maxRetries: 0, configuration: { baseURL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1` } });
    // The API's own tools and use cases, with the assistant answering through that provider.
    const runtime = new AssistantRuntime(h.app.get(ORM), { model });
    const tools = new McpTools(
      h.app.get(AuditTrail), h.app.get(GetLoanUseCase), h.app.get(GetRecoveryCaseUseCase), new AskAssistantUseCase(h.app.get(ORM), h.app.get(RECOVERY_CONTACTS), runtime),
      h.app.get(DraftMessageUseCase), h.app.get(DryRunPolicyVersionUseCase), h.app.get(LOGGER),
    );
    const principal = await h.app.get(Authenticator).authenticate({ headers: { authorization: `Bearer ${await tokenFor('compliance')}` } } as unknown as ApiRequest);
    const server = tools.serverFor(principal, 'in-memory');
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'credence-test', version: '1.0.0' });
    try {
      await server.connect(serverSide);
      await client.connect(clientSide);
      const failed = (await client.callTool({ name: 'ask_regulations', arguments: { question: 'At how many days past due is a loan charged off?' } })) as CallToolResult;
      expect(failed.isError).toBe(true);
      expect(text(failed)).toMatch(/^Something went wrong on our side \(500\): The request failed unexpectedly\. Quote request id [0-9a-f-]{36}/);
      expect(text(failed)).not.toContain(KEY);
      expect(await auditOf('mcp.ask_regulations')).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: 'failed', client_address: 'in-memory', actor_roles: ['compliance'] })]));
    } finally {
      await client.close();
      await server.close();
      await runtime.onApplicationShutdown();
      await new Promise((resolve) => provider.close(resolve));
    }
  });
});

describe('MCP over stdio (npm run mcp)', () => {
  it('acts as the environment\'s token: tools listed, a loan looked up, a tool beyond its permissions refused', async () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...h.t.workerEnv, CREDENCE_TOKEN: await tokenFor('underwriter'), LOG_LEVEL: 'warn' })) if (v !== undefined) env[k] = v;
    const transport = new StdioClientTransport({ command: process.execPath, args: ['--enable-source-maps', STDIO_ENTRY], env, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const client = new Client({ name: 'credence-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(MCP_TOOL_PERMISSIONS).sort());
      const loan = (await client.callTool({ name: 'get_loan', arguments: { loanId: declinedLoanId } })) as CallToolResult;
      expect(loan.isError).toBeFalsy();
      expect(JSON.parse(text(loan))).toMatchObject({ loanId: declinedLoanId, status: 'declined' });
      expect(await auditOf('mcp.get_loan')).toEqual(expect.arrayContaining([expect.objectContaining({ loan_id: declinedLoanId, outcome: 'succeeded', client_address: 'stdio', actor_roles: ['underwriter'] })]));
      // An underwriter reads loans but may not ask the assistant or draft.
      const draft = (await client.callTool({ name: 'draft_message', arguments: { loanId: declinedLoanId, channel: 'sms', purpose: 'reminder' } })) as CallToolResult;
      expect(draft.isError).toBe(true);
      expect(text(draft)).toMatch(/needs the permission assistant:draft/);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nstderr of the mcp process:\n${stderr}`, { cause: err });
    } finally {
      await client.close();
    }
  });
});
