import { randomUUID } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { expect } from 'chai';
import { loadSecrets, SecretError } from '../../worker/secrets';
import { startFakeSecretsManager, type FakeSecretsManager } from './helpers/secrets-manager';

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-2:000000000000:secret:${name}-${randomUUID().slice(0, 6)}`;

describe('secrets from Secrets Manager', () => {
  let sm: FakeSecretsManager;
  let client: SecretsManagerClient;
  before(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    sm = await startFakeSecretsManager();
    client = new SecretsManagerClient({ region: 'eu-west-2', endpoint: sm.endpoint });
  });
  after(async () => {
    client.destroy();
    await sm.stop();
  });

  it('when DATABASE_SECRET_ARN names an RDS secret, then DATABASE_URL is built from it with the TLS mode, escaping the password', async () => {
    const db = arn('rds');
    sm.put(
      db,
      JSON.stringify({ engine: 'postgres', username: 'kyb_app', password: 'p@ss/w:rd?', host: 'db.internal', port: 5432, dbname: 'kyb' }),
    );
    const env: NodeJS.ProcessEnv = { DATABASE_SECRET_ARN: db, DATABASE_SSLMODE: 'require' };
    expect(await loadSecrets(env, { client })).to.deep.equal(['DATABASE_URL']);
    const url = new URL(env.DATABASE_URL ?? '');
    expect(url.protocol).to.equal('postgres:');
    expect([url.hostname, url.port, url.pathname]).to.deep.equal(['db.internal', '5432', '/kyb']);
    expect(decodeURIComponent(url.username)).to.equal('kyb_app');
    expect(decodeURIComponent(url.password)).to.equal('p@ss/w:rd?');
    expect(url.searchParams.get('sslmode')).to.equal('require');
  });

  it('when other secrets are named, then each variable is set from a plain value or from its own key of a JSON value', async () => {
    const openai = arn('openai');
    const hmrc = arn('hmrc');
    sm.put(openai, 'sk-test-123');
    sm.put(hmrc, JSON.stringify({ HMRC_CLIENT_SECRET: 'hmrc-secret', other: 'ignored' }));
    const env: NodeJS.ProcessEnv = { OPENAI_API_KEY_SECRET_ARN: openai, HMRC_CLIENT_SECRET_SECRET_ARN: hmrc };
    expect(await loadSecrets(env, { client })).to.deep.equal(['HMRC_CLIENT_SECRET', 'OPENAI_API_KEY']);
    expect(env.OPENAI_API_KEY).to.equal('sk-test-123');
    expect(env.HMRC_CLIENT_SECRET).to.equal('hmrc-secret');
  });

  it('when secrets are loaded again in the same container, then Secrets Manager is asked only once', async () => {
    const key = arn('companies-house');
    sm.put(key, 'ch-key');
    for (let i = 0; i < 3; i++) {
      const env: NodeJS.ProcessEnv = { COMPANIES_HOUSE_API_KEY_SECRET_ARN: key };
      await loadSecrets(env, { client });
      expect(env.COMPANIES_HOUSE_API_KEY).to.equal('ch-key');
    }
    expect(sm.calls.get(key)).to.equal(1);
  });

  it('when the variable is already set, then the local value wins and the secret is not read', async () => {
    const key = arn('override');
    sm.put(key, 'from-aws');
    const env: NodeJS.ProcessEnv = { OPENAI_API_KEY_SECRET_ARN: key, OPENAI_API_KEY: 'local' };
    expect(await loadSecrets(env, { client })).to.deep.equal([]);
    expect(env.OPENAI_API_KEY).to.equal('local');
    expect(sm.calls.get(key)).to.equal(undefined);
  });

  it('when a secret is missing or malformed, then start-up fails with a stable code, and a later attempt asks again', async () => {
    const missing = arn('missing');
    const failure = await loadSecrets({ OPENAI_API_KEY_SECRET_ARN: missing }, { client }).catch((e: unknown) => e);
    expect(failure).to.be.instanceOf(SecretError);
    expect((failure as SecretError).code).to.equal('secret_unreadable');
    sm.put(missing, 'now-there');
    const env: NodeJS.ProcessEnv = { OPENAI_API_KEY_SECRET_ARN: missing };
    await loadSecrets(env, { client });
    expect(env.OPENAI_API_KEY).to.equal('now-there');

    const broken = arn('broken-rds');
    sm.put(broken, JSON.stringify({ username: 'u', host: 'h' }));
    const bad = await loadSecrets({ DATABASE_SECRET_ARN: broken }, { client }).catch((e: unknown) => e);
    expect((bad as SecretError).code).to.equal('secret_format');
    expect((bad as Error).message).to.contain('password');
  });
});
