// Stops the platform global-setup.ts started (its launcher's process group, which stops the rest
// in order) and removes its data directory.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { STATE_FILE } from './global-setup.ts';

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(STATE_FILE)) return;
  const { pid, dataDir } = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { pid: number; dataDir: string };
  rmSync(STATE_FILE);
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 250));
    } catch {
      break;
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}
