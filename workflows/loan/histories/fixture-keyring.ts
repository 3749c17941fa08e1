// The key the committed replay histories were recorded with. It protects nothing but these
// fixtures (synthetic sandbox identities); production keys never appear in the repository.
import { parseKeyring } from '../../../apps/shared/temporal/keyring.js';

export const FIXTURE_KEYRING = parseKeyring('replay-fixture:jA2xynYQ1STgj3OZ4chXYTZBv6NyKU7+lHFlynzTiCA=');
