import { describe, expect, it } from '@jest/globals';
import { assertIssuerConfigured, assertProductionSettings, DEFAULT_ADMISSION, DEFAULT_RATE_LIMIT, developmentDefaultsInUse, DEVELOPMENT_IDENTITY, loadConfig, ProductionSettingsError, REQUIRED_IN_PRODUCTION } from './config.js';

describe('the API edge settings', () => {
  it('default to loopback, admission and rate limits on', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.api.edge).toMatchObject({ admission: DEFAULT_ADMISSION, rateLimit: DEFAULT_RATE_LIMIT, trustProxy: 0 });
  });

  it('override some classes and keep the defaults of the others', () => {
    const { edge } = loadConfig({ API_ADMISSION: 'score=4/100/50, read=1/2/3, borrower=2/50/1500', API_RATE_LIMIT: 'webhook=1000/2000,borrower=5/30' }).api;
    expect(edge.admission).toEqual({ ...DEFAULT_ADMISSION, score: { concurrency: 4, queue: 100, maxWaitMs: 50 }, read: { concurrency: 1, queue: 2, maxWaitMs: 3 }, borrower: { concurrency: 2, queue: 50, maxWaitMs: 1500 } });
    expect(edge.rateLimit).toEqual({ ...DEFAULT_RATE_LIMIT, webhook: { perSecond: 1000, burst: 2000 }, borrower: { perSecond: 5, burst: 30 } });
  });

  it('turn off with "off"', () => {
    expect(loadConfig({ API_ADMISSION: 'off', API_RATE_LIMIT: 'off' }).api.edge).toMatchObject({ admission: null, rateLimit: null });
  });

  it('refuse what they cannot mean', () => {
    expect(() => loadConfig({ API_ADMISSION: 'scoring=1/2/3' })).toThrow('API_ADMISSION must be "off" or a list like "score=concurrency/queue/maxWaitMs,…" with classes score, command, read, webhook, borrower, ops, got "scoring=1/2/3"');
    expect(() => loadConfig({ API_ADMISSION: 'score=1/2' })).toThrow('API_ADMISSION must be');
    expect(() => loadConfig({ API_ADMISSION: 'score=0/2/3' })).toThrow('score needs a concurrency of at least 1');
    expect(() => loadConfig({ API_RATE_LIMIT: 'read=1.5/2' })).toThrow('API_RATE_LIMIT must be');
    expect(() => loadConfig({ API_RATE_LIMIT: 'read=0/2' })).toThrow('read needs a rate and a burst of at least 1');
    expect(() => loadConfig({ API_HEADERS_TIMEOUT_MS: '60000', API_REQUEST_TIMEOUT_MS: '30000' })).toThrow('API_HEADERS_TIMEOUT_MS must not exceed API_REQUEST_TIMEOUT_MS');
  });
});

