// API keys: created with their hash, found by prefix when a machine calls, listed and revoked by
// an admin. A revocation is recorded once: revoking again keeps the first time and person.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface ApiKeyRecord {
  id: string;
  prefix: string;
  hash: string;
  name: string;
  roles: string[];
  permissions: string[];
  agencyId: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

interface Row {
  id: string;
  prefix: string;
  hash: string;
  name: string;
  roles: string[];
  permissions: string[];
  agency_id: string | null;
  created_by: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  revoked_by: string | null;
}

const COLUMNS = 'id, prefix, hash, name, roles, permissions, agency_id, created_by, created_at, revoked_at, revoked_by';
const iso = (at: Date | string) => (at instanceof Date ? at : new Date(at)).toISOString();

function record(row: Row): ApiKeyRecord {
  return {
    id: row.id,
    prefix: row.prefix,
    hash: row.hash,
    name: row.name,
    roles: row.roles,
    permissions: row.permissions,
    agencyId: row.agency_id,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

export class ApiKeyRepository {
  constructor(private readonly em: EntityManager) {}

  async create(key: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt' | 'revokedBy'>): Promise<ApiKeyRecord> {
    const [row] = await this.em.execute<Row[]>(
      `insert into api_keys (id, prefix, hash, name, roles, permissions, agency_id, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, now()) returning ${COLUMNS}`,
      [key.id, key.prefix, key.hash, key.name, JSON.stringify(key.roles), JSON.stringify(key.permissions), key.agencyId, key.createdBy],
    );
    return record(row!);
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.em.execute<Row[]>(`select ${COLUMNS} from api_keys where prefix = ?`, [prefix]);
    return row ? record(row) : undefined;
  }

  /** Newest first. */
  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.em.execute<Row[]>(`select ${COLUMNS} from api_keys order by created_at desc, id`);
    return rows.map(record);
  }

  /** The key after revoking it (the first revocation stands); undefined when there is no such key. */
  async revoke(id: string, by: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.em.execute<Row[]>(`update api_keys set revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, ?) where id = ? returning ${COLUMNS}`, [by, id]);
    return row ? record(row) : undefined;
  }
}
