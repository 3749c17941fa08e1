// Loads and checks a sanctions list shipped as data. The list is read once at worker start; a
// malformed file stops the worker rather than screening against half a list.
import { readFileSync } from 'node:fs';
import { isIsoDate, type IsoDate } from '../../domain/calendar.js';

export interface SanctionsEntry {
  id: string;
  name: string;
  aliases: string[];
  /** absent when the list does not know it: a name match then cannot be confirmed or ruled out */
  dateOfBirth?: IsoDate;
  program?: string;
}

export const SANDBOX_SANCTIONS_FILE = new URL('./sandbox-sanctions.json', import.meta.url);

export function loadSanctionsList(file: URL | string = SANDBOX_SANCTIONS_FILE): SanctionsEntry[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
  if (!Array.isArray(parsed.entries)) throw new Error(`${String(file)}: expected { entries: [...] }`);
  return parsed.entries.map((raw: unknown, i) => {
    const e = raw as Partial<SanctionsEntry>;
    if (typeof e.id !== 'string' || typeof e.name !== 'string' || e.name.trim() === '') throw new Error(`${String(file)}: entries[${i}] needs an id and a name`);
    if (e.dateOfBirth !== undefined && !isIsoDate(e.dateOfBirth)) throw new Error(`${String(file)}: entries[${i}].dateOfBirth must be YYYY-MM-DD`);
    const aliases = Array.isArray(e.aliases) ? e.aliases.filter((a): a is string => typeof a === 'string') : [];
    return { id: e.id, name: e.name, aliases, ...(e.dateOfBirth ? { dateOfBirth: e.dateOfBirth } : {}), ...(e.program ? { program: e.program } : {}) };
  });
}
