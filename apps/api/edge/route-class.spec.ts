import { expect, it } from '@jest/globals';
import { routeClassOf } from './route-class.js';

it('classes a request by method and path as Express would route it', () => {
  expect(routeClassOf('POST', '/v1/score')).toBe('score');
  expect(routeClassOf('POST', '/V1/Score/')).toBe('score');
  expect(routeClassOf('POST', '/v1/webhooks/gateway')).toBe('webhook');
  for (const path of ['/v1/webhooks/twilio/status', '/v1/webhooks/twilio/inbound', '/v1/webhooks/twilio/voice/gather', '/v1/webhooks/sendgrid/events', '/v1/webhooks/lob/events']) expect(routeClassOf('POST', path)).toBe('webhook');
  expect(routeClassOf('GET', '/health')).toBe('ops');
  expect(routeClassOf('GET', '/metrics')).toBe('ops');
  expect(routeClassOf('GET', '/docs/swagger-ui.css')).toBe('ops');
  expect(routeClassOf('GET', '/openapi.json')).toBe('ops');
  expect(routeClassOf('GET', '/v1/loans/0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b')).toBe('read');
  expect(routeClassOf('HEAD', '/v1/models')).toBe('read');
  expect(routeClassOf('POST', '/v1/applications')).toBe('command');
  expect(routeClassOf('POST', '/v1/loans/x/payments')).toBe('command');
  expect(routeClassOf('DELETE', '/anything')).toBe('command');
  expect(routeClassOf('GET', '/nowhere')).toBe('read');
});

it("gives the borrower's pages, and what their forms post, a class of their own", () => {
  const loan = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
  const pages = [
    ['GET', `/validation/${loan}`],
    ['POST', `/validation/${loan}`],
    ['GET', `/pay/${loan}`],
    ['HEAD', `/Pay/${loan.toUpperCase()}/`],
    ['GET', `/unsubscribe/recovery-${loan}-1-3-email`],
    ['POST', `/UNSUBSCRIBE/recovery-${loan}-1-3-email/`],
  ] as const;
  for (const [method, path] of pages) expect([method, path, routeClassOf(method, path)]).toEqual([method, path, 'borrower']);
  // Only those pages: not a path that merely starts alike, nor a bare prefix (neither is a route).
  expect(routeClassOf('GET', `/payments/${loan}`)).toBe('read');
  expect(routeClassOf('GET', '/pay/')).toBe('read');
  expect(routeClassOf('POST', `/v1/loans/${loan}/payments`)).toBe('command');
  expect(routeClassOf('POST', '/v1/webhooks/sendgrid/events')).toBe('webhook');
});
