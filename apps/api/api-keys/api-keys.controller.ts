// API keys for machines (a scraper, a partner's channel, a scheduled import), managed by admins.
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/access.decorator.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA } from '../http/loan-id.pipe.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { CreateApiKeyDto } from './api-key-requests.dto.js';
import { API_KEY_SCHEMA, CREATED_API_KEY_SCHEMA, type ApiKeyView } from './api-key-view.js';
import { CreateApiKeyUseCase } from './create-api-key.usecase.js';
import { ListApiKeysUseCase } from './list-api-keys.usecase.js';
import { RevokeApiKeyUseCase } from './revoke-api-key.usecase.js';

@ApiTags('api keys')
@ApiUnexpectedProblem()
@Requires('api-keys:manage')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly create: CreateApiKeyUseCase,
    private readonly listAll: ListApiKeysUseCase,
    private readonly revokeOne: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: 'Answers the key itself once (only its SHA-256 is kept). Send it as `Authorization: Bearer ck_...` or `X-Api-Key: ck_...`. It acts with its roles and permissions; never admin, never api-keys:manage.',
  })
  @ApiCreatedResponse({ schema: CREATED_API_KEY_SCHEMA })
  @ApiProblems([400, 'A field missing, or a role or permission a key cannot have'], 413, 415, [422, 'No role or permission, or an agency key without its agency'])
  add(@Body() body: CreateApiKeyDto, @Caller() by: Principal): Promise<ApiKeyView & { key: string }> {
    return this.create.execute({ name: body.name, roles: body.roles ?? [], permissions: body.permissions ?? [], ...(body.agencyId ? { agencyId: body.agencyId } : {}), by });
  }

  @Get()
  @ApiOperation({ summary: 'Every API key, revoked ones too, newest first (never a secret)' })
  @ApiOkResponse({ schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: API_KEY_SCHEMA } } } })
  list(): Promise<{ items: ApiKeyView[] }> {
    return this.listAll.execute();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key', description: 'Refused from the next request on. Revoking again changes nothing: the first revocation stands.' })
  @ApiParam({ name: 'id', schema: LOAN_ID_SCHEMA })
  @ApiOkResponse({ schema: API_KEY_SCHEMA })
  @ApiProblems([400, 'id is not a UUID'], [404, 'No such API key'])
  revoke(@Param('id', new UuidParamPipe('id')) id: string, @Caller() by: Principal): Promise<ApiKeyView> {
    return this.revokeOne.execute({ id, by });
  }
}
