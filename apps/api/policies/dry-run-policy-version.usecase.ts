// A version against the live delinquent portfolio, beside the active version: what each loan
// would get, and what the gate would say now. The version must pass validation (422 with its
// problems otherwise); nothing is recorded.
import { Injectable } from '@nestjs/common';
import { dryRun, type DryRunReport } from '../../../policies/recovery/dry-run.js';
import type { RecoveryPolicyDocument } from '../../../policies/recovery/policy-document.js';
import { Database } from '../database.js';
import { InvalidPolicyError, PolicyVersionNotFoundError } from '../errors.js';
import { checkPolicyVersion } from './check-policy-version.js';
import type { DryRunPolicyVersionCommand } from './dry-run-policy-version.command.js';
import { PolicyContextSource } from './policy-context.source.js';

@Injectable()
export class DryRunPolicyVersionUseCase {
  constructor(
    private readonly db: Database,
    private readonly context: PolicyContextSource,
  ) {}

  async execute({ version, limit }: DryRunPolicyVersionCommand): Promise<DryRunReport> {
    const repo = this.db.recoveryPolicies();
    const stored = await repo.find(version);
    if (!stored) throw new PolicyVersionNotFoundError(version);
    const { errors, document } = checkPolicyVersion(stored, await this.context.current());
    if (!document) throw new InvalidPolicyError(`policy version ${version} has ${errors.length} fault${errors.length === 1 ? '' : 's'}: fix them before a dry-run`, errors);
    const active = await repo.active();
    const accounts = await this.db.delinquentPortfolio().accounts();
    return dryRun({ version, document }, active ? { version: active.version, document: active.document as unknown as RecoveryPolicyDocument } : null, accounts, Date.now(), limit);
  }
}
