// `npm run rag:starter`: writes the starter collection's lending policy from policies/.
import { writeFileSync } from 'node:fs';
import { LENDING_POLICY_FILE, renderLendingPolicy } from './lending-policy.js';

writeFileSync(LENDING_POLICY_FILE, renderLendingPolicy());
process.stdout.write(`wrote ${LENDING_POLICY_FILE}\n`);
