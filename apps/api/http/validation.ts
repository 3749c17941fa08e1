// Request validation: class-validator DTOs through Nest's ValidationPipe, answering with a
// problem document that lists every failing field by its path in the request body.
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from './problem.js';

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
