// Builds the HTTP API around the dependencies the process owns (config, ORM, LoanClient, logger):
// configured and initialised, not listening. main.ts listens; tests listen on port 0.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { createLogger } from '../shared/logger.js';
import { ApiModule } from './api.module.js';
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
  serveOpenApi(app);
  await app.init();
  return app;
}
