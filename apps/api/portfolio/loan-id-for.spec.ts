import { expect, it } from '@jest/globals';
import { isLoanId } from '../../../domain/loan-id.js';
import { importedLoanId, uuidV5 } from './loan-id-for.js';

it('derives one lower-case version-5 loan ID per lender reference', () => {
  const id = importedLoanId('LN-2025-000123');
  expect(isLoanId(id)).toBe(true);
  expect(id[14]).toBe('5');
  expect(importedLoanId('LN-2025-000123')).toBe(id);
  expect(importedLoanId('LN-2025-000124')).not.toBe(id);
});

it("is RFC 9562's name-based UUID: the DNS namespace's www.example.com", () => {
  expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
});
