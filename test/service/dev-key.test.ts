import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { ensureDevApiKey } from '../../service/dev-key';
import { startTestApp, type TestApp } from '../helpers/app';

describe('the dev key make dev prints', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  it('when the kept key works, then the same key is printed at the next start', async () => {
    const dir = path.join(t.dataDir, 'kept');
    const first = await ensureDevApiKey(t.runtime.repos.apiKeys, dir, undefined);
    expect(await ensureDevApiKey(t.runtime.repos.apiKeys, dir, undefined)).to.equal(first);
  });

  it('when the kept key was revoked, then the next start prints a new working key, never the revoked one', async () => {
    const dir = path.join(t.dataDir, 'revoked');
    const revoked = await ensureDevApiKey(t.runtime.repos.apiKeys, dir, undefined);
    expect(await t.runtime.repos.apiKeys.revoke(revoked as string)).to.equal(1);
    const next = await ensureDevApiKey(t.runtime.repos.apiKeys, dir, undefined);
    expect(next).to.be.a('string').and.not.equal(revoked);
    expect(await t.runtime.repos.apiKeys.authenticate(next as string)).to.not.equal(null);
    expect((await fs.readFile(path.join(dir, 'dev-api-key'), 'utf8')).trim()).to.equal(next);
  });

  it('when DEV_API_KEY names a revoked key, then no key is printed', async () => {
    const key = `kyb_dev-env-key-${Date.now()}-abcdefgh`;
    expect(await ensureDevApiKey(t.runtime.repos.apiKeys, t.dataDir, key)).to.equal(key);
    await t.runtime.repos.apiKeys.revoke(key);
    expect(await ensureDevApiKey(t.runtime.repos.apiKeys, t.dataDir, key)).to.equal(undefined);
  });
});
