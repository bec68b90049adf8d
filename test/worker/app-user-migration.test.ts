import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { connect } from '../../worker/adapters/postgres/database';
import { migrate } from '../../worker/adapters/postgres/migrate';
import { up } from '../../worker/adapters/postgres/migrations/0006-app-user';
import { testDatabaseUrl } from '../helpers/database';

describe('worker: the least-privilege application login', () => {
  let sequelize: Sequelize;
  before(async () => {
    ({ sequelize } = connect(await testDatabaseUrl(), 2));
    await migrate(sequelize);
  });
  after(() => sequelize.close());

  /** Runs `sql` as kyb_app in a transaction of its own (SET LOCAL ends with it). */
  async function asAppUser(sql: string): Promise<unknown> {
    return sequelize.transaction(async (transaction) => {
      await sequelize.query('SET LOCAL ROLE kyb_app', { transaction });
      return sequelize.query(sql, { transaction });
    });
  }

  it('when the migrations have run, then kyb_app can log in and read and write rows, through the group role rotation copies', async () => {
    const [roles] = await sequelize.query(
      "SELECT r.rolname, r.rolcanlogin, g.rolname AS member_of FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = 'kyb_app'",
    );
    expect(roles).to.deep.equal([{ rolname: 'kyb_app', rolcanlogin: true, member_of: 'kyb_app_rw' }]);
    await asAppUser('SELECT count(*) FROM documents');
    await asAppUser("UPDATE documents SET status = status WHERE id = '00000000-0000-0000-0000-000000000000'");
  });

  it('when kyb_app tries to change the schema or drop data wholesale, then PostgreSQL refuses', async () => {
    for (const sql of [
      'CREATE TABLE intruder (id int)',
      'DROP TABLE documents',
      'TRUNCATE documents',
      'ALTER TABLE documents ADD COLUMN x int',
    ]) {
      const error = await asAppUser(sql).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message, sql).to.match(/permission denied|must be owner/);
    }
  });

  it('when the migration runs again on a database that has the roles, then it changes nothing and does not fail', async () => {
    await up({ context: sequelize.getQueryInterface(), name: '0006-app-user' } as never);
    const [rows] = await sequelize.query("SELECT count(*)::int AS n FROM pg_roles WHERE rolname IN ('kyb_app', 'kyb_app_rw')");
    expect(rows).to.deep.equal([{ n: 2 }]);
  });
});
