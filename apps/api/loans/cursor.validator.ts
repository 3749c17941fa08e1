import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { decodeKeyset } from './cursor.js';

export function IsListCursor(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isListCursor',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && decodeKeyset(value) !== undefined,
        defaultMessage: buildMessage((each) => `${each}must be a nextCursor this API returned`, options),
      },
    },
    options,
  );
}
