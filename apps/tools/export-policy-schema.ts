// Writes policies/recovery/recovery-policy.schema.json from the schema the validator compiles
// (`npm run -s policy:schema`); a spec fails while the committed file differs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECOVERY_POLICY_SCHEMA } from '../../policies/recovery/recovery-policy.schema.js';
import { projectRoot } from '../launcher/temporal-binary.js';

export const POLICY_SCHEMA_FILE = join(projectRoot(), 'policies', 'recovery', 'recovery-policy.schema.json');

export function policySchemaText(): string {
  return `${JSON.stringify(RECOVERY_POLICY_SCHEMA, null, 2)}\n`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(POLICY_SCHEMA_FILE, policySchemaText());
  console.log(`wrote ${POLICY_SCHEMA_FILE}`);
}
