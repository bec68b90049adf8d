import fs from 'node:fs';
import { writeExampleBundle } from '../../client/example/build';
import { BUNDLE_PATH } from '../../client/example/paths';
import { stopTestDatabase } from './database';

/** Mocha root hooks: what the API serves is built first (a fresh clone has no bundle); whatever the run started is stopped at its end. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    if (!fs.existsSync(BUNDLE_PATH)) await writeExampleBundle();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopTestDatabase();
  },
};