describe('who the notices name', () => {
  it('are development placeholders unless set, named as such', () => {
    const { recovery } = loadConfig({});
    expect(recovery).toEqual({ lenderName: 'Credence Finance', agentName: 'Credence Collections', ...DEVELOPMENT_IDENTITY, collector: { legalName: 'Credence Collections', ...DEVELOPMENT_IDENTITY.collector }, signalRelay: expect.anything() });
    expect(recovery.collector.mailingAddress).toContain('(development default)');
    expect(developmentDefaultsInUse({})).toEqual(Object.keys(REQUIRED_IN_PRODUCTION));
  });

  it('come from the environment', () => {
    const env = {
      COLLECTOR_LEGAL_NAME: 'Acme Recoveries LLC',
      COLLECTOR_MAILING_ADDRESS: 'PO Box 12, Austin, TX 78701',
      COLLECTOR_PHONE: '+1 (512) 555-0100',
      COLLECTOR_HOURS: 'Mon-Fri 8-6 CT',
      LENDER_ADDRESS: '200 Congress Ave, Austin, TX 78701',
      LOB_FROM_ADDRESS: '{"address_line1":"PO Box 12","address_city":"Austin","address_state":"TX","address_zip":"78701"}',
    };
    expect(loadConfig(env).lob.from).toEqual({ name: 'Acme Recoveries LLC', address_line1: 'PO Box 12', address_city: 'Austin', address_state: 'TX', address_zip: '78701' });
    expect(loadConfig(env).recovery).toMatchObject({ lenderAddress: env.LENDER_ADDRESS, collector: { legalName: env.COLLECTOR_LEGAL_NAME, mailingAddress: env.COLLECTOR_MAILING_ADDRESS, phone: env.COLLECTOR_PHONE, hours: env.COLLECTOR_HOURS } });
    expect(developmentDefaultsInUse(env)).toEqual([]);
    expect(() => assertProductionSettings({ ...env, NODE_ENV: 'production' })).not.toThrow();
  });

  it('the return address on letters is Lob\'s address fields as JSON, refused at start when it is not', () => {
    expect(loadConfig({}).lob.from).toEqual({ name: 'Credence Collections', address_line1: '1 Example Way', address_line2: 'Suite 100', address_city: 'Wilmington', address_state: 'DE', address_zip: '19801' });
    expect(() => loadConfig({ LOB_FROM_ADDRESS: '1 Example Way, Wilmington' })).toThrow('LOB_FROM_ADDRESS must be JSON like');
    expect(() => loadConfig({ LOB_FROM_ADDRESS: '{"address_line1":"1 Main St","address_city":"Austin","address_state":"Texas","address_zip":"78701"}' })).toThrow('address_state is missing or malformed');
  });

  it('must be given in production, each missing one named with what it is for', () => {
    expect(() => assertProductionSettings({})).not.toThrow();
    expect(() => assertProductionSettings({ NODE_ENV: 'production', COLLECTOR_LEGAL_NAME: 'Acme Recoveries LLC', COLLECTOR_PHONE: '  ' })).toThrow(
      new ProductionSettingsError(
        "NODE_ENV=production needs COLLECTOR_MAILING_ADDRESS, COLLECTOR_PHONE, COLLECTOR_HOURS, LENDER_ADDRESS, LOB_FROM_ADDRESS: COLLECTOR_MAILING_ADDRESS is the debt collector's mailing address (12 CFR 1006.34(c)(1)); " +
          "COLLECTOR_PHONE is the number consumers call the debt collector on; COLLECTOR_HOURS is when that number is answered; LENDER_ADDRESS is the lender's mailing address, the answer to a request for the original creditor of a loan it made (12 CFR 1006.38(c)); " +
          "LOB_FROM_ADDRESS is the return address printed on letters (the collector's mailing address as JSON of Lob's address fields: address_line1, address_line2, address_city, address_state, address_zip). " +
          'The development defaults `npm start` uses are placeholders and are never used in production (README, "Who the notices name").',
      ),
    );
  });
});

describe('the OIDC issuer', () => {
  it('is the local development issuer unless OIDC_ISSUER names one, kept exactly as given', () => {
    expect(loadConfig({}).auth).toMatchObject({ issuer: 'http://127.0.0.1:4060', audience: 'credence-api', localIssuer: true });
    expect(loadConfig({ OIDC_PORT: '4061' }).auth.issuer).toBe('http://127.0.0.1:4061');
    expect(loadConfig({ OIDC_ISSUER: 'https://login.example.com/', OIDC_AUDIENCE: 'api://credence' }).auth).toMatchObject({ issuer: 'https://login.example.com/', audience: 'api://credence', localIssuer: false });
  });

  it('must be named in production', () => {
    expect(() => assertIssuerConfigured({})).not.toThrow();
    expect(() => assertIssuerConfigured({ NODE_ENV: 'production' })).toThrow(/^NODE_ENV=production needs OIDC_ISSUER/);
    expect(() => assertIssuerConfigured({ NODE_ENV: 'production', OIDC_ISSUER: 'https://login.example.com' })).not.toThrow();
  });
});
