// The one data converter for every Temporal client and worker in Credence. A client without it
// could neither read loans nor start them in a form workers can read.
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption-codec.js';
import type { Keyring } from './keyring.js';

/** For every client and worker; the failure converter is loaded by path, also into the workflow bundle. */
export function dataConverter(keyring: Keyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring)], failureConverterPath: failureConverterPath() };
}

export function failureConverterPath(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith('.ts') ? './failure-converter.ts' : './failure-converter.js', here));
}
