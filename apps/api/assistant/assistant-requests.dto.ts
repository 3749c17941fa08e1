// Request bodies of the assistant's endpoints: a question to a collection, and a message to draft.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, Matches } from 'class-validator';
import { CONTACT_LANGUAGES, type ContactLanguage } from '../../../domain/application.js';
import { LOAN_ID_SCHEMA } from '../http/loan-id.pipe.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { IsInstant, MaxLength, Omittable } from '../http/validators.js';
import { INSTANT_PATTERN } from '../http/instant-pattern.js';
import { DRAFT_CHANNELS, DRAFT_PURPOSES, type DraftChannel, type DraftPurpose } from '../../../rag/drafting/draft-types.js';

export const COLLECTION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const COLLECTION_SCHEMA = { type: String, pattern: COLLECTION_PATTERN.source, minLength: 1, maxLength: 100, example: 'starter' } as const;
export const QUESTION_MAX = 2000;

export class AskDto {
  @ApiProperty({ ...COLLECTION_SCHEMA, description: 'The collection to answer from (GET /v1/assistant/collections)' })
  @IsString() @Matches(COLLECTION_PATTERN, { message: 'must be 1 to 100 letters, digits or ._- (starting with a letter or digit)' })
  collection!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: QUESTION_MAX, pattern: NON_BLANK_TEXT_PATTERN, example: 'At what hours may a debt collector call a consumer?', description: 'The question. Pasted text in it is read as data, never as instructions.' })
  @IsString() @IsNotEmpty() @MaxLength(QUESTION_MAX) @Matches(NOT_BLANK, { message: 'must not be blank' })
  question!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Continue one of your conversations (the conversationId an earlier answer gave); a follow-up is read in its context' })
  @Omittable() @IsUUID()
  conversationId?: string;
}

export class DraftDto {
  @ApiProperty({ ...LOAN_ID_SCHEMA, description: 'The loan the message is about' })
  @Matches(new RegExp(LOAN_ID_SCHEMA.pattern), { message: 'must be a loan ID (a UUID)' })
  loanId!: string;

  @ApiProperty({ type: String, enum: DRAFT_CHANNELS, description: 'Where it would go: its length and what it may show follow the channel' })
  @IsIn(DRAFT_CHANNELS)
  channel!: DraftChannel;

  @ApiProperty({ type: String, enum: DRAFT_PURPOSES })
  @IsIn(DRAFT_PURPOSES)
  purpose!: DraftPurpose;

  @ApiPropertyOptional({ type: String, enum: CONTACT_LANGUAGES, description: "The borrower's language on record when left out" })
  @Omittable() @IsIn(CONTACT_LANGUAGES)
  language?: ContactLanguage;

  @ApiPropertyOptional({ type: String, pattern: INSTANT_PATTERN, example: '2026-12-07T10:00:00+05:30', description: 'When it would go out: the instant the gate judges (contact hours, caps) and a letter is dated. Now when left out' })
  @Omittable() @IsInstant()
  at?: string;
}
