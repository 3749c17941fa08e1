// Test applications from the sandbox identities. Each gets its own device, as a different
// applicant session would: tests that apply several times with one identity must not trip the
// device-velocity fraud rule unless that is what they test.
import { randomUUID } from 'node:crypto';
import type { LoanApplication } from '../../domain/application.js';
import { testApplication, type TestApplicationOverrides, type TestIdentityKey } from '../sandboxes/identities.js';

export function application(key: TestIdentityKey, overrides: TestApplicationOverrides = {}): LoanApplication {
  return testApplication(key, { device: { id: `test-device-${randomUUID()}` }, ...overrides });
}
