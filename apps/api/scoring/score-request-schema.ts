// POST /v1/score's body in the OpenAPI document, one shape per model: the model's name, and
// records holding exactly the features of its champion's card (GET /v1/models), typed as the
// feature encoder reads them. A client generated from the document then knows what each model
// needs, and a record valid by the document is one the model scores. The shapes come from the
// registry the API serves, so the document follows the cards, not a copy of them.
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import type { ModelRegistry } from '../../../models/registry/index.js';
import { OTHER_CATEGORY, type FeatureSpec } from '../../../models/runtime/index.js';
import { ScoreRequestDto } from './score-request.dto.js';

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** application-pd -> ApplicationPd */
const pascal = (name: string): string => name.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());

function featureSchema(feature: FeatureSpec): SchemaObject {
  const nullable = feature.nullable ? { nullable: true } : {};
  switch (feature.type) {
    case 'numeric':
      return { type: 'number', ...nullable };
    case 'boolean':
      return { type: 'boolean', ...nullable };
    case 'categorical':
      return { type: 'string', description: `One of ${feature.categories.filter((c) => c !== OTHER_CATEGORY).join(', ')}; any other value counts as other`, ...nullable };
  }
}

function recordSchema(model: string, features: readonly FeatureSpec[]): SchemaObject {
  return {
    type: 'object',
    description: `A record for ${model}: every feature of its card, and nothing else`,
    required: features.map((f) => f.name),
    properties: Object.fromEntries(features.map((f) => [f.name, featureSchema(f)])),
    additionalProperties: false,
  };
}

function fitsEvery(example: unknown, features: readonly FeatureSpec[]): boolean {
  const names = features.map((f) => f.name).sort().join();
  return Array.isArray(example) && (example as unknown[]).every((record) => typeof record === 'object' && record !== null && Object.keys(record).sort().join() === names);
}

/** Replaces ScoreRequestDto, wherever a request body uses it, with one shape per model. */
export function describeScoreRequest(document: OpenAPIObject, models: ModelRegistry): void {
  const schemas = (document.components ??= {}).schemas ??= {};
  const base = schemas[ScoreRequestDto.name] as SchemaObject | undefined;
  if (!base?.properties) throw new Error(`the OpenAPI document has no ${ScoreRequestDto.name} to describe per model`);
  const { model, records, ...rest } = base.properties as Record<string, SchemaObject>;
  const { example, ...recordsWithoutExample } = records! as Omit<SchemaObject, 'example'> & { example?: unknown };
  const mapping: Record<string, string> = {};
  for (const name of models.names()) {
    const recordName = `${pascal(name)}Record`;
    const requestName = `${pascal(name)}ScoreRequest`;
    const features = models.champion(name).runtime.card.features;
    schemas[recordName] = recordSchema(name, features);
    // The DTO's example is one model's records: it stays on that model's shape only.
    const withExample = fitsEvery(example, features) ? { example } : {};
    schemas[requestName] = { ...base, properties: { model: { ...model, enum: [name] }, records: { ...recordsWithoutExample, ...withExample, items: ref(recordName) }, ...rest } };
    mapping[name] = ref(requestName).$ref;
  }
  delete schemas[ScoreRequestDto.name];
  const body: SchemaObject = { oneOf: Object.values(mapping).map(($ref) => ({ $ref })), discriminator: { propertyName: 'model', mapping } };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.post, path.put, path.patch, path.delete]) {
      const json = operation?.requestBody && 'content' in operation.requestBody ? operation.requestBody.content['application/json'] : undefined;
      if (json?.schema && '$ref' in json.schema && json.schema.$ref === ref(ScoreRequestDto.name).$ref) json.schema = body;
    }
  }
}
