// Loaded into the workflow sandbox by path (failureConverterPath): error messages and stack
// traces can quote personal data, so they are moved into the encoded (encrypted) attributes.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
