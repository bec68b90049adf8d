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

/** A task stops changing once it is completed or failed. */
export function isFinal(progress: Pick<ProgressView, 'state'>): boolean {
  return progress.state === 'completed' || progress.state === 'failed';
}
