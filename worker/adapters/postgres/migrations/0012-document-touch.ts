import type { QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/**
 * Every change to a document row moves its `updated_at` forward, whoever writes it: the ORM sets the
 * column from the client's clock in milliseconds, and a raw UPDATE (a review's mark) does not set it
 * at all. The API validates its cached views and ETags on this column, so it must change with every
 * write, strictly: the database's clock in microseconds, and never less than one microsecond on.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.sequelize.query(`
    CREATE FUNCTION documents_touch() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := greatest(clock_timestamp(), OLD.updated_at + interval '1 microsecond');
      RETURN NEW;
    END $$`);
  await qi.sequelize.query(`CREATE TRIGGER documents_touch BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION documents_touch()`);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.sequelize.query('DROP TRIGGER documents_touch ON documents');
  await qi.sequelize.query('DROP FUNCTION documents_touch()');
};
