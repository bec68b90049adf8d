import { expect } from 'chai';
import { createHandler, MONITORING_ROUND } from '../../worker/lambda';
import { runMonitoringRound, type MonitoringDeps } from '../../worker/monitoring';
import type { CompanyOfficer, SignificantControl } from '../../worker/registries/companies-house';
import { verifySignature } from '../../worker/webhooks/signing';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { ACTIVE, LIQUIDATION, RENAMED, STUB, fakeRegistryEnv } from '../fakes/registry-data';
import { startTestApp, type TestApp } from '../helpers/app';
import { startReceiver } from './receiver';

const SECRET = 'monitoring-webhook-secret';

const director = (id: string, name: string, extra: Partial<CompanyOfficer> = {}): CompanyOfficer => ({
  name,
  officer_role: 'director',
  appointed_on: '2015-02-20',
  links: { officer: { appointments: `/officers/${id}/appointments` } },
  ...extra,
});

const owner = (id: string, name: string, extra: Partial<SignificantControl> = {}): SignificantControl => ({
  name,
  kind: 'individual-person-with-significant-control',
  notified_on: '2016-04-06',
  links: { self: `/company/${ACTIVE.company.number}/persons-with-significant-control/individual/${id}` },
  ...extra,
});

describe('monitoring: re-checks find registry changes, store them, show them and send them signed', function () {
  this.timeout(30_000);
  let t: TestApp;
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deps: MonitoringDeps;

  before(async () => {
    [ch, hmrc, receiver] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc(), startReceiver()]);
    t = await startTestApp({
      worker: false,
      env: {
        ...fakeRegistryEnv(ch, hmrc),
        REGISTRY_TIMEOUT_MS: '500',
        REGISTRY_RETRIES: '1',
        REGISTRY_RETRY_DELAY_MS: '5',
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_RETRY_DELAY_MS: '10',
        PUBLIC_URL: 'https://kyb.example.test',
        MONITOR_TICK_SECONDS: '1',
      },
    });
    // A budget that lets one short round take every monitor this file has made due.
    const fromConfig = t.runtime.monitoringDeps();
    deps = { ...fromConfig, budget: { ...fromConfig.budget, limit: 600, windowSeconds: 60, share: 1 } };
  });
  after(async () => {
    await t?.close();
    await Promise.all([ch?.close(), hmrc?.close(), receiver?.close()]);
  });
  afterEach(() => ch.clearScript());

  const monitor = async (body: Record<string, string>, key = t.key) => {
    const res = await t.request
      .post('/api/v1/monitors')
      .set({ Authorization: `Bearer ${key}` })
      .send(body);
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
    return res.body as { monitor_id: string } & Record<string, any>;
  };
  /** Time passes: the monitor's next check is due now. */
  const makeDue = (id: string) => t.runtime.db.models.Monitor.update({ next_check_at: new Date(Date.now() - 1000) }, { where: { id } });
  const view = async (id: string) => (await t.request.get(`/api/v1/monitors/${id}`).set(t.auth)).body;
  const events = async (id: string) =>
    (await t.request.get(`/api/v1/monitors/${id}/events`).set(t.auth)).body.events as Record<string, any>[];

  it('when a company is dissolved, renamed, moves office, loses its VAT registration and changes officers and owners, then each change is an event, stored, shown and sent as a signed webhook', async () => {
    const number = ACTIVE.company.number;
    ch.officers.set(number, [director('a1', 'HOLT, Margaret'), director('b2', 'PRICE, Daniel')]);
    ch.pscs.set(number, [owner('p1', 'Mrs Margaret Holt')]);
    const created = await monitor({ company_number: number, vat_number: `GB ${ACTIVE.company.vat_number}` });
    expect(created).to.include({ company_number: number, vat_number: ACTIVE.company.vat_number, status: 'active', company: null });

    await runMonitoringRound(deps);
    const baseline = await view(created.monitor_id);
    expect(baseline.company).to.include({ found: true, name: ACTIVE.profile.company_name, status: 'active' });
    expect(baseline).to.include({ vat_registered: true, officers_count: 2, pscs_count: 1, last_error: null });
    expect(await events(created.monitor_id), 'the first check is the baseline').to.deep.equal([]);

    const profile = ch.companies.get(number)!;
    profile.company_status = 'dissolved';
    profile.company_name = 'KESTREL VALLEY HOLDINGS LIMITED';
    profile.registered_office_address = { address_line_1: '1 New Street', locality: 'York', postal_code: 'YO1 1AA' };
    hmrc.registrations.delete(ACTIVE.company.vat_number);
    ch.officers.set(number, [
      director('a1', 'HOLT, Margaret'),
      director('b2', 'PRICE, Daniel', { resigned_on: '2025-01-10' }),
      director('c3', 'OKAFOR, Ngozi'),
    ]);
    ch.pscs.set(number, [owner('p1', 'Mrs Margaret Holt', { ceased_on: '2025-01-10' }), owner('p2', 'Mr Chidi Okafor')]);
    await makeDue(created.monitor_id);
    const report = await runMonitoringRound(deps);
    expect(report.checked).to.be.at.least(1);

    const found = await events(created.monitor_id);
    expect(found.map((e) => e.type).sort()).to.deep.equal(
      [
        'company.dissolved',
        'company.registered_office_changed',
        'company.renamed',
        'officer.appointed',
        'officer.resigned',
        'psc.ceased',
        'psc.notified',
        'vat.deregistered',
      ].sort(),
    );
    const renamed = found.find((e) => e.type === 'company.renamed')!;
    expect(renamed.before).to.deep.equal({ name: ACTIVE.profile.company_name });
    expect(renamed.after).to.deep.equal({ name: 'KESTREL VALLEY HOLDINGS LIMITED' });
    expect(found.find((e) => e.type === 'officer.appointed')!.after).to.include({ name: 'OKAFOR, Ngozi' });
    expect(found.every((e) => e.delivery.state === 'delivered' && e.delivery.attempts === 1)).to.equal(true);

    const sent = receiver.received.filter((r) => JSON.parse(r.body).monitor_id === created.monitor_id);
    expect(sent).to.have.length(found.length);
    for (const r of sent) {
      expect(verifySignature(SECRET, r.body, String(r.headers['x-kyb-timestamp']), String(r.headers['x-kyb-signature']))).to.equal(true);
      const payload = JSON.parse(r.body);
      expect(r.headers['idempotency-key']).to.equal(payload.event_id);
      expect(r.headers['x-kyb-event']).to.equal(`monitor.${payload.type}`);
      expect(payload.events_url).to.equal(`https://kyb.example.test/api/v1/monitors/${created.monitor_id}/events`);
    }
    const dissolved = JSON.parse(sent.find((r) => JSON.parse(r.body).type === 'company.dissolved')!.body);
    expect(dissolved).to.include({ event: 'monitor.company.dissolved', company_number: number });

    await makeDue(created.monitor_id);
    await runMonitoringRound(deps);
    expect(await events(created.monitor_id), 'nothing changed since').to.have.length(found.length);
  });

  it('when a strike-off is proposed and later the company goes into administration, then each raises its own event', async () => {
    const number = RENAMED.company.number;
    const created = await monitor({ company_number: number });
    await runMonitoringRound(deps);
    ch.companies.get(number)!.company_status_detail = 'active-proposal-to-strike-off';
    await makeDue(created.monitor_id);
    await runMonitoringRound(deps);
    ch.companies.get(number)!.company_status = 'administration';
    await makeDue(created.monitor_id);
    await runMonitoringRound(deps);
    expect((await events(created.monitor_id)).map((e) => e.type)).to.deep.equal(['company.strike_off_proposed', 'company.administration']);
  });

  it('when Companies House is down during a check, then no event is raised, the error is shown and the last snapshot is kept', async () => {
    const number = LIQUIDATION.company.number;
    const created = await monitor({ company_number: number });
    await runMonitoringRound(deps);
    ch.outage({ kind: 'status', status: 503 });
    await makeDue(created.monitor_id);
    await runMonitoringRound(deps);
    const after = await view(created.monitor_id);
    expect(after.last_error).to.include({ code: 'registry_unavailable' });
    expect(after.company).to.include({ status: 'liquidation' });
    expect(await events(created.monitor_id)).to.deep.equal([]);
  });

  it('when the same company is posted twice, then the one monitor comes back; when a number is malformed, then 422', async () => {
    const first = await t.request.post('/api/v1/monitors').set(t.auth).send({ company_number: STUB.company.number });
    const second = await t.request.post('/api/v1/monitors').set(t.auth).send({ company_number: STUB.company.number.toLowerCase() });
    expect([first.status, second.status]).to.deep.equal([201, 200]);
    expect(second.body.monitor_id).to.equal(first.body.monitor_id);
    const bad = await t.request.post('/api/v1/monitors').set(t.auth).send({ company_number: 'not a number' });
    expect(bad.status).to.equal(422);
    expect(bad.body.code).to.equal('invalid_company_number');
    const badVat = await t.request.post('/api/v1/monitors').set(t.auth).send({ company_number: '01234567', vat_number: '12' });
    expect(badVat.body.code).to.equal('invalid_vat_number');
  });

  it('when another tenant asks for a monitor, then it is not found; when its owner stops it, then it is shown stopped and no longer checked', async () => {
    const created = await monitor({ company_number: '01234567' });
    const stranger = { Authorization: `Bearer ${await t.newTenantKey()}` };
    expect((await t.request.get(`/api/v1/monitors/${created.monitor_id}`).set(stranger)).status).to.equal(404);
    expect((await t.request.get(`/api/v1/monitors/${created.monitor_id}/events`).set(stranger)).status).to.equal(404);
    expect((await t.request.delete(`/api/v1/monitors/${created.monitor_id}`).set(stranger)).status).to.equal(404);
    expect((await t.request.get('/api/v1/monitors/not-a-uuid').set(t.auth)).status).to.equal(404);

    expect((await t.request.delete(`/api/v1/monitors/${created.monitor_id}`).set(t.auth)).status).to.equal(204);
    await runMonitoringRound(deps);
    const stopped = await view(created.monitor_id);
    expect(stopped).to.include({ status: 'stopped', last_checked_at: null, next_check_at: null });
    expect(stopped.stopped_at).to.be.a('string');
  });

  it('when the schedule invokes the worker Lambda, then it runs a monitoring round; an SQS batch still goes to the job handler', async () => {
    const created = await monitor(
      { company_number: ACTIVE.company.number.replace(/^0/, ''), vat_number: ACTIVE.company.vat_number },
      await t.newTenantKey(),
    );
    const handler = createHandler(async () => t.runtime);
    const report = await handler(MONITORING_ROUND);
    expect(report).to.include({ checked: 1, errors: 0 });
    const row = await t.runtime.db.models.Monitor.findByPk(created.monitor_id);
    expect(row?.last_checked_at).to.be.instanceOf(Date);
    expect(await handler({ Records: [] })).to.deep.equal({ batchItemFailures: [] });
  });
});
