import { expect } from 'chai';
import { Sequelize } from 'sequelize';
import {
  isAuthenticationFailure,
  parseCredentials,
  rotatingCredentials,
  secretReader,
  useRotatingCredentials,
} from '../../worker/adapters/postgres/credentials';

const login = (username: string, password: string) => JSON.stringify({ engine: 'postgres', username, password, host: 'db', port: 5432 });

describe('worker: database credentials that follow rotation', () => {
  it('when the secret rotates, then connections after the cache age read the new username and password', async () => {
    const texts = [login('kyb_app', 'first'), login('kyb_app_clone', 'second')];
    let reads = 0;
    let clock = 0;
    const credentials = rotatingCredentials(async () => texts[Math.min(reads++, 1)]!, { maxAgeMs: 1000, now: () => clock });
    expect(await credentials.get()).to.deep.equal({ username: 'kyb_app', password: 'first' });
    clock = 999;
    expect(await credentials.get(), 'still fresh').to.deep.equal({ username: 'kyb_app', password: 'first' });
    expect(reads).to.equal(1);
    clock = 1000;
    expect(await credentials.get()).to.deep.equal({ username: 'kyb_app_clone', password: 'second' });
  });

  it('when the server refused a login, then invalidate makes the next connection read the secret again', async () => {
    let reads = 0;
    const credentials = rotatingCredentials(async () => login('kyb_app', `p${++reads}`), { now: () => 0 });
    await credentials.get();
    credentials.invalidate();
    expect((await credentials.get()).password).to.equal('p2');
  });

  it('when reading the secret fails, then the failure is not kept and the next connection tries again', async () => {
    let fail = true;
    const credentials = rotatingCredentials(async () => {
      if (fail) throw new Error('throttled');
      return login('kyb_app', 'ok');
    });
    await credentials.get().then(
      () => expect.fail('should have failed'),
      (e: Error) => expect(e.message).to.equal('throttled'),
    );
    fail = false;
    expect((await credentials.get()).password).to.equal('ok');
  });

  it('when the secret lacks a username or password, then it says so', () => {
    expect(() => parseCredentials(JSON.stringify({ username: 'kyb_app' }))).to.throw('no username or password');
  });

  it('when pg refuses the password, however Sequelize wraps it, then it is an authentication failure; other errors are not', () => {
    expect(isAuthenticationFailure({ code: '28P01' })).to.equal(true);
    expect(isAuthenticationFailure({ name: 'SequelizeConnectionError', original: { code: '28000' } })).to.equal(true);
    expect(isAuthenticationFailure({ parent: { original: { code: '28P01' } } })).to.equal(true);
    expect(isAuthenticationFailure({ code: 'ECONNREFUSED' })).to.equal(false);
    expect(isAuthenticationFailure(undefined)).to.equal(false);
  });

  it('when Sequelize opens a connection, then it logs in with the current credentials, not the ones in the URL', async () => {
    const sequelize = new Sequelize('postgres://master:old@127.0.0.1:5432/kyb', { logging: false });
    useRotatingCredentials(
      sequelize,
      rotatingCredentials(async () => login('kyb_app_clone', 'rotated')),
    );
    const config: Record<string, unknown> = { username: 'master', password: 'old' };
    // Sequelize runs its beforeConnect hooks with the connection config it is about to use.
    await (sequelize as unknown as { runHooks(name: string, config: unknown): Promise<void> }).runHooks('beforeConnect', config);
    expect(config).to.include({ username: 'kyb_app_clone', password: 'rotated' });
    await sequelize.close();
  });

  it('when the secret is read from Secrets Manager, then each read asks again for the same secret', async () => {
    const asked: unknown[] = [];
    const client = { send: async (command: { input: unknown }) => (asked.push(command.input), { SecretString: login('kyb_app', 'x') }) };
    const read = secretReader(client as never, 'arn:aws:secretsmanager:eu-west-2:1:secret:app');
    await read();
    await read();
    expect(asked).to.deep.equal([
      { SecretId: 'arn:aws:secretsmanager:eu-west-2:1:secret:app' },
      { SecretId: 'arn:aws:secretsmanager:eu-west-2:1:secret:app' },
    ]);
  });
});
