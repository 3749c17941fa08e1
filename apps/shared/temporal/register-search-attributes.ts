// Registers the loan search attributes on a server that does not have them yet (the test
// servers; the dev server gets them as start-up flags, production from its operators).
import type { Connection } from '@temporalio/client';
// A CommonJS package whose exports Node's ESM loader cannot name: take them from its default export.
import proto from '@temporalio/proto';
import { LOAN_SEARCH_ATTRIBUTES } from '../../../workflows/loan/search-attributes.js';

const { temporal } = proto;

export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const searchAttributes = Object.fromEntries(LOAN_SEARCH_ATTRIBUTES.map((k) => [k.name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]));
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}
