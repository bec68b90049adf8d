import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A new folder under the system's temporary folder that others may enter. An embedded Postgres run as
 * root runs as the `postgres` user, and keeps its cluster inside the data folder only where that user
 * can enter it (elsewhere in a shared folder under /tmp, see embedded.ts), so a test's cluster goes
 * with the test's folder and its processes name that folder.
 */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  return dir;
}
