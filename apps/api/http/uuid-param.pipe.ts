// A UUID route parameter other than a loan's (which has LoanIdPipe): any case in, lower case
// out, or a 400 naming the parameter before anything is looked up. Its OpenAPI schema is
// LOAN_ID_SCHEMA: the same kind of UUID.
import { Injectable, type PipeTransform } from '@nestjs/common';
import { isLoanId } from '../../../domain/loan-id.js';
import { ProblemException } from './problem.js';

@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    const id = String(value).toLowerCase();
    // Loan IDs and the other IDs Credence issues are the same kind of UUID.
    if (!isLoanId(id)) throw ProblemException.validation([{ field: this.field, message: 'must be a UUID' }]);
    return id;
  }
}
