import { randomUUID } from 'node:crypto';
import { connect } from '../../worker/adapters/postgres/database';
import { migrate } from '../../worker/adapters/postgres/migrate';
import { keysetBefore, planOf, seedDocuments, timePages } from '../large-tenant';
import { row, type Row } from '../report';
import type { Section } from '../section';

const ROWS = 1_000_000;
const PAGE = 50;
const REPEATS = 30;
const DEEP = [1_000, 10_000];

const figure = (page: number) =>
  `documents list page ${page.toLocaleString('en-GB')} of ${PAGE} (tenant of ${ROWS.toLocaleString('en-GB')})`;

/**
 * GET /api/v1/documents's query for a tenant with a million documents, written by Postgres
 * (generate_series): deep pages against page 1, read turn about, each with the plan it ran.
 */
export const pagingSection: Section = {
  name: 'paging',
  figures: [figure(1), ...DEEP.map(figure)],
  async run({ env, log }): Promise<Row[]> {
    const { DATABASE_URL } = await env.appEnv('paging');
    const db = connect(DATABASE_URL as string, 2);
    try {
      await migrate(db.sequelize);
      const tenantId = randomUUID();
      await db.models.Tenant.create({ id: tenantId, name: 'large' });
      log(`paging: writing ${ROWS.toLocaleString('en-GB')} documents`);
      await seedDocuments(db.sequelize, tenantId, ROWS);
      const starts = [undefined, ...(await Promise.all(DEEP.map((page) => keysetBefore(db.sequelize, tenantId, page, PAGE))))];
      const plans = await Promise.all(starts.map((after) => planOf(db.sequelize, tenantId, PAGE, after)));
      log(`paging: timing pages 1, ${DEEP.join(', ')} turn about, ${REPEATS} times`);
      const [first, ...deep] = await timePages(db, tenantId, PAGE, starts, REPEATS);
      const planNote = (n: number) => {
        const plan = plans[n];
        return `median of ${REPEATS}; ${plan?.index ?? 'no index'}, ${plan?.rows_read} index entries read, ${plan?.sorted ? 'sorted' : 'no sort'}`;
      };
      return [
        row({ section: 'paging', figure: figure(1), measured: { value: first ?? null, unit: 'ms' }, note: planNote(0) }),
        ...DEEP.map((page, i) =>
          row({
            section: 'paging',
            figure: figure(page),
            measured: { value: deep[i] ?? null, unit: 'ms' },
            baseline: { name: 'page 1', value: first ?? null, unit: 'ms' },
            aim: { kind: 'ratio_at_most', max: 1.5, text: '<= 1.5x page 1' },
            note: planNote(i + 1),
            ifMissed:
              'a deep page should read the index from its cursor on; check the plan names the (tenant_id, created_at, id) index and no sort',
          }),
        ),
      ];
    } finally {
      await db.sequelize.close();
    }
  },
};
