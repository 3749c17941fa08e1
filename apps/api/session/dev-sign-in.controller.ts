// The web app's demo sign-in (dev-sign-in.usecase.ts): public, because it is how a person gets a
// credential at all; it answers only while the API trusts the local development issuer.
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Public } from '../auth/access.decorator.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { MaxLength } from '../http/validators.js';
import { DevSignInUseCase, type DemoUserView, type DevToken } from './dev-sign-in.usecase.js';

export class DevSignInDto {
  @ApiProperty({ type: String, pattern: '^[a-z0-9-]{1,64}$', minLength: 1, maxLength: 64, example: 'ops', description: "A demo user's username (GET /v1/session/demo-users)" })
  @IsString() @Matches(/^[a-z0-9-]{1,64}$/, { message: 'must be 1 to 64 lower-case letters, digits or hyphens' })
  username!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 128, example: 'credence-demo' })
  @IsString() @Matches(/^[\x21-\x7e]{1,128}$/, { message: 'must be 1 to 128 visible ASCII characters' }) @MaxLength(128)
  password!: string;
}

const TOKEN_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: { access_token: { type: 'string' }, token_type: { type: 'string', example: 'Bearer' }, expires_in: { type: 'integer', example: 28800 } },
};

const USERS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['password', 'users'],
  properties: {
    password: { type: 'string', description: "Every demo user's published password" },
    users: {
      type: 'array',
      items: {
        type: 'object',
        required: ['username', 'name', 'roles'],
        properties: { username: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, agencyId: { type: 'string' } },
      },
    },
  },
};

@ApiTags('session')
@ApiUnexpectedProblem()
@Public("the web app's demo sign-in: how a person gets a credential; only with the local development issuer (404 otherwise)")
@Controller('v1/session')
export class DevSignInController {
  constructor(private readonly signIn: DevSignInUseCase) {}

  @Get('demo-users')
  @ApiOperation({ summary: "The local development issuer's demo users, one per role (404 with any other issuer)" })
  @ApiOkResponse({ schema: USERS_SCHEMA })
  @ApiProblems(404)
  users(): Promise<{ password: string; users: DemoUserView[] }> {
    return this.signIn.users();
  }

  @Post('demo-token')
  @HttpCode(200)
  @ApiOperation({ summary: "A demo user's access token from the local development issuer (its password grant), for the web app's sign-in" })
  @ApiOkResponse({ schema: TOKEN_SCHEMA })
  @ApiProblems(400, 404, 413, 415)
  token(@Body() body: DevSignInDto): Promise<DevToken> {
    return this.signIn.token(body.username, body.password);
  }
}
