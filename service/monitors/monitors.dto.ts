/** What a client asks to watch. */
export interface CreateMonitorRequest {
  /** The Companies House number, e.g. 09446231 or SC123456. */
  company_number: string;
  /** The VAT registration number, with or without GB; HMRC is then checked too. */
  vat_number?: string;
}

/** The company as the registries last described it. */
export interface MonitoredCompany {
  found: boolean;
  name: string | null;
  status: string | null;
  status_detail: string | null;
  registered_office: string | null;
}

export interface MonitorView {
  monitor_id: string;
  company_number: string;
  vat_number: string | null;
  /** `active` while checks run; `stopped` after DELETE. */
  status: 'active' | 'stopped';
  /** `api`, `verified_document` (MONITOR_AUTO_ON_VERIFIED) or `case`. */
  source: string;
  interval_hours: number;
  created_at: string;
  last_checked_at: string | null;
  /** When the next check is due; null once stopped. */
  next_check_at: string | null;
  stopped_at: string | null;
  /** Why the last check could not read every registry, if it could not. */
  last_error: { code: string; message: string } | null;
  /** Null until the first check has run. */
  company: MonitoredCompany | null;
  /** Whether HMRC lists the VAT number; null when none is watched or not yet checked. */
  vat_registered: boolean | null;
  officers_count: number | null;
  pscs_count: number | null;
}

export interface MonitorEventView {
  event_id: string;
  monitor_id: string;
  /**
   * company.dissolved, company.liquidation, company.administration, company.strike_off_proposed,
   * company.status_changed, company.removed, company.renamed, company.registered_office_changed,
   * vat.deregistered, vat.registered, officer.appointed, officer.resigned, psc.notified, psc.ceased
   */
  type: string;
  company_number: string;
  summary: string;
  before: unknown;
  after: unknown;
  detected_at: string;
  /** What happened to its webhook: pending, delivered, failed, or not_configured (no WEBHOOK_URL). */
  delivery: { state: string; attempts: number; last_status: number | null; delivered_at: string | null };
}

export interface MonitorEventList {
  monitor_id: string;
  events: MonitorEventView[];
}
