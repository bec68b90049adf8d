import fs from 'node:fs/promises';
import path from 'node:path';
import type { ApiKeyRepository } from '../worker';

/**
 * The key `make dev` prints: DEV_API_KEY when set, otherwise one made on first run and kept in the
 * data folder (mode 0600) so it survives restarts. It is the developer's own, so it may do
 * everything (admin): submit, and decide reviews on the /app page.
 */
export async function ensureDevApiKey(apiKeys: ApiKeyRepository, dataDir: string, fromEnv: string | undefined): Promise<string> {
  const file = path.join(dataDir, 'dev-api-key');
  const stored =
    fromEnv ??
    (await fs.readFile(file, 'utf8').then(
      (s) => s.trim(),
      () => undefined,
    ));
  if (stored && (await apiKeys.has(stored))) {
    await apiKeys.setRole(stored, 'admin');
    return stored;
  }
  const { key } = await apiKeys.create('dev', { key: stored, label: 'make dev', role: 'admin' });
  if (!fromEnv) {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, key, { mode: 0o600 });
  }
  return key;
}
