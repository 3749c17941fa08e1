import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { decodeCursor } from './cursor.js';

export function IsLoanCursor(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLoanCursor',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined,
        defaultMessage: buildMessage((each) => `${each}must be a nextCursor this API returned`, options),
      },
    },
    options,
  );
}
