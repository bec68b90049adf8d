import type { QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/**
 * The least-privilege login the application runs as in AWS (infra/components/database-app-user.ts
 * keeps its rotated secret). Privileges go to a group role, kyb_app_rw: AWS's multi-user rotation
 * creates kyb_app_clone with kyb_app's memberships, so both logins get exactly these rights. Rows
 * only: no DDL, no ownership; migrations keep running as the master user. kyb_app gets no password
 * here: the API gives it the one its secret holds (database.ts, adoptSecretLogin), rotation the later ones.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.sequelize.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kyb_app_rw') THEN CREATE ROLE kyb_app_rw NOLOGIN; END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kyb_app') THEN CREATE ROLE kyb_app LOGIN IN ROLE kyb_app_rw; END IF;
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO kyb_app_rw', current_database());
    END
    $$;
    GRANT USAGE ON SCHEMA public TO kyb_app_rw;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kyb_app_rw;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO kyb_app_rw;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kyb_app_rw;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO kyb_app_rw;
  `);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.sequelize.query(`
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM kyb_app_rw;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM kyb_app_rw;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM kyb_app_rw;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM kyb_app_rw;
    REVOKE USAGE ON SCHEMA public FROM kyb_app_rw;
  `);
};
