// The IDs recovery issues: a case is its episode's workflow ID (recovery-<loanId>-<episode>), a
// work item is the hand-off case of that episode (case-<workflowId>). Checked here, once, for
// route parameters; lower case out.
import { Injectable, type PipeTransform } from '@nestjs/common';
import { UUID_PATTERN } from '../../../domain/loan-id.js';
import { ProblemException } from '../http/problem.js';

const UUID_BODY = UUID_PATTERN.slice(1, -1);
export const RECOVERY_CASE_ID_PATTERN = `^recovery-${UUID_BODY}-[1-9][0-9]{0,5}$`;
export const WORK_ITEM_ID_PATTERN = `^case-recovery-${UUID_BODY}-[1-9][0-9]{0,5}$`;
export const ASSIGNEE_ID_PATTERN = '^[A-Za-z0-9._@:-]{1,64}$';

@Injectable()
export class RecoveryIdPipe implements PipeTransform<string, string> {
  private readonly pattern: RegExp;

  constructor(
    private readonly field: string,
    pattern: string,
    private readonly example: string,
  ) {
    this.pattern = new RegExp(pattern);
  }

  transform(value: string): string {
    const id = String(value);
    if (!this.pattern.test(id)) throw ProblemException.validation([{ field: this.field, message: `must look like ${this.example}` }]);
    return id.toLowerCase();
  }
}
