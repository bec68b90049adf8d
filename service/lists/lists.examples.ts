import type { CaseList, DocumentList, MonitorList } from './lists.dto';

/** The examples the spec shows for list responses: one page each, with the cursor for the next. */
export const documentListExample: DocumentList = {
  items: [
    {
      document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
      filename: 'certificate-of-incorporation.pdf',
      status: 'completed',
      content_type: 'application/pdf',
      size_bytes: 48213,
      pages: 1,
      document_type: 'certificate_of_incorporation',
      decision: 'review',
      review_decision: null,
      reviewed_at: null,
      open_review: true,
      standing: { decision: 'review', by: 'automatic' },
      case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
      created_at: '2026-11-30T09:41:07.123Z',
      updated_at: '2026-11-30T09:41:12.482Z',
    },
  ],
  next_cursor: 'WyIyMDI2LTExLTMwIDA5OjQxOjA3LjEyMzQ1NiswMCIsIjZmMWMyZDRlLThhM2ItNGM1ZC05ZTdmLTBhMWIyYzNkNGU1ZiJd',
};

export const caseListExample: CaseList = {
  items: [
    {
      case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
      reference: 'onboarding-4471',
      company_number: '09446231',
      company_name: 'Example Trading Ltd',
      decision: 'review',
      review_decision: 'verified',
      reviewed_at: '2026-11-30T10:05:33.017Z',
      standing: { decision: 'verified', by: 'review' },
      documents: 2,
      created_at: '2026-11-30T09:40:55.301Z',
    },
  ],
  next_cursor: null,
};

export const monitorListExample: MonitorList = {
  items: [
    {
      monitor_id: 'd9e8f7a6-b5c4-4d3e-9f2a-1b0c9d8e7f6a',
      company_number: '09446231',
      vat_number: 'GB123456789',
      status: 'active',
      source: 'api',
      last_checked_at: '2026-11-30T06:00:02.511Z',
      last_event_at: null,
      created_at: '2026-11-29T18:00:00.000Z',
    },
  ],
  next_cursor: null,
};
