// A read that shows personal data or exports records (a loan's detail, a borrower's standing, a
// case's timeline, a report): `@AuditedRead()` records each call in the audit trail, with who asked
// and what for. Every command (POST, PUT, PATCH, DELETE) is recorded without saying so.
import { SetMetadata } from '@nestjs/common';

export const AUDITED_READ_METADATA = 'credence:audited-read';

export function AuditedRead(): MethodDecorator {
  return SetMetadata(AUDITED_READ_METADATA, true);
}

export function isAuditedRead(handler: object): boolean {
  return Reflect.getMetadata(AUDITED_READ_METADATA, handler) === true;
}
