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
export type * from './persistence/port';
export type * from './cases/port';
export type * from './evidence/port';
export type * from './monitoring/port';
export { MonitorLimitReached } from './monitoring/port';
export type { Job, JobQueue } from './queue/port';
export { jobOf } from './queue/job';
export { StorageObjectNotFound, type DocumentStore } from './storage/port';
export { documentKey } from './storage/keys';
export { detectFileType } from './files/detect';
export { canonicalCompanyNumber } from './registries/companies-house';
export { canonicalVrn } from './registries/vat-number';
export { createSqsClient } from './queue/sqs';

export { nameThresholds } from './verification';
export type { NameThresholds } from './verification/names';
export { policyFromSettings, policyVersion, type Policy } from './verification/policy';
export { resolvePolicy, UnknownPolicyVersion, type PolicyChoice } from './replay/policies';
export { EvidenceIncomplete, replayDocument, type DocumentReplay } from './replay/replay';
export { assessCase, loadCaseInputs, verdictsOf, type CaseAssessment, type RegistrySnapshot } from './cases/assess';
export type { CaseDecision, CaseReason } from './cases/policy';
export type { MatrixRow } from './cases/matrix';
