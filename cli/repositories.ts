import { createLogger, loadConfig, loadSecrets, openRepositories, type Repositories } from '../worker';

/** Opens the configured (or embedded) database for one command and closes it after. */
export async function withRepositories<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
  await loadSecrets();
  const { repos, close } = await openRepositories(loadConfig(), createLogger('warn'));
  try {
    return await fn(repos);
  } finally {
    await close();
  }
}
