import { stopTestDatabase } from './database';

/** Mocha root hooks: whatever the run started is stopped at its end. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopTestDatabase();
  },
};
