import { expect } from 'chai';
import { createLogger } from '../../worker/logger';
import { runMonitoringRound, type MonitoringDeps } from '../../worker/monitoring';
import type { ProfileLookup } from '../../worker/registries/companies-house';
import type { CompaniesHouseRegistry } from '../../worker/registries/port';
import { MemoryMonitorRepository } from '../helpers/memory';

/** A registry that answers with whatever name the test gives the company now. */
function registry(name: () => string): CompaniesHouseRegistry {
  return {
    profile: async (): Promise<ProfileLookup> => ({
      found: true,
      profile: { company_name: name(), company_status: 'active' } as Extract<ProfileLookup, { found: true }>['profile'],
    }),
    officers: async () => [],
    personsWithSignificantControl: async () => [],
  };
}

describe('monitoring rounds on the ports alone (no database, no HTTP)', () => {
  let repo: MemoryMonitorRepository;
  let name: string;
  let deps: MonitoringDeps;

  beforeEach(() => {
    repo = new MemoryMonitorRepository();
    name = 'ACME WIDGETS LIMITED';
    deps = {
      repo,
      sources: { companiesHouse: registry(() => name), people: false },
      log: createLogger('silent'),
      intervalHours: 24,
      budget: { limit: 600, windowSeconds: 300, share: 0.5, callsPerCheck: 1, tickSeconds: 1 },
      maxRunSeconds: 1,
    };
  });

  it('when a new monitor is checked for the first time, then its snapshot is stored as the baseline and no event is raised', async () => {
    const { monitor } = await repo.ensure({ tenant_id: 't1', company_number: '09446231', vat_number: null, source: 'api' });
    expect(await runMonitoringRound(deps)).to.deep.equal({ checked: 1, events: 0, errors: 0 });
    const stored = await repo.find('t1', monitor.id);
    expect(stored?.snapshot?.company).to.include({ found: true, name: 'ACME WIDGETS LIMITED' });
    expect(stored?.next_check_at.getTime()).to.be.greaterThan(Date.now() + 23 * 3_600_000);
  });

  it('when the company is renamed before its next check, then that round records one company.renamed event, not yet delivered', async () => {
    const { monitor } = await repo.ensure({ tenant_id: 't1', company_number: '09446231', vat_number: null, source: 'api' });
    await runMonitoringRound(deps);
    name = 'ACME GADGETS LIMITED';
    repo.monitors.get(monitor.id)!.next_check_at = new Date(Date.now() - 1_000);
    expect(await runMonitoringRound(deps)).to.deep.equal({ checked: 1, events: 1, errors: 0 });
    const [event] = await repo.events(monitor.id, 10);
    expect(event).to.include({ type: 'company.renamed', delivery_state: 'not_configured' });
    expect(event?.after).to.deep.equal({ name: 'ACME GADGETS LIMITED' });
  });

  it('when no monitor is due, then a round checks nothing', async () => {
    await repo.ensure({ tenant_id: 't1', company_number: '09446231', vat_number: null, source: 'api' }, new Date(Date.now() + 60_000));
    expect(await runMonitoringRound(deps)).to.deep.equal({ checked: 0, events: 0, errors: 0 });
  });
});
