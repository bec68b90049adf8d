import { isDeepStrictEqual } from 'node:util';
import type { Decision, DecisionReason, Verification } from '../domain';
import { rejudgedForensicChecks } from '../forensics/pixels/checks';
import { emptyState, type StageContext } from '../pipeline/types';
import { canonicalCompanyNumber } from '../registries/companies-house';
import type { CompaniesHouseLookup, HmrcVatLookup } from '../registries/port';
import { RegistryError, type RegistryErrorCode } from '../registries/errors';
import type { Policy } from '../verification/policy';
import { checkChanges, reasonChanges, type CheckChange } from './explain';
import { reasonsFor } from '../verification/reasons';
import type {
  CompaniesHouseEvidence,
  DecisionEvidence,
  EvidenceKind,
  EvidencePayloads,
  ExtractionEvidence,
  ForensicsEvidence,
  HmrcEvidence,
  RegistryFailure,
} from '../evidence/types';

/** A stored record as the replay reads it. */
export interface StoredEvidence {
  id: string;
  kind: string;
  task_id: string;
  payload: Record<string, unknown>;
}

/** The records a replay needs are not all there: it refuses rather than guess or ask a registry. */
export class EvidenceIncomplete extends Error {
  constructor(readonly missing: string[]) {
    super(`The stored evidence is incomplete: ${missing.join(', ')}.`);
    this.name = 'EvidenceIncomplete';
  }
}

function rethrow(failure: RegistryFailure): never {
  throw new RegistryError(failure.registry, failure.code as RegistryErrorCode, failure.message, failure.status ?? undefined);
}

/** Registry clients that answer only from stored answers, and note every question they had no answer for. */
function storedRegistries(records: StoredEvidence[], missing: string[]) {
  const of = <K extends EvidenceKind>(kind: K) =>
    records.filter((r) => r.kind === kind).map((r) => r.payload as unknown as EvidencePayloads[K]);
  const profiles = of('companies_house.profile');
  const lookups = of('hmrc.vat_lookup');
  const companiesHouse: CompaniesHouseLookup = {
    async profile(number) {
      const wanted = canonicalCompanyNumber(number);
      const answer: CompaniesHouseEvidence | undefined = profiles.find((p) => p.company_number === wanted);
      if (!answer) {
        missing.push(`companies_house.profile:${wanted}`);
        throw new EvidenceIncomplete(missing);
      }
      if (answer.outcome === 'error' && answer.error) rethrow(answer.error);
      return answer.outcome === 'found' && answer.profile ? { found: true, profile: answer.profile } : { found: false };
    },
  };
  const hmrc: HmrcVatLookup = {
    async lookup(vrn) {
      const answer: HmrcEvidence | undefined = lookups.find((l) => l.vrn === vrn);
      if (!answer) {
        missing.push(`hmrc.vat_lookup:${vrn}`);
        throw new EvidenceIncomplete(missing);
      }
      if (answer.outcome === 'error' && answer.error) rethrow(answer.error);
      return answer.outcome === 'found' && answer.registration
        ? { found: true, registration: answer.registration }
        : { found: false, processingDate: answer.processing_date ?? undefined };
    },
  };
  return { companiesHouse, hmrc };
}

function single<K extends EvidenceKind>(records: StoredEvidence[], kind: K): EvidencePayloads[K] | undefined {
  return records.find((r) => r.kind === kind)?.payload as unknown as EvidencePayloads[K] | undefined;
}

/**
 * The stages a replay runs, loaded at its first use: they bring the date and name readers (chrono-node
 * alone is 266 modules), which an API that never replays should not load.
 */
async function replayStages() {
  const [{ registriesStage }, { decideStage }] = await Promise.all([import('../pipeline/registries.js'), import('../pipeline/decide.js')]);
  return { registriesStage, decideStage };
}

/**
 * Re-decides one task's verdict from its evidence alone: the document's reading and forensic
 * findings as recorded, the registries' answers as recorded, at the moment the verdict was made,
 * under `policy`. The same stage code runs as in the pipeline; nothing outside is asked.
 */
