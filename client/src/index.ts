export { createKybClient, type KybClient, type KybClientOptions, type RequestOptions, type UploadOptions } from './client';
export { KybApiError, KybError } from './errors';
export type { FollowOptions } from './progress';
export { isFinal } from './types';
export type {
  Check,
  CheckStatus,
  Claims,
  Decision,
  DocumentView,
  ErrorBody,
  ExtractedField,
  ProgressView,
  TaskAccepted,
  UploadAccepted,
  Verification,
} from './types';
export type { components, operations, paths } from './generated/schema';
