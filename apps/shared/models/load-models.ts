// The process's model registry, recording every score to model_scores: loaded once at start
// (ONNX sessions are created here, not per request) by the worker, the API and the test kit.
import type { MikroORM } from '@mikro-orm/postgresql';
import { ModelRegistry } from '../../../models/registry/index.js';
import type { Logger } from '../logger.js';
import { ScoreLog } from './score-log.js';

export interface LoadedModels {
  models: ModelRegistry;
  scoreLog: ScoreLog;
  /** waits for shadow scores, writes what is buffered, releases the sessions */
  close(): Promise<void>;
}

export async function loadModels(orm: MikroORM, logger: Logger, options: { dir?: string } = {}): Promise<LoadedModels> {
  const scoreLog = new ScoreLog(orm, logger);
  const models = await ModelRegistry.load({
    ...(options.dir ? { dir: options.dir } : {}),
    sink: scoreLog,
    onShadowError: (err) => logger.error({ err }, 'challenger shadow scoring failed'),
  });
  logger.info({ models: models.names().map((name) => `${name}@${models.champion(name).version}`) }, 'models loaded');
  return {
    models,
    scoreLog,
    async close() {
      await models.dispose();
      await scoreLog.flush();
    },
  };
}
