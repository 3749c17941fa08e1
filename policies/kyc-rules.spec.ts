import { describe, expect, it } from '@jest/globals';
import { testApplication } from '../apps/sandboxes/identities.js';
import type { LoanApplication } from '../domain/application.js';
import { evaluateKyc, KYC_CHECK, screenSanctions } from './kyc-rules.js';
import type { SanctionsEntry } from './sanctions/sanctions-list.js';

const LIST: SanctionsEntry[] = [
  { id: 'T-1', name: 'Vesna Drakovic', aliases: ['Vesna Drakovich'], dateOfBirth: '1969-03-03' },
  { id: 'T-2', name: 'Tamsin Grell', aliases: [] },
];
const AS_OF = '2026-11-21';

function withApplicant(changes: Partial<LoanApplication['applicant']>, base = testApplication('approved')): LoanApplication {
  return { ...base, applicant: { ...base.applicant, ...changes } };
}
const failed = (app: LoanApplication) => evaluateKyc(app, AS_OF, LIST).checks.filter((c) => !c.passed).map((c) => c.code);

describe('evaluateKyc', () => {
  it('passes a complete adult application, recording every check', () => {
    const result = evaluateKyc(testApplication('approved'), AS_OF, LIST);
    expect(result.outcome).toBe('pass');
    expect(result.checks.map((c) => c.code).sort()).toEqual(Object.values(KYC_CHECK).sort());
  });

  it('fails anyone under 18 or over 100 on the day, and counts birthdays exactly', () => {
    expect(evaluateKyc(testApplication('underage'), AS_OF, LIST)).toMatchObject({ outcome: 'fail' });
    expect(failed(withApplicant({ dateOfBirth: '2008-11-22' }))).toEqual([KYC_CHECK.age]);
    expect(failed(withApplicant({ dateOfBirth: '2008-11-21' }))).toEqual([]);
    expect(failed(withApplicant({ dateOfBirth: '1925-11-21' }))).toEqual([KYC_CHECK.age]);
    expect(failed(withApplicant({ dateOfBirth: '2030-01-01' }))).toEqual([KYC_CHECK.age]);
  });

  it('needs consent to at least one credit-data source and a recorded contact consent', () => {
    const base = testApplication('approved');
    expect(failed({ ...base, consents: { bureauPull: false, bankData: false, contact: true } })).toEqual([KYC_CHECK.dataConsent]);
    expect(failed({ ...base, consents: { bureauPull: false, bankData: true, contact: false } })).toEqual([]);
    expect(failed({ ...base, consents: { bureauPull: true, bankData: false } as unknown as LoanApplication['consents'] })).toEqual([KYC_CHECK.contactConsent]);
  });

  it('checks the shape of email, phone, PAN and PIN code, and the country', () => {
    expect(failed(withApplicant({ email: 'priya@localhost', phone: '09820011001', nationalId: 'AKLCS4821K' })).sort()).toEqual([KYC_CHECK.email, KYC_CHECK.nationalId, KYC_CHECK.phone].sort());
    const base = testApplication('approved');
    expect(failed(withApplicant({ address: { ...base.applicant.address, postalCode: '040050' } }))).toEqual([KYC_CHECK.postalCode]);
    expect(failed(withApplicant({ address: { ...base.applicant.address, country: 'BR' } }))).toEqual([KYC_CHECK.country]);
    const american = withApplicant({ nationalId: '123-45-6789', phone: '+14155550123', address: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' } });
    expect(failed(american)).toEqual([]);
    expect(failed({ ...american, applicant: { ...american.applicant, nationalId: '666-45-6789' } })).toEqual([KYC_CHECK.nationalId]);
  });

  it('fails an exact sanctions match (name and date of birth) and reviews a name-only match', () => {
    const exact = evaluateKyc(withApplicant({ firstName: 'Vesna', lastName: 'Drakovic', dateOfBirth: '1969-03-03' }), AS_OF, LIST);
    expect(exact.outcome).toBe('fail');
    expect(exact.checks.find((c) => c.code === KYC_CHECK.sanctions)).toMatchObject({ passed: false, detail: 'name and date of birth match sanctions entry T-1' });
    const nameOnly = evaluateKyc(withApplicant({ firstName: 'Vesna', lastName: 'Drakovic', dateOfBirth: '1980-01-01' }), AS_OF, LIST);
    expect(nameOnly.outcome).toBe('review');
    expect(evaluateKyc(withApplicant({ firstName: 'Tamsin', lastName: 'Grell' }), AS_OF, LIST).outcome).toBe('review');
  });

  it('lets a failed check outrank a review', () => {
    const both = withApplicant({ firstName: 'Tamsin', lastName: 'Grell', email: 'nope' });
    expect(evaluateKyc(both, AS_OF, LIST).outcome).toBe('fail');
  });
});

describe('screenSanctions', () => {
  it('matches aliases, any word order, any case and accents', () => {
    expect(screenSanctions('VESNA', 'DRAKOVICH', '1969-03-03', LIST)).toMatchObject({ kind: 'name_and_dob' });
    expect(screenSanctions('Drakovic', 'Vesna', '1969-03-03', LIST)).toMatchObject({ kind: 'name_and_dob' });
    expect(screenSanctions('Vésna', 'Drakovič', '1990-01-01', LIST)).toMatchObject({ kind: 'name_only', entry: { id: 'T-1' } });
    expect(screenSanctions('Vesna', 'Drake', '1969-03-03', LIST)).toEqual({ kind: 'none' });
  });
});
