// Builds the HTTP API around the dependencies the process owns (config, ORM, LoanClient, logger):
// configured and initialised, not listening. main.ts listens; tests listen on port 0. It does not
// start while any route leaves unsaid who may call it. Every command
// and every read of personal data goes through the audit trail.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { createLogger } from '../shared/logger.js';
import { ApiModule, CONTROLLERS } from './api.module.js';
import { CallAssistGateway } from './calls/call-assist.gateway.js';
import { RouteAccess } from './auth/route-access.js';
import { AuditTrail } from './audit/audit-trail.js';
import { expressRouterStack } from './edge/allowed-methods.js';
import { installEdge } from './edge/http-edge.js';
import { NestPinoLogger } from './http/nest-logger.js';
import { requestLog } from './http/request-log.js';
import { serveOpenApi } from './openapi.js';
import type { ApiDeps } from './tokens.js';

export async function createApi(deps: ApiDeps): Promise<INestApplication> {
  const logger = deps.logger ?? createLogger('api');
  // Body parsing is JsonBodyMiddleware's (it keeps the raw bytes for webhook signatures and
  // routes parse errors to the problem filter), so Nest's parsers stay off.
  const app = await NestFactory.create(ApiModule.register({ ...deps, logger }), new ExpressAdapter(), { bodyParser: false, logger: new NestPinoLogger(logger), abortOnError: false });
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  installEdge(app, deps.config.api.edge, logger);
  app.use(requestLog(logger));
  // Commands and reads of personal data are recorded before their answer leaves (audit/audit-trail.ts).
  const audit = app.get(AuditTrail);
  app.use(audit.middleware());
  serveOpenApi(app);
  await app.init();
  // A route that declares nothing about who may call it stops the start (UndeclaredRoutesError).
  try {
    app.get(RouteAccess).bind(CONTROLLERS, expressRouterStack(app));
  } catch (err) {
    await app.close();
    throw err;
  }
  audit.bind(CONTROLLERS, expressRouterStack(app));
  // The live-call assist is the API's one WebSocket, on the same server and port (calls/call-assist.gateway.ts).
  app.get(CallAssistGateway).attach(app.getHttpServer() as Server);
  return app;
}
