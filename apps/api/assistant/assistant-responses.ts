// The assistant's answers as the OpenAPI document states them.
import type { SchemaObject } from '@nestjs/swagger';
import { DRAFT_CHANNELS, DRAFT_PURPOSES, DRAFT_TONES } from '../../../rag/drafting/draft-types.js';

const CITATION: SchemaObject = {
  type: 'object',
  required: ['section', 'source', 'chunkId', 'quote'],
  properties: { section: { type: 'string' }, source: { type: 'string' }, chunkId: { type: 'string' }, quote: { type: 'string', description: 'The passage\'s own words, checked against it' } },
};

const PASSAGE: SchemaObject = {
  type: 'object',
  required: ['chunkId', 'section', 'source', 'score', 'content'],
  properties: { chunkId: { type: 'string' }, section: { type: 'string' }, source: { type: 'string' }, score: { type: 'number', description: 'Fused reciprocal-rank score' }, content: { type: 'string' } },
};

export const ANSWER_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['conversationId', 'turn', 'collection', 'searchedQuestion', 'followUp', 'answer', 'refused', 'citations', 'passages'],
  properties: {
    conversationId: { type: 'string', format: 'uuid', description: 'Send it back to ask a follow-up in this conversation' },
    turn: { type: 'integer', minimum: 1 },
    collection: { type: 'string' },
    searchedQuestion: { type: 'string', description: 'What retrieval searched: the question, with the conversation\'s context when it is a follow-up' },
    followUp: { type: 'boolean' },
    answer: { type: 'string', description: 'Each sentence ends with [n], the citation that supports it (1-based); a refusal cites nothing' },
    refused: { type: 'boolean', description: 'true when the sources do not cover the question, or nothing legitimate was asked' },
    citations: { type: 'array', items: CITATION },
    passages: { type: 'array', items: PASSAGE, description: 'Every passage retrieved, best first' },
  },
};

export const COLLECTIONS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: { type: 'object', required: ['name', 'documents', 'passages', 'lastIngestedAt'], properties: { name: { type: 'string' }, documents: { type: 'integer' }, passages: { type: 'integer' }, lastIngestedAt: { type: 'string', format: 'date-time' } } },
    },
  },
};

export const PASSAGE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['chunkId', 'collection', 'source', 'section', 'document', 'ordinal', 'startOffset', 'endOffset', 'content'],
  properties: {
    chunkId: { type: 'string' }, collection: { type: 'string' }, source: { type: 'string' }, section: { type: 'string' }, document: { type: 'string', description: 'The file\'s path in the collection' },
    ordinal: { type: 'integer' }, startOffset: { type: 'integer' }, endOffset: { type: 'integer' }, content: { type: 'string' },
  },
};

export const DRAFT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['purpose', 'channel', 'language', 'tone', 'toneReason', 'composer', 'fallback', 'template', 'subject', 'text', 'disclosures', 'sms', 'figures', 'verdict'],
  properties: {
    purpose: { type: 'string', enum: [...DRAFT_PURPOSES] },
    channel: { type: 'string', enum: [...DRAFT_CHANNELS] },
    language: { type: 'string' },
    tone: { type: 'string', enum: [...DRAFT_TONES] },
    toneReason: { type: 'string' },
    composer: { type: 'string', enum: ['model', 'phrase_bank'] },
    fallback: { type: 'object', nullable: true, description: 'Why a model\'s text was not used (the phrase banks wrote it instead)' },
    template: { type: 'object', description: 'The composer\'s text with its placeholders unfilled' },
    subject: { type: 'string', nullable: true },
    text: { type: 'string', description: 'The message as it would go: figures from records, the gate\'s disclosures and the opt-out line appended' },
    disclosures: { type: 'array', items: { type: 'string' } },
    sms: { type: 'object', nullable: true, properties: { encoding: { type: 'string', enum: ['gsm7', 'ucs2'] }, segments: { type: 'integer' } } },
    figures: { type: 'object', description: 'The records\' figures filled in (minor units)' },
    verdict: {
      type: 'object',
      required: ['allowed', 'jurisdiction', 'contact', 'content'],
      properties: { allowed: { type: 'boolean' }, jurisdiction: { type: 'string' }, contact: { type: 'object' }, content: { type: 'array', items: { type: 'object' } } },
    },
  },
};
