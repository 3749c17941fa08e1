import { Injectable } from '@nestjs/common';
import { Database } from '../database.js';
import { PortfolioImportNotFoundError } from '../errors.js';
import type { ImportReport } from './import-portfolio.usecase.js';

export interface StoredImportReport extends ImportReport {
  createdAt: string;
}

@Injectable()
export class GetPortfolioImportUseCase {
  constructor(private readonly db: Database) {}

  async execute({ id }: { id: string }): Promise<StoredImportReport> {
    const record = await this.db.portfolioImports().find(id);
    if (!record) throw new PortfolioImportNotFoundError(id);
    const { received, imported, alreadyImported, rejected, createdAt } = record;
    return { importId: record.id, received, imported, alreadyImported, rejected, createdAt };
  }
}
