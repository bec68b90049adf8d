import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { keysetBefore, planOf, seedDocuments, timePages } from '../../bench/large-tenant';
import type { connect } from '../../worker/adapters/postgres/database';
import { PostgresListingRepository } from '../../worker/adapters/postgres/listing-repository';
import { freshDatabase } from '../helpers/database';

const ROWS = 200_000;
const PAGE = 50;

/** `make bench` does the same with 1,000,000 rows (bench/sections/paging.ts). */
describe(`paging a tenant with ${ROWS.toLocaleString('en-GB')} documents`, function () {
  this.timeout(180_000);
  let db: ReturnType<typeof connect>;
  let drop: () => Promise<void>;
  const tenantId = randomUUID();
  const neighbour = randomUUID();

  before(async () => {
    ({ db, drop } = await freshDatabase('kyb_paging'));
    await db.models.Tenant.bulkCreate([
      { id: tenantId, name: 'large' },
      { id: neighbour, name: 'neighbour' },
    ]);
    // A neighbour's rows share the indexes, as other tenants' do in production.
    await seedDocuments(db.sequelize, neighbour, 20_000);
    await seedDocuments(db.sequelize, tenantId, ROWS);
  });
  after(async () => drop?.());

  it('when page 1,000 is read by its cursor, then Postgres reads the index from the cursor on: as few entries as for page 1, no sort', async () => {
    const first = await planOf(db.sequelize, tenantId, PAGE, undefined);
    const thousandth = await planOf(db.sequelize, tenantId, PAGE, await keysetBefore(db.sequelize, tenantId, 1000, PAGE));
    for (const plan of [first, thousandth]) {
      expect(plan.index).to.equal('documents_tenant_id_created_at_id');
      expect(plan.sorted).to.equal(false);
      expect(plan.rows_read).to.equal(PAGE + 1);
    }
  });

  it('when the review queue is read deep down, then the partial index of open reviews serves it, again without sorting', async () => {
    const after = await keysetBefore(db.sequelize, tenantId, 1000, PAGE);
    const plan = await planOf(db.sequelize, tenantId, PAGE, after, { open_review: true });
    expect(plan.index).to.equal('documents_open_review');
    expect(plan.sorted).to.equal(false);
    expect(plan.rows_read).to.equal(PAGE + 1);
  });

  it('when page 1 and page 1,000 are timed turn about, then page 1,000 takes no longer than page 1 (within noise)', async () => {
    const [page1, page1000] = await timePages(db, tenantId, PAGE, [undefined, await keysetBefore(db.sequelize, tenantId, 1000, PAGE)], 15);
    // Both are a few milliseconds; OFFSET paging would make page 1,000 read 50,000 index entries first.
    expect(page1000, `page 1 ${page1?.toFixed(2)} ms, page 1,000 ${page1000?.toFixed(2)} ms`).to.be.below((page1 ?? 0) * 2 + 5);
  });

  it('when the cursor is followed from page 999, then page 1,000 starts exactly where OFFSET 49,950 would', async () => {
    const listing = new PostgresListingRepository(db);
    const page999 = await listing.documents({ tenantId, limit: PAGE, after: await keysetBefore(db.sequelize, tenantId, 999, PAGE) }, {});
    const page1000 = await listing.documents({ tenantId, limit: PAGE, after: page999.next }, {});
    const expected = await keysetBefore(db.sequelize, tenantId, 1001, PAGE);
    expect(page1000.items).to.have.length(PAGE);
    expect(page1000.items.at(-1)?.id).to.equal(expected?.id);
    expect(page1000.items.map((d) => d.filename)).to.deep.equal(Array.from({ length: PAGE }, (_, i) => `statement-${49_951 + i}.pdf`));
  });
});
