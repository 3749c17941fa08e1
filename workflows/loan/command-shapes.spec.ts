import { describe, expect, it } from '@jest/globals';
import { arrangementCommandProblems, writeOffProblems } from './command-shapes.js';

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('arrangement commands', () => {
  const good = { arrangementId: 'a-1', proposedBy: 'col-asha', approvedBy: null, terms: { kind: 'plan', instalments: [] } };
  it('takes an envelope whose terms name a kind (the terms themselves are checked against the account)', () => {
    expect(arrangementCommandProblems(good)).toEqual([]);
  });
  it('names each field at fault', () => {
    expect(fields(arrangementCommandProblems({ ...good, arrangementId: '', approvedBy: 7, terms: { kind: 'holiday' } }))).toEqual(['arrangementId', 'approvedBy', 'terms.kind']);
    expect(fields(arrangementCommandProblems({ arrangementId: 'a', proposedBy: ' ', approvedBy: null, terms: [] }))).toEqual(['proposedBy', 'terms']);
    expect(fields(arrangementCommandProblems('plan'))).toEqual(['']);
  });
});

describe('write-off commands', () => {
  const good = { writeOffId: 'w-1', reason: 'deceased', proposedBy: 'col-asha', approvedBy: 'ops-ben' };
  it('need a second person', () => {
    expect(writeOffProblems(good)).toEqual([]);
    expect(fields(writeOffProblems({ ...good, approvedBy: null }))).toEqual(['approvedBy']);
    expect(fields(writeOffProblems({ ...good, approvedBy: 'col-asha' }))).toEqual(['approvedBy']);
  });
  it('names each field at fault', () => {
    expect(fields(writeOffProblems({ writeOffId: 1, reason: '', proposedBy: 'x', approvedBy: 'y' }))).toEqual(['writeOffId', 'reason']);
  });
});
