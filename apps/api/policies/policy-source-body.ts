// The OpenAPI document's word for the one body decorators cannot describe: a policy draft also
// taken as YAML text (json-body.middleware.ts hands it to the route as { source }).
import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_POLICY_BODY_BYTES, YAML_MEDIA_TYPES } from '../http/json-body.middleware.js';

export function describePolicySourceBody(document: OpenAPIObject): void {
  const body = document.paths['/v1/policies/recovery']?.post?.requestBody;
  if (!body || !('content' in body)) throw new Error('POST /v1/policies/recovery has no request body to describe');
  for (const mediaType of YAML_MEDIA_TYPES) {
    body.content[mediaType] = {
      schema: { type: 'string', maxLength: MAX_POLICY_BODY_BYTES, description: 'The policy document as YAML (or JSON) text; author and basedOn go in the query' },
    };
  }
}
