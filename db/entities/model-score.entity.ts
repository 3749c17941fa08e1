// Every production score, champion and challenger alike: the shadow-scoring record (both
// models' answers for the same subject, paired by scoringId) and the live population the
// drift monitor compares with the training baseline. A probability is a ratio, not money, so
// it is stored as a double.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ModelScore = defineEntity({
  name: 'ModelScore',
  tableName: 'model_scores',
  // (subject, model, role, scoredAt): a loan's latest score of a model, as the command centre's watchlists read it.
  indexes: [{ properties: ['model', 'role', 'scoredAt'] }, { properties: ['scoringId'] }, { properties: ['subject', 'model', 'role', 'scoredAt'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    /** one scoring event: the champion's row and the challenger's share it */
    scoringId: p.uuid(),
    model: p.string().length(64),
    version: p.string().length(32),
    /** 'champion' decides; 'challenger' is scored in the shadow and decides nothing */
    role: p.string().length(16),
    /** what was scored: a loan id, or 'api:<request id>' for POST /v1/score */
    subject: p.string().length(100),
    score: p.double(),
    /** at the model's threshold (binary and anomaly models) */
    flagged: p.boolean().nullable(),
    /** the encoded feature vector, in the card's order (NaN as null): drift is computed from it */
    inputs: p.json<(number | null)[]>().nullable(),
    scoredAt: p.datetime(),
  },
});

export type IModelScore = InferEntity<typeof ModelScore>;
