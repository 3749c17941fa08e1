// The OpenAPI document, built from the controllers and DTOs: served at /openapi.json (Swagger UI
// at /docs) and committed as apps/api/openapi.json, which a spec holds to the code.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_TYPES } from './http/problem.js';
import { ProblemDto } from './http/problem.dto.js';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Credence API')
    .setDescription(
      'Loan applications, decisions, offers, servicing and payments. Money is always an integer of minor units with its ISO 4217 currency. ' +
        'Errors are RFC 9457 problem documents (application/problem+json). Every answer carries X-Request-Id (send your own to correlate).\n\n' +
        'Problem types:\n' +
        Object.values(PROBLEM_TYPES)
          .map((p) => `- \`${p.type}\` (${p.status}): ${p.title}`)
          .join('\n') +
        '\n- `about:blank`: a plain HTTP failure (404 no such route, 413 body too large, 415 not JSON), titled by its status',
    )
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml', customSiteTitle: 'Credence API' });
}
