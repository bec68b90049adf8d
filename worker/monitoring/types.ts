/** What the registries said about a company at one check. A section is absent when it was not read. */
export interface CompanySnapshot {
  taken_at: string;
  company?: CompanyFacts;
  officers?: Person[];
  pscs?: Person[];
  vat?: VatFacts;
}

export interface CompanyFacts {
  found: boolean;
  name?: string;
  status?: string;
  status_detail?: string;
  registered_office?: string;
}

/** An officer or a person with significant control; `id` is the registry's own link when it gives one. */
export interface Person {
  id: string;
  name: string;
  role?: string;
  since?: string;
  ceased_on?: string;
}

export interface VatFacts {
  registered: boolean;
  name?: string;
}

export const EVENT_TYPES = [
  'company.dissolved',
  'company.liquidation',
  'company.administration',
  'company.strike_off_proposed',
  'company.status_changed',
  'company.removed',
  'company.renamed',
  'company.registered_office_changed',
  'vat.deregistered',
  'vat.registered',
  'officer.appointed',
  'officer.resigned',
  'psc.notified',
  'psc.ceased',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** A change that matters, before it is stored. */
export interface DetectedChange {
  type: EventType;
  summary: string;
  before: unknown;
  after: unknown;
}
