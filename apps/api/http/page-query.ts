// The paging half of a keyset-paginated list's query: the cursor a page ended with and the page
// size. Every such list extends PageQuery, so they page, refuse and are documented alike; a list
// declares only its filters.
import type { ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { buildMessage, IsInt, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { CURSOR_PATTERN, decodeKeyset } from '../loans/cursor.js';
import { Omittable } from './validators.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

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

export class PageQuery {
  @Omittable() @IsListCursor()
  cursor?: string;

  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  limit?: number;

  // Documented through the hook @nestjs/swagger's CLI plugin writes, not with @ApiPropertyOptional:
  // Swagger reads the hook once a list's own decorators have run, so cursor and limit follow the
  // list's filters as they did when each list declared them. Decorated here they would come first,
  // reordering every list's parameters in the document, and in clients generated with positional
  // arguments. (class-validator already lists a base class's fields after the list's own.)
  static _OPENAPI_METADATA_FACTORY(): Record<'cursor' | 'limit', ApiPropertyOptions> {
    return {
      cursor: { required: false, type: String, pattern: CURSOR_PATTERN, description: 'nextCursor of the previous page' },
      limit: { required: false, type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    };
  }
}
