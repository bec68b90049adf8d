import fs from 'node:fs';
import { writeExampleBundle } from '../../client/example/build';
import { BUNDLE_PATH } from '../../client/example/paths';
import { openServerRegistry, stopRegisteredServers } from './database';

/**
 * Mocha's global fixtures, run once in the main process whether the files run in parallel or not:
 * what the API serves is built first (a fresh clone has no bundle), and every Postgres a test process
 * started is stopped at the end.
 */
export async function mochaGlobalSetup(): Promise<void> {
  if (!fs.existsSync(BUNDLE_PATH)) await writeExampleBundle();
  await openServerRegistry();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopRegisteredServers();
}
