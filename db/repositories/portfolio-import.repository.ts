// Portfolio imports: the first request of an import creates its record; later requests of the same
// import (a retry, the same file again) add the loans they started and keep the first report.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface RejectedRow {
  /** 1-based: the CSV's data row (the header is row 0), or the JSON array's index + 1 */
  row: number;
  lenderReference: string | null;
  errors: { field: string; message: string }[];
}

export interface PortfolioImportRecord {
  id: string;
  hash: string;
  received: number;
  imported: number;
  alreadyImported: number;
  rejected: RejectedRow[];
  createdAt: string;
}

interface Row {
  id: string;
  hash: string;
  received: number;
  imported: number;
  already_imported: number;
  rejected: RejectedRow[];
  created_at: Date | string;
}

export class PortfolioImportRepository {
  constructor(private readonly em: EntityManager) {}

  /** Creates the record unless the import exists; answers it as stored and whether this call created it. */
  async open(id: string, hash: string, received: number, rejected: RejectedRow[]): Promise<{ record: PortfolioImportRecord; created: boolean }> {
    const inserted = await this.em.execute<{ affectedRows: number }>(
      `insert into portfolio_imports (id, hash, received, imported, already_imported, rejected, created_at) values (?, ?, ?, 0, 0, ?, now()) on conflict (id) do nothing`,
      [id, hash, received, JSON.stringify(rejected)],
      'run',
    );
    const record = await this.find(id);
    if (!record) throw new Error(`portfolio import ${id} vanished after it was opened`);
    return { record, created: inserted.affectedRows > 0 };
  }

  /** Adds what one request of the import did. */
  async count(id: string, imported: number, alreadyImported: number): Promise<PortfolioImportRecord> {
    await this.em.execute(`update portfolio_imports set imported = imported + ?, already_imported = already_imported + ? where id = ?`, [imported, alreadyImported, id], 'run');
    const record = await this.find(id);
    if (!record) throw new Error(`portfolio import ${id} vanished`);
    return record;
  }

  async find(id: string): Promise<PortfolioImportRecord | undefined> {
    const [row] = await this.em.execute<Row[]>(`select id, hash, received, imported, already_imported, rejected, created_at from portfolio_imports where id = ?`, [id]);
    if (!row) return undefined;
    const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : new Date(row.created_at).toISOString();
    return { id: row.id, hash: row.hash, received: row.received, imported: row.imported, alreadyImported: row.already_imported, rejected: row.rejected, createdAt };
  }
}
