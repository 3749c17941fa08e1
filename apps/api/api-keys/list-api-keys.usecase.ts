import { Injectable } from '@nestjs/common';
import { Database } from '../database.js';
import { viewOf, type ApiKeyView } from './api-key-view.js';

@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly db: Database) {}

  async execute(): Promise<{ items: ApiKeyView[] }> {
    return { items: (await this.db.apiKeys().list()).map(viewOf) };
  }
}
