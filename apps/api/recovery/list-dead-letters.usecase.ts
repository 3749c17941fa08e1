// Contacts whose sends exhausted their retries, newest first, as ops work through them.
import { Injectable } from '@nestjs/common';
import type { DeadLetterStatus } from '../../../db/repositories/contact-dead-letter.repository.js';
import { decodeKeyset, encodeKeyset } from '../loans/cursor.js';
import { ContactRecords } from './contact-records.js';
import type { DeadLetterView } from './contact-views.js';

export interface DeadLetterList {
  items: DeadLetterView[];
  nextCursor: string | null;
}

@Injectable()
export class ListDeadLettersUseCase {
  constructor(private readonly records: ContactRecords) {}

  async execute(command: { filter: { channel?: string; status?: DeadLetterStatus }; cursor: string | null; limit: number }): Promise<DeadLetterList> {
    const after = (command.cursor ? decodeKeyset(command.cursor) : undefined) ?? null;
    const page = await this.records.deadLetters().list(command.filter, after, command.limit);
    const items = await Promise.all(page.items.map((letter) => this.records.deadLetterView(letter)));
    return { items, nextCursor: page.next ? encodeKeyset(page.next) : null };
  }
}
