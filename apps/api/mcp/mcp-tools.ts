// The platform's tools for AI assistants over MCP (@modelcontextprotocol/sdk, v1): look up a loan
// or a recovery case, explain a credit decision, ask the regulations, draft a message, dry-run a
// recovery policy. Each tool is the API route it stands for: the same use case, the same
// permission (a caller without it gets an error result naming it), the same refusals. None changes
// anything: a draft is not sent and a dry run records nothing, so no tool needs a workflow.
// One server per caller, built for their principal: over Streamable HTTP (mcp.controller.ts) and
// over stdio (apps/mcp/stdio.ts), with the same tools. Each call is recorded in the audit trail
// as a read (action mcp.<tool>, with the loan or case it names) before its answer leaves.
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../../shared/logger.js';
import { LOGGER } from '../tokens.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { CONTACT_LANGUAGES } from '../../../domain/application.js';
import { DRAFT_CHANNELS, DRAFT_PURPOSES } from '../../../rag/drafting/draft-types.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { AskAssistantUseCase } from '../assistant/ask-assistant.usecase.js';
import { COLLECTION_PATTERN, QUESTION_MAX } from '../assistant/assistant-requests.dto.js';
import { DraftMessageUseCase } from '../assistant/draft-message.usecase.js';
import { UUID_PATTERN } from '../../../domain/loan-id.js';
import { toProblem } from '../http/problem-mapping.js';
import { PROBLEM_TYPES } from '../http/problem.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { outcomeOf } from '../../shared/audit/audit-chain.js';
import { randomUUID } from 'node:crypto';
import { GetLoanUseCase } from '../loans/get-loan.usecase.js';
import { DryRunPolicyVersionUseCase } from '../policies/dry-run-policy-version.usecase.js';
import { GetRecoveryCaseUseCase } from '../recovery/get-recovery-case.usecase.js';
import { RECOVERY_CASE_ID_PATTERN } from '../recovery/recovery-ids.js';
import { scopeOf } from '../auth/scope.js';

export const MCP_SERVER_INFO = { name: 'credence', version: '0.1.0' } as const;

/** Each tool and the permission its API route needs. */
export const MCP_TOOL_PERMISSIONS = {
  get_loan: 'loans:read',
  get_recovery_case: 'recovery:read',
  explain_decision: 'loans:read',
  ask_regulations: 'assistant:ask',
  draft_message: 'assistant:draft',
  dry_run_policy: 'policies:write',
} as const satisfies Record<string, Permission>;
export type McpToolName = keyof typeof MCP_TOOL_PERMISSIONS;

const loanId = z.string().regex(new RegExp(UUID_PATTERN, 'i'), 'a loan ID (a UUID)').describe('The loan ID (a UUID)');