export async function redecide(records: StoredEvidence[], policy: Policy): Promise<Verification> {
  const decision = single(records, 'decision') as DecisionEvidence | undefined;
  const extraction = single(records, 'extraction') as ExtractionEvidence | undefined;
  const forensics = single(records, 'forensics') as ForensicsEvidence | undefined;
  const absent = [!decision && 'decision', !extraction && 'extraction', !forensics && 'forensics'].filter(Boolean) as string[];
  if (!decision || !extraction || !forensics) throw new EvidenceIncomplete(absent);
  const missing: string[] = [];
  const stored = storedRegistries(records, missing);
  const { settings } = decision;
  const state = {
    ...emptyState(),
    document_type: extraction.document_type,
    classification: extraction.classification,
    fields: extraction.fields,
    page_texts: extraction.page_texts ?? [],
  };
  state.checks.push(...rejudgedForensicChecks(forensics, policy.pixelThresholds));
  const decidedAt = new Date(decision.decided_at);
  const ctx: StageContext = {
    document: { id: '', tenant_id: '', filename: '', content_type: '', size_bytes: 0, sha256: '' },
    task: { id: records[0]?.task_id ?? '', kind: 'verify' },
    claims: decision.claims,
    bytes: Buffer.alloc(0),
    state,
    progress: async () => undefined,
  };
  const registries = {
    companiesHouse: settings.companies_house_configured ? stored.companiesHouse : undefined,
    hmrc: settings.hmrc_configured ? stored.hmrc : undefined,
    hmrcSandbox: settings.hmrc_sandbox,
  };
  const { registriesStage, decideStage } = await replayStages();
  await registriesStage({ registries, names: settings.names, now: () => decidedAt }).run(ctx);
  // A check that met a missing answer reads as an error; the replay must refuse instead.
  if (missing.length > 0) throw new EvidenceIncomplete(missing);
  await decideStage({ policy, freshnessDays: settings.freshness_days, names: settings.names, now: () => decidedAt }).run(ctx);
  return state.verification!;
}

export interface VerdictSummary {
  decision: Decision;
  score: number;
  policy_version: string;
  decided_at: string;
  reasons: DecisionReason[];
}

/** The replayed verdict with every check it ran (one schema: an intersection would split into two closed ones). */
export interface ReplayedVerdict extends VerdictSummary {
  checks: Verification['checks'];
}

export interface DocumentReplay {
  document_id: string;
  /** The task whose evidence was replayed. */
  task_id: string;
  evidence_record_ids: string[];
  original: VerdictSummary;
  replayed: ReplayedVerdict;
  /** The replay gave exactly the original verdict (every check, score, decision, version and time). */
  reproduces_original: boolean;
  decision_changed: boolean;
  changed_checks: CheckChange[];
  /** Reasons that hold now and did not before, and the reverse: why the decision moved. */
  why: { added: DecisionReason[]; removed: DecisionReason[] };
}

const summary = (v: Verification, policy: Policy): VerdictSummary => ({
  decision: v.decision,
  score: v.score,
  policy_version: v.policy_version,
  decided_at: v.decided_at,
  reasons: reasonsFor(v.checks, v.score, policy),
});

/** Replays a document's latest recorded verdict and says what changes, and why. */
export async function replayDocument(documentId: string, records: StoredEvidence[], policy: Policy): Promise<DocumentReplay> {
  const decision = single(records, 'decision') as DecisionEvidence | undefined;
  if (!decision) throw new EvidenceIncomplete(['decision']);
  const replayed = await redecide(records, policy);
  const original = decision.verification;
  const before = summary(original, decision.policy);
  const after = summary(replayed, policy);
  return {
    document_id: documentId,
    task_id: records[0]!.task_id,
    evidence_record_ids: records.map((r) => r.id),
    original: before,
    replayed: { ...after, checks: replayed.checks },
    reproduces_original: isDeepStrictEqual(JSON.parse(JSON.stringify(replayed)), original),
    decision_changed: replayed.decision !== original.decision,
    changed_checks: checkChanges(original.checks, replayed.checks),
    why: reasonChanges(before.reasons, after.reasons),
  };
}
