// Message templates per key, channel, language and tone, seeded from policies/recovery/templates/.
// A changed text is a new version (old versions stay, so a delivery's templateVersion still names
// what it was built from). Placeholders only; the values come from records at render time.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RecoveryTemplate = defineEntity({
  name: 'RecoveryTemplate',
  tableName: 'recovery_templates',
  uniques: [{ properties: ['key', 'channel', 'language', 'tone', 'version'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    key: p.string().length(64),
    channel: p.string().length(16),
    language: p.string().length(2),
    tone: p.string().length(16),
    version: p.integer(),
    subject: p.text().nullable(),
    body: p.text(),
    createdAt: p.datetime(),
  },
});

export type IRecoveryTemplate = InferEntity<typeof RecoveryTemplate>;
