import type { CompanyOfficer, RegisteredAddress, SignificantControl } from '../registries/companies-house';
import { RegistryError } from '../registries/errors';
import type { CompaniesHouseRegistry, HmrcVatLookup } from '../registries/port';
import type { CompanyFacts, CompanySnapshot, Person, VatFacts } from './types';

export interface SnapshotSources {
  companiesHouse?: CompaniesHouseRegistry;
  hmrc?: HmrcVatLookup;
  /** Also read officers and PSCs. */
  people: boolean;
}

export interface SectionError {
  section: 'company' | 'officers' | 'pscs' | 'vat';
  code: string;
  message: string;
}

export interface SnapshotReading {
  snapshot: CompanySnapshot;
  errors: SectionError[];
}

/** Requests one check makes at Companies House: the profile, and the two lists when people are watched. */
export function companiesHouseCallsPerCheck(people: boolean): number {
  return people ? 3 : 1;
}

export function addressLine(address: RegisteredAddress | undefined): string | undefined {
  if (!address) return undefined;
  const parts = [
    address.care_of,
    address.po_box,
    address.premises,
    address.address_line_1,
    address.address_line_2,
    address.locality,
    address.region,
    address.postal_code,
    address.country,
  ];
  const line = parts.filter((p): p is string => Boolean(p && p.trim())).join(', ');
  return line || undefined;
}

function officerOf(o: CompanyOfficer): Person {
  const id = o.links?.officer?.appointments ?? `${o.name ?? ''}|${o.officer_role ?? ''}|${o.appointed_on ?? ''}`;
  return { id, name: o.name ?? 'unnamed', role: o.officer_role, since: o.appointed_on, ceased_on: o.resigned_on };
}

function pscOf(p: SignificantControl): Person {
  const id = p.links?.self ?? `${p.name ?? ''}|${p.kind ?? ''}|${p.notified_on ?? ''}`;
  return { id, name: p.name ?? 'unnamed', role: p.kind, since: p.notified_on, ceased_on: p.ceased_on };
}

/** Runs one section; a registry failure becomes a recorded error and an absent section. */
async function section<T>(name: SectionError['section'], read: () => Promise<T>, errors: SectionError[]): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    errors.push({ section: name, code: error.code, message: error.message });
    return undefined;
  }
}

/**
 * Asks the registries about one company, one request after another (the pacing is the caller's),
 * always fresh rather than from the verification cache.
 */
export async function readSnapshot(
  sources: SnapshotSources,
  companyNumber: string,
  vatNumber: string | null,
  now: Date,
): Promise<SnapshotReading> {
  const errors: SectionError[] = [];
  const snapshot: CompanySnapshot = { taken_at: now.toISOString() };
  const ch = sources.companiesHouse;
  if (ch) {
    snapshot.company = await section(
      'company',
      async (): Promise<CompanyFacts> => {
        const lookup = await ch.profile(companyNumber, { fresh: true });
        if (!lookup.found) return { found: false };
        const p = lookup.profile;
        return {
          found: true,
          name: p.company_name,
          status: p.company_status,
          status_detail: p.company_status_detail,
          registered_office: addressLine(p.registered_office_address),
        };
      },
      errors,
    );
    if (sources.people && snapshot.company?.found) {
      snapshot.officers = await section('officers', async () => (await ch.officers(companyNumber)).map(officerOf), errors);
      snapshot.pscs = await section('pscs', async () => (await ch.personsWithSignificantControl(companyNumber)).map(pscOf), errors);
    }
  }
  const hmrc = sources.hmrc;
  if (hmrc && vatNumber) {
    snapshot.vat = await section(
      'vat',
      async (): Promise<VatFacts> => {
        const lookup = await hmrc.lookup(vatNumber, { fresh: true });
        return lookup.found ? { registered: true, name: lookup.registration.target?.name } : { registered: false };
      },
      errors,
    );
  }
  return { snapshot, errors };
}
