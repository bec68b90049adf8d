/**
 * The worker's public face: the only module service/ and cli/ import (an ESLint rule keeps it so).
 * It offers the composition root, the use cases built on the ports, and the types they speak in.
 */
export { loadConfig, ConfigError, type Config } from './config';
export { loadSecrets, SecretError } from './secrets';
export { createLogger, wantsPretty, withRequestId, type Logger } from './logger';
export { createRuntime, openOperatorTools, openRepositories, type Repositories, type Runtime } from './runtime';
export { redriveTask } from './redrive';
export { startLocalWorker } from './local';
export { startMaintenance } from './maintenance';
export { guardUnhandledRejections } from './process-guards';
export { startMonitoringSchedule } from './monitoring';
export { processJob, type ProcessorDeps } from './processor';

export type * from './domain';
export { isUuid } from './domain/ids';
export { hashKey } from './adapters/postgres/api-key-repository';
export type * from './persistence/port';
export type * from './cases/port';
export type * from './evidence/port';
export type { CaseReviewEvidence, Reviewer, ReviewEvidence, ReviewRequest, SeenVerdict } from './evidence/types';
export type * from './monitoring/port';
export type * from './listing/port';
export type * from './reviews/types';
export type * from './reviews/port';
export { standing } from './reviews/types';
export { reviewNotifierFrom, type ReviewNotifier } from './reviews/notify';
export {
  caseReviewOf,
  caseVersion,
  currentCase,
  ReviewConflict,
  reviewCase,
  reviewDocument,
  reviewOf,
  type ReviewDeps,
} from './reviews/review';
export { MonitorLimitReached } from './monitoring/port';
export type { Job, JobQueue } from './queue/port';
export { jobOf } from './queue/job';
export { stampedJob } from './queue/traced';
export { StorageObjectNotFound, type DirectUploadForm, type DocumentStore } from './storage/port';
export { deleteEvidenceImages, documentKey, evidenceImageKey } from './storage/keys';
export { LOCAL_POST_PATH, LocalDocumentStore } from './storage/local';
export { PostPolicyRefused } from './storage/post-policy';
export { EVIDENCE_IMAGE_NAME, possibleEvidenceImages } from './forensics/pixels/evidence-images';
export { detectFileType, SNIFF_BYTES, SUPPORTED_TYPES, type SupportedMime } from './files/detect';
export { ByteMeter } from './files/meter';
export { peek, type Peeked } from './files/peek';
export { canonicalCompanyNumber } from './registries/companies-house';
export { canonicalVrn } from './registries/vat-number';
export { openSqsClient } from './queue';

export { nameThresholds } from './verification';
export type { NameThresholds } from './verification/names';
export { policyFromSettings, policyVersion, type Policy } from './verification/policy';
export { resolvePolicy, UnknownPolicyVersion, type PolicyChoice } from './replay/policies';
export { EvidenceIncomplete, replayDocument, type DocumentReplay } from './replay/replay';
export { assessCase, loadCaseInputs, verdictsOf, type CaseAssessment, type RegistrySnapshot } from './cases/assess';
export type { CaseDecision, CaseReason } from './cases/policy';
export type { MatrixRow } from './cases/matrix';
