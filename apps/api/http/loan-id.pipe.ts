// `:loanId` route parameters: a UUID (any case; loan IDs are issued in lower case, and the
// workflow ID is case-sensitive), or a 400 before anything is looked up. LOAN_ID_SCHEMA is the
// same rule for the OpenAPI document: format uuid alone would promise any UUID, and the IDs
// Credence issues and takes are RFC 9562 ones (version 1 to 8, variant 10xx).
import { Injectable, type PipeTransform } from '@nestjs/common';
import { isLoanId, UUID_PATTERN } from '../../../domain/loan-id.js';
import { ProblemException } from './problem.js';

export const LOAN_ID_SCHEMA = { type: 'string', format: 'uuid', pattern: UUID_PATTERN } as const;

@Injectable()
export class LoanIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const loanId = String(value).toLowerCase();
    if (!isLoanId(loanId)) throw ProblemException.validation([{ field: 'loanId', message: 'must be a loan ID (a UUID)' }]);
    return loanId;
  }
}
