// The stored message catalogue. Seeding is idempotent: an unchanged template is left alone, a
// changed one becomes the next version. Rendering reads the latest version.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TemplateSource } from '../../policies/recovery/template-catalogue.js';
import { textOrNull } from './row-values.js';

export interface StoredTemplate {
  key: string;
  channel: string;
  language: string;
  tone: string;
  version: number;
  subject: string | null;
  body: string;
}

type Row = Record<string, unknown>;

export class RecoveryTemplateRepository {
  constructor(private readonly em: EntityManager) {}

  /** How many templates got a new version. */
  async seed(sources: readonly TemplateSource[]): Promise<number> {
    return this.em.transactional(async (em) => {
      await em.execute(`select pg_advisory_xact_lock(hashtext('recovery_templates.seed'))`);
      const latest = await em.execute<Row[]>(
        `select distinct on (key, channel, language, tone) key, channel, language, tone, version, subject, body from recovery_templates order by key, channel, language, tone, version desc`,
      );
      const byId = new Map(latest.map((r) => [`${String(r.key)}/${String(r.channel)}/${String(r.language)}/${String(r.tone)}`, r]));
      let changed = 0;
      for (const s of sources) {
        const current = byId.get(`${s.key}/${s.channel}/${s.language}/${s.tone}`);
        if (current && current.body === s.body && textOrNull(current.subject) === s.subject) continue;
        await em.execute(`insert into recovery_templates (key, channel, language, tone, version, subject, body, created_at) values (?, ?, ?, ?, ?, ?, ?, now())`, [
          s.key, s.channel, s.language, s.tone, current ? Number(current.version) + 1 : 1, s.subject, s.body,
        ]);
        changed++;
      }
      return changed;
    });
  }

  async latest(key: string, channel: string, language: string, tone: string): Promise<StoredTemplate | null> {
    const [row] = await this.em.execute<Row[]>(
      `select * from recovery_templates where key = ? and channel = ? and language = ? and tone = ? order by version desc limit 1`,
      [key, channel, language, tone],
    );
    return row
      ? { key: String(row.key), channel: String(row.channel), language: String(row.language), tone: String(row.tone), version: Number(row.version), subject: textOrNull(row.subject), body: String(row.body) }
      : null;
  }
}
