// The OpenAPI document, built from the controllers and DTOs: served at /openapi.json (Swagger UI
// at /docs) and committed as apps/api/openapi.json, which a spec holds to the code. What the
// decorators cannot say is added after: each model's scoring body (from the registry), the rules
// every request body is held to (request-body-schema.ts), and patterns Python reads as well as
// ECMA-262 does (portable-pattern.ts).
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ModelRegistry } from '../../models/registry/index.js';
import { CONTROLLERS } from './api.module.js';
import { describeAccess } from './auth/openapi-access.js';
import { declaredRoutes } from './auth/route-access.js';
import { MAX_BODY_BYTES, MAX_SCORE_BODY_BYTES } from './http/json-body.middleware.js';
import { MAX_IMPORT_BODY_BYTES } from './portfolio/import-limits.js';
import { PROBLEM_TYPES } from './http/problem.js';
import { ProblemDto } from './http/problem.dto.js';
import { ImportRejectedProblemDto } from './portfolio/import-report.dto.js';
import { portablePatterns } from './http/portable-pattern.js';
import { applyRequestBodyRules } from './http/request-body-schema.js';
import { describePolicySourceBody } from './policies/policy-source-body.js';
import { describeImportCsv } from './portfolio/import-request-schema.js';
import { describeScoreRequest } from './scoring/score-request-schema.js';
import { MODELS } from './tokens.js';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Credence API')
    .setDescription(
      'Loan applications, decisions, offers, servicing and payments. Money is always an integer of minor units with its ISO 4217 currency. ' +
        'Errors are RFC 9457 problem documents (application/problem+json). Every answer carries X-Request-Id (send your own to correlate).\n\n' +
        "Every operation but the public ones (the health check, the providers' signed webhooks, the borrower's signed pages, this document) needs a credential: a person's OpenID Connect access token, or a machine's API key. " +
        'Each says which permission it needs and which roles hold it; without a credential (or with one refused) the answer is 401 with WWW-Authenticate, without the permission 403.\n\n' +
        'Any request may be refused before it is worked on: 429 when this client has used its rate limit for the kind of request (RateLimit and RateLimit-Policy headers on every answer say how much is left), ' +
        '503 when the server is at capacity for that kind of request. Both carry Retry-After (seconds); nothing was done, so the same request can be sent again after it.\n\n' +
        'Problem types:\n' +
        Object.values(PROBLEM_TYPES)
          .map((p) => `- \`${p.type}\` (${p.status}): ${p.title}`)
          .join('\n') +
        `\n- \`about:blank\`: a plain HTTP failure (404 no such route, 405 a method the path does not take, with Allow; 413 body too large: over ${MAX_BODY_BYTES / 1024} KiB, or ${MAX_SCORE_BODY_BYTES / 1024 / 1024} MiB for POST /v1/score, ${MAX_IMPORT_BODY_BYTES / 1024 / 1024} MiB for POST /v1/portfolio/imports; 415 not JSON, or for POST /v1/policies/recovery not JSON or YAML, or for the import not CSV either), titled by its status`,
    )
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, ImportRejectedProblemDto] });
  describeScoreRequest(document, app.get<ModelRegistry>(MODELS));
  describeImportCsv(document);
  applyRequestBodyRules(document);
  describePolicySourceBody(document);
  portablePatterns(document);
  describeAccess(document, declaredRoutes(CONTROLLERS));
  return document;
}

/** The Swagger UI page's other addresses: `/docs/`, `/docs/index.html`, `/docs//`, any case, with a query. */
const DOCS_ALIAS = /^\/docs(?:\/+|\/+index\.html)$/i;

export function serveOpenApi(app: INestApplication): void {
  // Swagger UI's page links its script and styles relative to its own address, and
  // @nestjs/swagger picks the prefix from whether the URL ends in a slash, query string included:
  // at /docs/?x or /docs/index.html the page loaded without either, and /docs// served
  // swagger-ui-dist's stock page. One address, /docs, whose links are known to resolve.
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    if (!DOCS_ALIAS.test(q === -1 ? url : url.slice(0, q))) return next();
    res.statusCode = 301;
    res.setHeader('Location', `/docs${q === -1 ? '' : url.slice(q)}`);
    res.end();
  });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Credence API',
    // The UI would otherwise show a badge fetched from validator.swagger.io, telling a third party
    // where our spec lives (and the docs' Content-Security-Policy refuses it anyway).
    swaggerOptions: { validatorUrl: null },
  });
}
