// MCP over Streamable HTTP at /mcp, stateless: every POST carries one JSON-RPC message (or batch)
// and gets its answer, with a server built for the caller (mcp-tools.ts) and closed with the
// request. Behind the API's authentication like every route: the same bearer tokens and API
// keys; connecting needs mcp:connect, and each tool then needs its own route's permission.
// Stateless, so there is no session to stream to or end: GET and DELETE are not served.
import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { Requires } from '../auth/access.decorator.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import type { ApiRequest, ApiResponse } from '../http/request-context.js';
import { McpTools } from './mcp-tools.js';
import { clientAddress } from '../edge/client-address.js';
import type { CredenceConfig } from '../../shared/config.js';
import { CONFIG } from '../tokens.js';

@ApiTags('mcp')
@ApiUnexpectedProblem()
@Requires('mcp:connect')
@Controller('mcp')
export class McpController {
  constructor(
    private readonly tools: McpTools,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'The Model Context Protocol (Streamable HTTP, stateless)',
    description:
      'A JSON-RPC message of MCP (initialize, tools/list, tools/call ...) answered as JSON. Send `Accept: application/json, text/event-stream`. Tools: get_loan, get_recovery_case, explain_decision (loans:read / recovery:read), ask_regulations (assistant:ask), draft_message (assistant:draft), dry_run_policy (policies:write); a tool the caller may not use answers an error result naming the permission. No tool changes anything.',
  })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({ description: 'The JSON-RPC answer', content: { 'application/json': { schema: { type: 'object' } } } })
  @ApiProblems([400, 'Not a JSON-RPC message of MCP'], [406, 'The Accept header does not take application/json and text/event-stream'], 413, 415)
  async handle(@Body() body: unknown, @Caller() caller: Principal, @Req() req: ApiRequest, @Res() res: ApiResponse): Promise<void> {
    const server = this.tools.serverFor(caller, clientAddress(req, this.config.api.edge.trustProxy));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }
}
