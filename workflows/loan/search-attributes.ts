// Custom search attributes, so ops can filter loans in the Temporal UI
// (e.g. `LoanStatus = "delinquent" AND LoanBucket = "31-60"`). Values are never personal data.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const LOAN_STATUS = defineSearchAttributeKey('LoanStatus', SearchAttributeType.KEYWORD);
export const LOAN_BUCKET = defineSearchAttributeKey('LoanBucket', SearchAttributeType.KEYWORD);
export const LOAN_PRODUCT = defineSearchAttributeKey('LoanProduct', SearchAttributeType.KEYWORD);

/** Registered with every Temporal server Credence runs on (dev server flags, test servers). */
export const LOAN_SEARCH_ATTRIBUTES = [LOAN_STATUS, LOAN_BUCKET, LOAN_PRODUCT];
