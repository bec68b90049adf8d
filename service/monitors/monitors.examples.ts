import type { MonitorEventList, MonitorView } from './monitors.dto';

/** The examples the spec shows for monitor responses: 09446231 EXAMPLE TRADING LTD under watch. */
export const monitorViewExample: MonitorView = {
  monitor_id: 'd9e8f7a6-b5c4-4d3e-9f2a-1b0c9d8e7f6a',
  company_number: '09446231',
  vat_number: 'GB123456789',
  status: 'active',
  source: 'api',
  interval_hours: 24,
  created_at: '2026-11-29T18:00:00.000Z',
  last_checked_at: '2026-11-30T06:00:02.511Z',
  next_check_at: '2026-12-01T06:00:02.511Z',
  stopped_at: null,
  last_error: null,
  company: {
    found: true,
    name: 'EXAMPLE TRADING LTD',
    status: 'active',
    status_detail: null,
    registered_office: '1 High Street, London, EC1A 1BB',
  },
  vat_registered: true,
  officers_count: 2,
  pscs_count: 1,
};

export const monitorEventListExample: MonitorEventList = {
  monitor_id: 'd9e8f7a6-b5c4-4d3e-9f2a-1b0c9d8e7f6a',
  events: [
    {
      event_id: '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
      monitor_id: 'd9e8f7a6-b5c4-4d3e-9f2a-1b0c9d8e7f6a',
      type: 'company.registered_office_changed',
      company_number: '09446231',
      summary: 'The registered office moved to 20 Market Street, Leeds, LS1 6DT.',
      before: { registered_office: '1 High Street, London, EC1A 1BB' },
      after: { registered_office: '20 Market Street, Leeds, LS1 6DT' },
      detected_at: '2026-11-30T06:00:02.511Z',
      delivery: { state: 'delivered', attempts: 1, last_status: 200, delivered_at: '2026-11-30T06:00:03.104Z' },
    },
  ],
};
