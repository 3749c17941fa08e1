import { Injectable } from '@nestjs/common';
import type { UnappliedCashItem } from '../../../domain/unapplied-cash.js';
import { Database } from '../database.js';
import { UnappliedCashNotFoundError } from '../errors.js';
import type { GetUnappliedCashCommand } from './get-unapplied-cash.command.js';

@Injectable()
export class GetUnappliedCashUseCase {
  constructor(private readonly db: Database) {}

  async execute({ id }: GetUnappliedCashCommand): Promise<UnappliedCashItem> {
    const item = await this.db.unappliedCash().find(id);
    if (!item) throw new UnappliedCashNotFoundError(id);
    return item;
  }
}
