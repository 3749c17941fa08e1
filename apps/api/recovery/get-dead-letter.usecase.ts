// One dead letter: why it could not be sent, the address it was for (masked), and any replay.
import { Injectable } from '@nestjs/common';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from './contact-records.js';
import type { DeadLetterView } from './contact-views.js';

@Injectable()
export class GetDeadLetterUseCase {
  constructor(private readonly records: ContactRecords) {}

  async execute(command: { id: string }): Promise<DeadLetterView> {
    const letter = await this.records.deadLetters().find(command.id);
    if (!letter) throw new ProblemException('deadLetterNotFound', `there is no dead letter ${command.id}`);
    return this.records.deadLetterView(letter);
  }
}