@Injectable()
export class McpTools {
  constructor(
    private readonly audit: AuditTrail,
    private readonly getLoan: GetLoanUseCase,
    private readonly getCase: GetRecoveryCaseUseCase,
    private readonly ask: AskAssistantUseCase,
    private readonly draft: DraftMessageUseCase,
    private readonly dryRun: DryRunPolicyVersionUseCase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** An MCP server whose tools act as `principal`; `client` is where the calls come from (an address, or stdio), for the audit trail. */
  serverFor(principal: Principal, client: string): McpServer {
    const server = new McpServer(MCP_SERVER_INFO, { capabilities: { tools: {} } });
    const tool = <T>(name: McpToolName, run: (args: T) => Promise<unknown>) => async (args: T): Promise<CallToolResult> => {
      const permission = MCP_TOOL_PERMISSIONS[name];
      const requestId = randomUUID();
      let answer: CallToolResult;
      let status = 200;
      if (!principal.permissions.has(permission)) {
        status = 403;
        answer = failure(`forbidden: ${name} needs the permission ${permission}, which ${principal.subject} does not hold`);
      } else {
        try {
          const result = await run(args);
          answer = { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: { result } };
        } catch (err) {
          // The refusal the route would answer (a 404, a 409 ...), as the tool's error result.
          const mapped = toProblem(err, { instance: `mcp:${name}`, requestId });
          // Anything unexpected is the API's generic 500: logged here with its request ID, never its message. Thrown
          // on, the SDK would hand the client the raw message (a database error's SQL, a provider's error quoting its
          // key) and the call would go unrecorded.
          if (mapped.unexpected) this.logger.error({ err, requestId, tool: name, subject: principal.subject }, 'mcp: a tool failed unexpectedly');
          const { title, detail, errors } = mapped.problem;
          status = mapped.problem.status;
          answer = failure(`${title} (${status}): ${detail ?? ''}${errors ? ` ${JSON.stringify(errors)}` : ''}`);
        }
      }
      // Every call is a read (no tool changes anything), recorded before its answer leaves as the API records an
      // audited read: a call the trail cannot take is not answered.
      const subject = args as { loanId?: string; caseId?: string };
      const caseLoan = subject.caseId ? /^recovery-(.+)-\d+$/.exec(subject.caseId)?.[1] : undefined;
      try {
        await this.audit.writer.append({
          id: randomUUID(), at: new Date().toISOString(), requestId,
          actorId: principal.subject, actorKind: principal.kind === 'machine' ? 'api-key' : 'person', actorRoles: [...principal.roles].sort(), agencyId: principal.agencyId ?? null,
          kind: 'read', action: `mcp.${name}`, method: 'MCP', route: `mcp:${name}`,
          loanId: (subject.loanId ?? caseLoan)?.toLowerCase() ?? null, caseId: subject.caseId?.toLowerCase() ?? null,
          clientAddress: client.slice(0, 64), status, outcome: outcomeOf(status),
        });
      } catch {
        return failure(`${PROBLEM_TYPES.dependencyUnavailable.title}: the call could not be recorded in the audit trail, so it is not answered; retry shortly`);
      }
      return answer;
    };
    const needs = (name: McpToolName) => ` Needs the permission ${MCP_TOOL_PERMISSIONS[name]}.`;

    server.registerTool('get_loan', { title: 'Look up a loan', description: `A loan: status, decision, offer, schedule, balances, days past due, bucket, events and payments (GET /v1/loans/{loanId}).${needs('get_loan')}`, inputSchema: { loanId } },
      tool('get_loan', ({ loanId: id }: { loanId: string }) => this.getLoan.execute({ loanId: id.toLowerCase(), scope: scopeOf(principal) })));

    server.registerTool('get_recovery_case', {
      title: 'Look up a recovery case',
      description: `One recovery case (a delinquent episode) and its timeline: steps, contacts with their gate decisions, promises, hand-offs (GET /v1/recovery/cases/{caseId}).${needs('get_recovery_case')}`,
      inputSchema: { caseId: z.string().regex(new RegExp(RECOVERY_CASE_ID_PATTERN)).describe('recovery-<loanId>-<episode>') },
    }, tool('get_recovery_case', ({ caseId }: { caseId: string }) => this.getCase.execute({ caseId: caseId.toLowerCase(), scope: scopeOf(principal) })));

    server.registerTool('explain_decision', {
      title: 'Explain a credit decision',
      description: `A loan's credit decision: outcome, score, probability of default, grade, and its adverse-action reasons in the words the notice gives them.${needs('explain_decision')}`,
      inputSchema: { loanId },
    }, tool('explain_decision', async ({ loanId: id }: { loanId: string }) => {
      const loan = await this.getLoan.execute({ loanId: id.toLowerCase(), scope: scopeOf(principal) });
      return { loanId: loan.loanId, status: loan.status, decision: loan.decision ?? null, explanation: explain(loan.decision ?? null) };
    }));

    server.registerTool('ask_regulations', {
      title: 'Ask the regulations and the lending policy',
      description: `A cited answer from a document collection only (POST /v1/assistant/ask); "the sources do not cover it" when they do not. Pass conversationId back for a follow-up.${needs('ask_regulations')}`,
      inputSchema: {
        question: z.string().min(1).max(QUESTION_MAX),
        collection: z.string().regex(COLLECTION_PATTERN).default('starter'),
        conversationId: z.uuid().optional(),
      },
    }, tool('ask_regulations', ({ question, collection, conversationId }: { question: string; collection: string; conversationId?: string }) => this.ask.execute({ question, collection, conversationId: conversationId ?? null, caller: principal })));

    server.registerTool('draft_message', {
      title: 'Draft a message to a borrower',
      description: `A message written from the loan's records, in the borrower's tone, language and the channel's length, with the compliance gate's verdict (POST /v1/assistant/drafts). Nothing is sent.${needs('draft_message')}`,
      inputSchema: { loanId, channel: z.enum(DRAFT_CHANNELS), purpose: z.enum(DRAFT_PURPOSES), language: z.enum(CONTACT_LANGUAGES).optional() },
    }, tool('draft_message', (a: { loanId: string; channel: (typeof DRAFT_CHANNELS)[number]; purpose: (typeof DRAFT_PURPOSES)[number]; language?: (typeof CONTACT_LANGUAGES)[number] }) =>
      this.draft.execute({ scope: scopeOf(principal), loanId: a.loanId.toLowerCase(), channel: a.channel, purpose: a.purpose, language: a.language ?? null, at: Date.now() })));

    server.registerTool('dry_run_policy', {
      title: 'Dry-run a recovery policy version',
      description: `What an escalation-policy version would do to the live delinquent portfolio beside the active version, and what the gate would decide for each first contact; nothing is recorded or sent (POST /v1/recovery/policies/{version}/dry-run).${needs('dry_run_policy')}`,
      inputSchema: { version: z.number().int().min(1).max(2_147_483_647), limit: z.number().int().min(1).max(1000).default(20) },
    }, tool('dry_run_policy', ({ version, limit }: { version: number; limit: number }) => this.dryRun.execute({ version, limit })));
    return server;
  }
}

function failure(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

function explain(decision: { outcome: string; reasons?: { code: string; text: string }[] } | null): string {
  if (!decision) return 'No decision has been made yet.';
  const reasons = decision.reasons ?? [];
  if (reasons.length === 0) return `The outcome is ${decision.outcome}; no adverse-action reasons apply.`;
  return `The outcome is ${decision.outcome}. The principal reasons, in order: ${reasons.map((r) => `${r.text} (${r.code})`).join('; ')}.`;
}
