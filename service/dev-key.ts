import fs from 'node:fs/promises';
import path from 'node:path';
import type { ApiKeyRepository } from '../worker';

/**
 * The key `make dev` prints: DEV_API_KEY when set, otherwise one made on first run and kept in the
 * data folder (mode 0600) so it survives restarts. It is the developer's own, so it may do
 * everything (admin): submit, and decide reviews on the /app page. A revoked key is never printed
 * again: a kept one is replaced by a new key, and a revoked DEV_API_KEY is not shown at all (undefined).
 */
export async function ensureDevApiKey(
  apiKeys: ApiKeyRepository,
  dataDir: string,
  fromEnv: string | undefined,
): Promise<string | undefined> {
  if (fromEnv) {
    if (await apiKeys.authenticate(fromEnv)) return adminKey(apiKeys, fromEnv);
    if (await apiKeys.has(fromEnv)) return undefined;
    return (await apiKeys.create('dev', { key: fromEnv, label: 'make dev', role: 'admin' })).key;
  }
  const file = path.join(dataDir, 'dev-api-key');
  const stored = await fs.readFile(file, 'utf8').then(
    (s) => s.trim(),
    () => undefined,
  );
  if (stored && (await apiKeys.authenticate(stored))) return adminKey(apiKeys, stored);
  // A kept key that is unknown here (a fresh database) is registered again; a revoked one is replaced.
  const reuse = stored && !(await apiKeys.has(stored)) ? stored : undefined;
  const { key } = await apiKeys.create('dev', { key: reuse, label: 'make dev', role: 'admin' });
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, key, { mode: 0o600 });
  return key;
}

/** Keys made before roles existed became submitters: the developer's own is made admin again. */
async function adminKey(apiKeys: ApiKeyRepository, key: string): Promise<string> {
  await apiKeys.setRole(key, 'admin');
  return key;
}
