// Two rules every request body bound to a DTO is held to, written into the OpenAPI document where
// they apply rather than repeated on each DTO: unknown properties are refused (the validation
// pipe's forbidNonWhitelisted), so each object says additionalProperties: false; and no string
// carries a control or bidi character (body-shape.ts), so each free-text string gets that pattern.
// A string with a pattern, an enum or a format of its own already excludes those characters.
//
// Only the schemas a request body reaches through $ref are touched (the webhook's inline body is
// the gateway's, verified before it is read). A schema a response also reaches would change what
// answers may carry, so finding one is an error here, not a silent edit.
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { FREE_TEXT_PATTERN } from './text-schema.js';

type Schema = SchemaObject | ReferenceObject;
const PREFIX = '#/components/schemas/';

export function applyRequestBodyRules(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const requests = reachable(schemas, operationSchemas(document, 'request'));
  const responses = reachable(schemas, operationSchemas(document, 'response'));
  const shared = [...requests].filter((name) => responses.has(name));
  if (shared.length > 0) throw new Error(`request and response bodies share the schemas ${shared.join(', ')}: give the request its own DTO`);
  for (const name of requests) closeAndConstrain(schemas[name] as SchemaObject);
}

function operationSchemas(document: OpenAPIObject, side: 'request' | 'response'): Schema[] {
  const found: Schema[] = [];
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.delete, path.patch]) {
      if (!operation) continue;
      const bodies = side === 'request' ? [operation.requestBody] : Object.values(operation.responses);
      for (const body of bodies) {
        if (body && 'content' in body && body.content) for (const media of Object.values(body.content)) if (media.schema) found.push(media.schema);
      }
    }
  }
  return found;
}

/** The names of the component schemas `roots` reach, through properties, items and combinations. */
function reachable(schemas: Record<string, Schema>, roots: Schema[]): Set<string> {
  const names = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const schema = stack.pop()!;
    if ('$ref' in schema) {
      const name = schema.$ref.slice(PREFIX.length);
      if (!schema.$ref.startsWith(PREFIX) || names.has(name) || !schemas[name]) continue;
      names.add(name);
      stack.push(schemas[name]);
      continue;
    }
    stack.push(...Object.values(schema.properties ?? {}), ...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? []));
    if (schema.items) stack.push(schema.items);
    if (typeof schema.additionalProperties === 'object') stack.push(schema.additionalProperties);
  }
  return names;
}

function closeAndConstrain(schema: SchemaObject): void {
  if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  for (const property of Object.values(schema.properties ?? {})) constrainStrings(property);
}

function constrainStrings(schema: Schema): void {
  if ('$ref' in schema) return;
  const ownRule = schema.pattern ?? schema.enum ?? schema.format ?? schema.anyOf ?? schema.oneOf;
  if (schema.type === 'string' && ownRule === undefined) schema.pattern = FREE_TEXT_PATTERN;
  if (schema.items) constrainStrings(schema.items);
}
