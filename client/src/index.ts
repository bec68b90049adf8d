export { createKybClient, type KybClient, type KybClientOptions, type RequestOptions, type UploadOptions } from './client';
export { DIRECT_UPLOAD_ABOVE_BYTES } from './direct';
export { isSettled, type PollOptions } from './documents';
export { KybApiError, KybError } from './errors';
export type { FollowOptions } from './progress';
export { followCursor, type CaseQuery, type CursorPage, type DocumentQuery, type MonitorQuery } from './lists';
export { isFinal } from './types';
export type {
  CaseList,
  CaseReviewRequest,
  CaseReviewView,
  CaseSummary,
  CaseView,
  Check,
  CheckStatus,
  Claims,
  Decision,
  DocumentCounts,
  DocumentList,
  DocumentReviewRequest,
  DocumentReviewView,
  DocumentSummary,
  DocumentView,
  MonitorList,
  MonitorSummary,
  ReviewEvidence,
  Standing,
  ErrorBody,
  ExtractedField,
  ProgressView,
  TaskAccepted,
  UploadAccepted,
  Verification,
} from './types';
export type { components, operations, paths } from './generated/schema';
