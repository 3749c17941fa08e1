// `:loanId` route parameters: a UUID (any case; loan IDs are issued in lower case, and the
// workflow ID is case-sensitive), or a 400 before anything is looked up.
import { Injectable, type PipeTransform } from '@nestjs/common';
import { isLoanId } from '../../../domain/loan-id.js';
import { ProblemException } from './problem.js';

@Injectable()
export class LoanIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const loanId = String(value).toLowerCase();
    if (!isLoanId(loanId)) throw ProblemException.validation([{ field: 'loanId', message: 'must be a loan ID (a UUID)' }]);
    return loanId;
  }
}
