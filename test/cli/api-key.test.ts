import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PostgresApiKeyRepository } from '../../worker/adapters/postgres/api-key-repository';
import { connect } from '../../worker/adapters/postgres/database';
import { testDatabaseUrl } from '../helpers/database';

const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('command line: api-key roles', function () {
  this.timeout(60_000);
  let url: string;
  let db: ReturnType<typeof connect>;
  const tenant = `cli-${randomUUID()}`;

  /** What `make api-key` runs: `tsx cli/api-key.ts ...` against the test database. */
  const apiKey = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'cli/api-key.ts'), ...args],
        { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  before(async () => {
    url = await testDatabaseUrl();
    db = connect(url, 1);
  });
  after(async () => db?.sequelize.close());

  it('when a key is created with --role reviewer, then the printed key authenticates as a reviewer; role changes it to admin', async () => {
    const created = await apiKey('create', '--tenant', tenant, '--role', 'reviewer');
    expect(created.code, created.stderr).to.equal(0);
    expect(created.stdout).to.match(/^Created reviewer key [0-9a-f-]{36} for tenant /);
    const key = created.stdout.trim().split('\n').at(-1) ?? '';
    const id = /key ([0-9a-f-]{36})/.exec(created.stdout)?.[1] ?? '';
    expect((await new PostgresApiKeyRepository(db).authenticate(key))?.role).to.equal('reviewer');

    const changed = await apiKey('role', id, 'admin');
    expect(changed.code, changed.stderr).to.equal(0);
    expect((await new PostgresApiKeyRepository(db).authenticate(key))?.role).to.equal('admin');
    const listed = await apiKey('list');
    expect(listed.stdout).to.include('admin');
  });

  it('when no role is given, then the key is a submitter; when an unknown role is given, then nothing is created and the choices are named', async () => {
    const plain = await apiKey('create', '--tenant', tenant);
    expect(plain.stdout).to.match(/^Created submitter key /);
    const wrong = await apiKey('create', '--tenant', tenant, '--role', 'owner');
    expect(wrong.code).to.not.equal(0);
    expect(wrong.stderr).to.include('submitter, reviewer, admin');
  });
});
