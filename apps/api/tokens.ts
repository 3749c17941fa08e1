// Injection tokens for what createApi is given rather than what Nest builds: the process owns
// the config, the ORM, the Temporal connection and the logger, and closes them itself.
import type { Orm } from '../../db/orm.js';
import type { CredenceConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { LoanClient } from '../shared/temporal/loan-client.js';

export const CONFIG = Symbol('CredenceConfig');
export const ORM = Symbol('Orm');
export const LOGGER = Symbol('Logger');

export interface ApiDeps {
  config: CredenceConfig;
  orm: Orm;
  loans: LoanClient;
  logger?: Logger;
}
