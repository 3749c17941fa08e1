// Request validation: class-validator DTOs through Nest's ValidationPipe, answering with a
// problem document that lists every failing field by its path in the request body. A body is
// first held to body-shape.ts (bounded nesting, no control or bidi characters): class-transformer
// would otherwise recurse through whatever arrived. Only bodies bound to a DTO are checked here;
// the gateway's webhook reads its raw bytes and checks the signature before anything else.
import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { bodyShapeProblems } from './body-shape.js';
import { ProblemException, type FieldError } from './problem.js';

class BodyShapeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined) {
      // No body at all is an empty one (an optional body); `null`, an array or a string is not an object.
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw ProblemException.validation([{ field: '(body)', message: 'must be a JSON object' }]);
      const problems = bodyShapeProblems(value);
      if (problems.length > 0) throw ProblemException.validation(problems);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BodyShapeValidationPipe({
    // Unknown properties are refused, not dropped: the OpenAPI document says additionalProperties: false (request-body-schema.ts).
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // No implicit conversion: "5000" where an amount belongs is an error, not 5000.
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => ProblemException.validation(fieldErrors(errors)),
  });
}

/**
 * One error per invalid field, with its dotted path (array items as [i]). A missing field says
 * so; otherwise the message is the first rule broken as the DTO lists them: class-validator
 * applies a property's decorators bottom-up, so that is the last of its constraints ("must be a
 * string", not the length rule a number also breaks).
 */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const message = error.constraints?.isDefined ?? Object.values(error.constraints ?? {}).at(-1);
    const own = message === undefined ? [] : [{ field, message: unprefixed(message, error.property) }];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** class-validator starts messages with the property name; the field already says it. */
function unprefixed(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
