import { expect } from 'chai';
import { QueryTypes, type ModelStatic, type Model, type Sequelize } from 'sequelize';
import type { connect } from '../../worker/adapters/postgres/database';
import type { Models } from '../../worker/adapters/postgres/models';
import { freshDatabase } from '../helpers/database';

/** information_schema's name for each Sequelize type the models use. */
const SQL_TYPES: Record<string, string> = {
  UUID: 'uuid',
  TEXT: 'text',
  JSONB: 'jsonb',
  DATE: 'timestamp with time zone',
  INTEGER: 'integer',
  BIGINT: 'bigint',
  BOOLEAN: 'boolean',
};

interface Schema {
  tables: string[];
  /** `table.column type null|not null` */
  columns: string[];
  /** `table(columns) unique? partial?`, primary keys left out */
  indexes: string[];
}

const sorted = (items: string[]) => [...items].sort();

async function schemaFromMigrations(sequelize: Sequelize): Promise<Schema> {
  const tables = await sequelize.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    { type: QueryTypes.SELECT },
  );
  const columns = await sequelize.query<{ t: string; c: string; type: string; nullable: string }>(
    `SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    { type: QueryTypes.SELECT },
  );
  const indexes = await sequelize.query<{ t: string; cols: string; uniq: boolean; partial: boolean }>(
    `SELECT t.relname AS t, i.indisunique AS uniq, i.indpred IS NOT NULL AS partial,
            (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE ns.nspname = 'public' AND NOT i.indisprimary AND t.relname <> 'schema_migrations'`,
    { type: QueryTypes.SELECT },
  );
  return {
    tables: sorted(tables.map((r) => r.t)),
    columns: sorted(columns.map((r) => `${r.t}.${r.c} ${r.type} ${r.nullable === 'YES' ? 'null' : 'not null'}`)),
    indexes: sorted(indexes.map((r) => `${r.t}(${r.cols})${r.uniq ? ' unique' : ''}${r.partial ? ' partial' : ''}`)),
  };
}

function schemaFromModels(models: Models): Schema {
  const all = Object.values(models) as ModelStatic<Model>[];
  const columns: string[] = [];
  const indexes: string[] = [];
  for (const model of all) {
    const table = model.getTableName() as string;
    for (const attribute of Object.values(model.getAttributes())) {
      const key = (attribute.type as { key: string }).key;
      const nullable = attribute.primaryKey ? false : attribute.allowNull !== false;
      columns.push(`${table}.${attribute.field} ${SQL_TYPES[key] ?? key} ${nullable ? 'null' : 'not null'}`);
      if (attribute.unique) indexes.push(`${table}(${attribute.field}) unique`);
    }
    for (const index of model.options.indexes ?? []) {
      const fields = (index.fields ?? []).map(String).join(',');
      indexes.push(`${table}(${fields})${index.unique ? ' unique' : ''}${index.where ? ' partial' : ''}`);
    }
  }
  return { tables: sorted(all.map((m) => m.getTableName() as string)), columns: sorted(columns), indexes: sorted(indexes) };
}

describe('schema drift: migrations and models', function () {
  this.timeout(60_000);
  let fresh: ReturnType<typeof connect>;
  let drop: () => Promise<void>;

  before(async () => {
    ({ db: fresh, drop } = await freshDatabase('kyb_drift'));
  });

  after(async () => drop?.());

  it('when the schema is built from the migrations alone, then every table has a model and no model names a missing table', async () => {
    expect(schemaFromModels(fresh.models).tables).to.deep.equal((await schemaFromMigrations(fresh.sequelize)).tables);
  });

  it('when the columns are compared, then names, types and nullability match the models exactly', async () => {
    expect(schemaFromModels(fresh.models).columns).to.deep.equal((await schemaFromMigrations(fresh.sequelize)).columns);
  });

  it('when the indexes are compared, then the models declare every index and unique column the migrations create', async () => {
    expect(schemaFromModels(fresh.models).indexes).to.deep.equal((await schemaFromMigrations(fresh.sequelize)).indexes);
  });
});
