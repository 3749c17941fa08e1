// What the API's use cases can refuse, in their own words; http/problem-mapping.ts decides how
// each one reads over HTTP, so the use cases stay free of status codes.
export class LoanNotFoundError extends Error {
  override readonly name = 'LoanNotFoundError';
  constructor(readonly loanId: string) {
    super(`there is no loan ${loanId}`);
  }
}

export class LoanClosedError extends Error {
  override readonly name = 'LoanClosedError';
  constructor(readonly loanId: string) {
    super(`loan ${loanId} is closed: it takes no more commands`);
  }
}

/** The loan's workflow refused the command in its validator (nothing was recorded). */
export class LoanCommandRejectedError extends Error {
  override readonly name = 'LoanCommandRejectedError';
}

/** Well-formed fields that do not fit the loan (another currency, a date before it began, a reused reference): 422 naming each. */
export class UnprocessableFieldsError extends Error {
  override readonly name = 'UnprocessableFieldsError';
  constructor(readonly errors: { field: string; message: string }[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** The reviewer's terms fall outside the product (the pricing activity refused them). */
export class InvalidReviewTermsError extends Error {
  override readonly name = 'InvalidReviewTermsError';
}

export class NoPayoffQuoteError extends Error {
  override readonly name = 'NoPayoffQuoteError';
  constructor(readonly loanId: string) {
    super(`loan ${loanId} is not being repaid, so it has no payoff amount`);
  }
}

export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${JSON.stringify(key)} was first used with a different request body; use a new key for a new request`);
  }
}

export class InvalidWebhookSignatureError extends Error {
  override readonly name = 'InvalidWebhookSignatureError';
}

/** A Twilio callback whose X-Twilio-Signature is missing or wrong: 403, as Twilio's own middleware answers. */
export class ForgedCallbackError extends Error {
  override readonly name = 'ForgedCallbackError';
}

export class MalformedWebhookError extends Error {
  override readonly name = 'MalformedWebhookError';
}

export class UnappliedCashNotFoundError extends Error {
  override readonly name = 'UnappliedCashNotFoundError';
  constructor(readonly id: string) {
    super(`there is no unapplied cash ${id}`);
  }
}

/** The item's money has gone (or is going) elsewhere: applied, refunded, or under way. */
export class UnappliedCashSettledError extends Error {
  override readonly name = 'UnappliedCashSettledError';
}

/** Unapplied cash goes only to a loan that is being repaid (active or delinquent). */
export class LoanNotServicingError extends Error {
  override readonly name = 'LoanNotServicingError';
}

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
}

/** The money did not come through the gateway, so the gateway has nothing to refund it against. */
export class NotRefundableError extends Error {
  override readonly name = 'NotRefundableError';
}

/** The gateway declined or refused the refund; nothing moved and the item is open again. */
export class RefundRefusedError extends Error {
  override readonly name = 'RefundRefusedError';
}

export class PolicyVersionNotFoundError extends Error {
  override readonly name = 'PolicyVersionNotFoundError';
  constructor(readonly version: number | string) {
    super(`there is no escalation-policy version ${version}`);
  }
}

/** No version is active (a database the seeder never ran on). */
export class NoActivePolicyError extends Error {
  override readonly name = 'NoActivePolicyError';
  constructor() {
    super('no escalation-policy version is active');
  }
}

/** Only a validated version can become active. */
export class PolicyNotValidatedError extends Error {
  override readonly name = 'PolicyNotValidatedError';
}

/** The policy document has faults: each with its JSON Pointer, and its line in the submitted text where known. */
export class InvalidPolicyError extends Error {
  override readonly name = 'InvalidPolicyError';
  constructor(
    message: string,
    readonly problems: { path: string; message: string; line?: number; column?: number }[] = [],
  ) {
    super(message);
  }
}

export class PortfolioImportNotFoundError extends Error {
  override readonly name = 'PortfolioImportNotFoundError';
  constructor(readonly id: string) {
    super(`there is no portfolio import ${id}`);
  }
}

/** An import none of whose rows could be imported: 422, with the report naming each row's faults. */
export class NoValidImportRowsError extends Error {
  override readonly name = 'NoValidImportRowsError';
  constructor(readonly report: object & { received: number }) {
    super(report.received === 0 ? 'the import holds no rows' : `none of the ${report.received} rows could be imported: the report names each row's faults`);
  }
}

export class ExperimentNotFoundError extends Error {
  override readonly name = 'ExperimentNotFoundError';
  constructor(readonly id: string) {
    super(`there is no recovery experiment ${id}`);
  }
}

/** At most one experiment runs at a time: stop or promote the running one first. */
export class ExperimentRunningError extends Error {
  override readonly name = 'ExperimentRunningError';
}

/** A challenger is a version that passed validation and is not the active one (the champion). */
export class ChallengerNotEligibleError extends Error {
  override readonly name = 'ChallengerNotEligibleError';
}

/** The experiment has already ended the other way (a stopped one cannot be promoted, nor a promoted one stopped). */
export class ExperimentEndedError extends Error {
  override readonly name = 'ExperimentEndedError';
}

export class ApiKeyNotFoundError extends Error {
  override readonly name = 'ApiKeyNotFoundError';
  constructor(readonly id: string) {
    super(`there is no API key ${id}`);
  }
}
