// A production process (NODE_ENV=production, as the image runs) never names a placeholder debt
// collector to a borrower: the built API, worker and launcher refuse to start without the Reg F
// identity settings, saying which are missing and what each is for; given them, they get past
// that check (and stop at the next thing this test does not give them: a database). The API also
// needs the OIDC issuer it trusts: the local development issuer is never a production default.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIRED_IN_PRODUCTION } from './config.js';

const built = (entry: string) => fileURLToPath(new URL(`../../dist/apps/${entry}/main.js`, import.meta.url));

const IDENTITY = {
  COLLECTOR_LEGAL_NAME: 'Acme Recoveries LLC',
  COLLECTOR_MAILING_ADDRESS: 'PO Box 12, Austin, TX 78701',
  COLLECTOR_PHONE: '+1 (512) 555-0100',
  COLLECTOR_HOURS: 'Monday to Friday, 8 a.m. to 6 p.m. Central Time',
  LENDER_ADDRESS: '200 Congress Ave, Austin, TX 78701',
  LOB_FROM_ADDRESS: '{"address_line1":"PO Box 12","address_city":"Austin","address_state":"TX","address_zip":"78701"}',
};

/** Runs a built entry point to its exit with the given environment (none of ours leaks in). */
async function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-production-'));
  try {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in REQUIRED_IN_PRODUCTION) && !['DATABASE_URL', 'NODE_ENV', 'OIDC_ISSUER'].includes(k)));
    const child = spawn(process.execPath, [built(entry)], { env: { ...inherited, CREDENCE_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, output };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('a production process without the debt collector it names', () => {
  for (const entry of ['api', 'worker', 'launcher']) {
    it(`${entry}: refuses to start, naming each missing setting`, async () => {
      const { code, output } = await run(entry, { NODE_ENV: 'production', COLLECTOR_LEGAL_NAME: 'Acme Recoveries LLC' });
      expect(code).toBe(1);
      expect(output).toContain('NODE_ENV=production needs COLLECTOR_MAILING_ADDRESS, COLLECTOR_PHONE, COLLECTOR_HOURS, LENDER_ADDRESS, LOB_FROM_ADDRESS');
      expect(output).toContain("COLLECTOR_MAILING_ADDRESS is the debt collector's mailing address (12 CFR 1006.34(c)(1))");
    }, 60_000);
  }

  it('api and worker: given them (and the API the issuer it trusts), get past the checks to their database', async () => {
    for (const entry of ['api', 'worker']) {
      const { code, output } = await run(entry, { NODE_ENV: 'production', ...IDENTITY, OIDC_ISSUER: 'https://login.example.com' });
      expect(code).not.toBe(0);
      expect(output).not.toContain('NODE_ENV=production needs');
      expect(output).toContain('DATABASE_URL is required');
    }
  }, 60_000);

  it('api: refuses to start without the OIDC issuer whose tokens it verifies', async () => {
    const { code, output } = await run('api', { NODE_ENV: 'production', ...IDENTITY });
    expect(code).toBe(1);
    expect(output).toContain('NODE_ENV=production needs OIDC_ISSUER');
  }, 60_000);
});
