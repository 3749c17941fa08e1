// Nest's own messages (bootstrap, route mapping) through our pino logger. Its chatty "log"
// level goes to debug, so an API's info log is requests and what matters.
import type { LoggerService } from '@nestjs/common';
import type { Logger } from '../../shared/logger.js';

export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.logger.error({ context: context ?? stackOrContext, ...(context ? { stack: stackOrContext } : {}) }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
