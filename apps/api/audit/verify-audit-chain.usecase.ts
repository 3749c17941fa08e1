// The audit chain checked from its first row (apps/shared/audit/verify-audit-chain.ts).
import { Inject, Injectable } from '@nestjs/common';
import type { Orm } from '../../../db/orm.js';
import { verifyAuditChain, type ChainVerification } from '../../shared/audit/verify-audit-chain.js';
import { ORM } from '../tokens.js';

@Injectable()
export class VerifyAuditChainUseCase {
  constructor(@Inject(ORM) private readonly orm: Orm) {}

  execute(): Promise<ChainVerification> {
    return verifyAuditChain(this.orm);
  }
}
