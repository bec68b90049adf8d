import type { CompanyFacts, CompanySnapshot, DetectedChange, Person, VatFacts } from './types';

/** Company statuses that end trading or put it in an insolvency procedure, each with its own event. */
const STATUS_EVENTS: Record<string, DetectedChange['type']> = {
  dissolved: 'company.dissolved',
  liquidation: 'company.liquidation',
  administration: 'company.administration',
};

const STRIKE_OFF_DETAILS = new Set(['active-proposal-to-strike-off']);

/** Upper case with single spaces: the registry changes case and spacing without the fact changing. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toUpperCase();
  return norm(a) === norm(b);
}

function companyChanges(before: CompanyFacts, after: CompanyFacts): DetectedChange[] {
  if (before.found && !after.found) {
    return [{ type: 'company.removed', summary: 'The company is no longer on the register.', before, after }];
  }
  if (!before.found || !after.found) return [];
  const changes: DetectedChange[] = [];
  if (before.status !== after.status) {
    const type = STATUS_EVENTS[after.status ?? ''] ?? 'company.status_changed';
    changes.push({
      type,
      summary: `Company status changed from ${before.status ?? 'unknown'} to ${after.status ?? 'unknown'}.`,
      before: { status: before.status, status_detail: before.status_detail },
      after: { status: after.status, status_detail: after.status_detail },
    });
  } else if (before.status_detail !== after.status_detail) {
    const proposed = STRIKE_OFF_DETAILS.has(after.status_detail ?? '');
    changes.push({
      type: proposed ? 'company.strike_off_proposed' : 'company.status_changed',
      summary: proposed
        ? 'A proposal to strike the company off the register was published.'
        : `Company status detail changed to ${after.status_detail ?? 'none'}.`,
      before: { status: before.status, status_detail: before.status_detail },
      after: { status: after.status, status_detail: after.status_detail },
    });
  }
  if (!sameText(before.name, after.name)) {
    changes.push({
      type: 'company.renamed',
      summary: `The company changed its name to ${after.name ?? 'an empty name'}.`,
      before: { name: before.name },
      after: { name: after.name },
    });
  }
  if (!sameText(before.registered_office, after.registered_office)) {
    changes.push({
      type: 'company.registered_office_changed',
      summary: 'The registered office address changed.',
      before: { registered_office: before.registered_office },
      after: { registered_office: after.registered_office },
    });
  }
  return changes;
}

function vatChanges(before: VatFacts, after: VatFacts): DetectedChange[] {
  if (before.registered && !after.registered)
    return [{ type: 'vat.deregistered', summary: 'HMRC no longer lists the VAT number as registered.', before, after }];
  if (!before.registered && after.registered)
    return [{ type: 'vat.registered', summary: 'HMRC now lists the VAT number as registered.', before, after }];
  return [];
}

const current = (people: Person[]) => new Map(people.filter((p) => !p.ceased_on).map((p) => [p.id, p]));

/** Who joined and who left among the people currently in office. */
function peopleChanges(before: Person[], after: Person[], kind: 'officer' | 'psc'): DetectedChange[] {
  const was = current(before);
  const is = current(after);
  const label = kind === 'officer' ? 'officer' : 'person with significant control';
  const changes: DetectedChange[] = [];
  for (const [id, person] of is) {
    if (!was.has(id)) {
      changes.push({
        type: kind === 'officer' ? 'officer.appointed' : 'psc.notified',
        summary: `New ${label}: ${person.name}.`,
        before: null,
        after: person,
      });
    }
  }
  for (const [id, person] of was) {
    if (!is.has(id)) {
      const gone = after.find((p) => p.id === id) ?? person;
      changes.push({
        type: kind === 'officer' ? 'officer.resigned' : 'psc.ceased',
        summary: `No longer an ${label}: ${person.name}.`,
        before: person,
        after: gone === person ? null : gone,
      });
    }
  }
  return changes;
}

/**
 * The changes that matter between two snapshots. A section compares only when both snapshots hold
 * it, so a registry that could not answer this time raises nothing.
 */
export function detectChanges(before: CompanySnapshot | null, after: CompanySnapshot): DetectedChange[] {
  if (!before) return [];
  return [
    ...(before.company && after.company ? companyChanges(before.company, after.company) : []),
    ...(before.vat && after.vat ? vatChanges(before.vat, after.vat) : []),
    ...(before.officers && after.officers ? peopleChanges(before.officers, after.officers, 'officer') : []),
    ...(before.pscs && after.pscs ? peopleChanges(before.pscs, after.pscs, 'psc') : []),
  ];
}

/** The new snapshot, with each section that could not be read this time carried over from the last one. */
export function mergeSnapshot(before: CompanySnapshot | null, after: CompanySnapshot): CompanySnapshot {
  return {
    taken_at: after.taken_at,
    company: after.company ?? before?.company,
    officers: after.officers ?? before?.officers,
    pscs: after.pscs ?? before?.pscs,
    vat: after.vat ?? before?.vat,
  };
}
