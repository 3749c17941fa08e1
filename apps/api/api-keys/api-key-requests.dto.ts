// Creating an API key: a name to know it by, and what it may do (roles, permissions, or both).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, Matches } from 'class-validator';
import { KEY_PERMISSIONS, KEY_ROLES, type Role } from '../auth/roles.js';
import type { Permission } from '../auth/permissions.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { MaxLength, Omittable } from '../http/validators.js';

export const AGENCY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class CreateApiKeyDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 100, pattern: NON_BLANK_TEXT_PATTERN, example: 'prometheus scraper' })
  @IsString() @IsNotEmpty() @MaxLength(100) @Matches(NOT_BLANK, { message: 'must not be blank' })
  name!: string;

  @ApiPropertyOptional({ type: [String], enum: KEY_ROLES, maxItems: KEY_ROLES.length, description: 'Roles the key acts with (never admin or borrower)' })
  @Omittable() @IsArray() @ArrayMaxSize(KEY_ROLES.length) @IsIn(KEY_ROLES, { each: true })
  roles?: Exclude<Role, 'admin' | 'borrower'>[];

  @ApiPropertyOptional({ type: [String], enum: KEY_PERMISSIONS, maxItems: KEY_PERMISSIONS.length, description: 'Permissions beyond its roles (never api-keys:manage)', example: ['metrics:read'] })
  @Omittable() @IsArray() @ArrayMaxSize(KEY_PERMISSIONS.length) @IsIn(KEY_PERMISSIONS, { each: true })
  permissions?: Permission[];

  @ApiPropertyOptional({ type: String, pattern: AGENCY_ID.source, maxLength: 64, example: 'agy-northstar', description: 'The agency a key with the agency role works for (required with it, refused without it)' })
  @Omittable() @Matches(AGENCY_ID, { message: 'must be 1 to 64 lower-case letters, digits or -, starting with a letter or digit' })
  agencyId?: string;
}
