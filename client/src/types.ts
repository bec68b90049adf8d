import type { components } from './generated/schema';

type Schemas = components['schemas'];

/** What the applicant says about the business; every field is optional. */
export type Claims = Schemas['Claims'];
export type UploadAccepted = Schemas['UploadAccepted'];
export type TaskAccepted = Schemas['TaskAccepted'];
export type DocumentView = Schemas['DocumentView'];
export type ProgressView = Schemas['ProgressView'];
export type Verification = Schemas['Verification'];
export type Check = Schemas['Check'];
export type CheckStatus = Schemas['CheckStatus'];
export type Decision = Schemas['Decision'];
export type ExtractedField = Schemas['ExtractedField'];
export type ErrorBody = Schemas['ErrorBody'];
export type DocumentSummary = Schemas['DocumentSummary'];
export type DocumentList = Schemas['DocumentList'];
export type DocumentCounts = Schemas['DocumentCounts'];
export type CaseSummary = Schemas['CaseSummary'];
export type CaseList = Schemas['CaseList'];
export type CaseView = Schemas['CaseView'];
export type MonitorSummary = Schemas['MonitorSummary'];
export type MonitorList = Schemas['MonitorList'];
export type DocumentReviewRequest = Schemas['DocumentReviewRequest'];
export type DocumentReviewView = Schemas['DocumentReviewView'];
export type CaseReviewRequest = Schemas['CaseReviewRequest'];
export type CaseReviewView = Schemas['CaseReviewView'];
export type ReviewEvidence = Schemas['ReviewEvidence'];
export type Standing = Schemas['Standing'];

/** A task stops changing once it is completed or failed. */
export function isFinal(progress: Pick<ProgressView, 'state'>): boolean {
  return progress.state === 'completed' || progress.state === 'failed';
}
