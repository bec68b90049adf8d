import { FIXTURE_TYPES, isHeldOut, layoutNames, randomCompany, Rng, type Company, type FixtureType, type Rendering } from '../../fixtures';
import { loadConfig } from '../../worker/config';
import type { Check, Decision, DecisionReason } from '../../worker/domain';
import type { OcrEngine } from '../../worker/ocr/port';
import { buildStages } from '../../worker/pipeline';
import { runStages } from '../../worker/pipeline/runner';
import type { PipelineState } from '../../worker/pipeline/types';
import type { Registries } from '../../worker/registries';
import type { CompanyProfile } from '../../worker/registries/companies-house';
import { canonicalVrn } from '../../worker/registries/vat-number';
import { DETAILS_SHOWN } from '../../worker/verification/details-shown';
import { defaultPolicy } from '../../worker/verification/policy';
import { seed, type SeedCompany } from '../fakes/registry-data';
import { generateCached } from './cache';
import { fieldMatches } from './reader';

/** The renderings a business's upload arrives in. */
export const OUTCOME_RENDERINGS: readonly Rendering[] = ['text_pdf', 'image_pdf', 'scan_image', 'photo_jpeg'];

/**
 * A sound business, one planted bad in a way no document of it may end verified, or a sound one
 * whose submission is incomplete (page 1 alone of a document whose details are on page 2).
 */
export type Kind = 'sound' | 'dissolved' | 'renamed' | 'unknown_vat' | 'stale' | 'incomplete';

/** A day long enough ago that a statement dated up to it is stale on any run date. */
const LONG_AGO = '2024-03-15';

export interface Case {
  kind: Kind;
  type: FixtureType;
  layout: string;
  rendering: Rendering;
  seed: number;
  heldOut: boolean;
  company: Company;
  registry: SeedCompany;
  today?: string;
  /** Only page 1 of the document is sent. */
  firstPageOnly?: boolean;
}

/** Why a sound document did not end verified, told apart so each can be owned and fixed. */
export type Cause = 'reading' | 'confirmation' | 'forensics' | 'policy' | 'not_on_pages_sent';

export interface Outcome {
  case: Case;
  filename: string;
  decision: Decision;
  /** For a sound document not verified: what stopped it, and the checks that did. */
  cause?: Cause;
  blocking: Check[];
  misread: Misread[];
  /** Why the policy decided as it did, as the customer is told. */
  reasons: DecisionReason[];
}

/** A field the pipeline read otherwise than the document prints it. */
export interface Misread {
  field: string;
  read: string | null;
  /** What the pages sent print; null when they print no such field. */
  printed: string | null;
}

/** How each planted bad business is registered, and which document of it is sent. */
function plantBad(kind: BadKind, company: Company): Pick<Case, 'type' | 'registry' | 'today'> {
  switch (kind) {
    case 'dissolved':
      return {
        type: 'certificate_of_incorporation',
        registry: seed(company, { company_status: 'dissolved', date_of_cessation: '2022-01-31' }),
      };
    case 'renamed':
      return {
        type: 'certificate_of_incorporation',
        registry: seed(
          company,
          { previous_company_names: [{ name: company.name.toUpperCase(), effective_from: '2015-01-01', ceased_on: '2024-01-01' }] },
          { registeredName: 'ENTIRELY NEW NAME LIMITED' },
        ),
      };
    case 'unknown_vat':
      return { type: 'vat_registration_certificate', registry: seed(company, {}, { vatRegistered: false }) };
    case 'stale':
      return { type: 'bank_statement', registry: seed(company, {}), today: LONG_AGO };
  }
}

type BadKind = Exclude<Kind, 'sound' | 'incomplete'>;

const BAD_KINDS: BadKind[] = ['dissolved', 'renamed', 'unknown_vat', 'stale'];

/** Documents whose details are only on page 2: page 1 alone is an incomplete submission. */
const DETAILS_ON_PAGE_TWO: Array<[FixtureType, string]> = [
  ['bank_statement', 'detailsOnPageTwo'],
  ['utility_bill', 'detailsOnPageTwo'],
];

/** Renderings that can carry fewer pages than the document has: a single scanned page, a photo. */
const ONE_PAGE_RENDERINGS: readonly Rendering[] = ['scan_image', 'photo_jpeg'];

/** A business registered as it is, its company drawn from the case's own seed. */
function soundCase(kind: 'sound' | 'incomplete', type: FixtureType, layout: string, rendering: Rendering, s: number): Case {
  const company = randomCompany(new Rng(s));
  return { kind, type, layout, rendering, seed: s, heldOut: isHeldOut(type, layout), company, registry: seed(company, {}) };
}

/**
 * Sound businesses, `perCell` documents per type and rendering, every layout (tuned and held
 * out) taken in turn; then one of each planted bad kind per rendering; then, in the renderings
 * that can hold one page, page 1 alone of each details-on-page-two layout. Each has its own company.
 */
export function planOutcomes(options: { seed: number; perCell: number; renderings?: readonly Rendering[] }): Case[] {
  const cases: Case[] = [];
  // Each case's seed (and so its company and bytes) depends only on its place, so a larger sample
  // contains a smaller one and reuses its cached renders and OCR.
  const seedOf = (r: number, cell: number, i: number) => options.seed * 1_000_003 + r * 100_000 + cell * 1_000 + i;
  for (const [r, rendering] of (options.renderings ?? OUTCOME_RENDERINGS).entries()) {
    for (const [t, type] of FIXTURE_TYPES.entries()) {
      const layouts = layoutNames(type);
      for (let i = 0; i < options.perCell; i++) {
        cases.push(soundCase('sound', type, layouts[(options.seed + i) % layouts.length]!, rendering, seedOf(r, t, i)));
      }
    }
    for (const [k, kind] of BAD_KINDS.entries()) {
      const s = seedOf(r, FIXTURE_TYPES.length + k, 0);
      const company = randomCompany(new Rng(s));
      const bad = plantBad(kind, company);
      const layouts = layoutNames(bad.type);
      const layout = layouts[(options.seed + r) % layouts.length]!;
      cases.push({ kind, layout, rendering, seed: s, heldOut: isHeldOut(bad.type, layout), company, ...bad });
    }
    if (!ONE_PAGE_RENDERINGS.includes(rendering)) continue;
    for (const [k, [type, layout]] of DETAILS_ON_PAGE_TWO.entries()) {
      const s = seedOf(r, FIXTURE_TYPES.length + BAD_KINDS.length + k, 0);
      cases.push({ ...soundCase('incomplete', type, layout, rendering, s), firstPageOnly: true });
    }
  }
  return cases;
}

/** Registries that answer from the cases' records, as Companies House and HMRC would for them. */
export function registriesOf(cases: readonly Case[]): Registries {
  const profiles = new Map<string, CompanyProfile>(cases.map((c) => [c.registry.profile.company_number!, c.registry.profile]));
  const vat = new Map(cases.flatMap((c) => (c.registry.vat ? [[c.company.vat_number, c.registry.vat] as const] : [])));
  return {
    hmrcSandbox: false,
    companiesHouse: {
      profile: async (number) => {
        const profile = profiles.get(number);
        return profile ? { found: true, profile: structuredClone(profile) } : { found: false };
      },
    },
    hmrc: {
      lookup: async (vrn) => {
        const target = vat.get(canonicalVrn(vrn) ?? vrn);
        return target ? { found: true, registration: { target: structuredClone(target) } } : { found: false };
      },
    },
  };
}

/** The fields each check compares with a registry or the claims. */
const COMPARES: Record<string, string[]> = {
  'companies_house.exists': ['company_number'],
  'companies_house.name_match': ['company_name'],
  'companies_house.number_match': ['company_number'],
  'companies_house.incorporation_date_match': ['incorporation_date'],
  'companies_house.address_match': ['postcode', 'address'],
  'hmrc_vat.format': ['vat_number'],
  'hmrc_vat.registered': ['vat_number'],
  'hmrc_vat.name_match': ['company_name'],
  'hmrc_vat.address_match': ['postcode', 'address'],
  'document.claims_match': ['company_number', 'company_name', 'vat_number'],
  'document.freshness': ['statement_period', 'document_date'],
  'document.details_shown': ['company_name', 'statement_period', 'document_date'],
};

/** Fields some check compares: read where the document prints none, they are misreads too. */
const COMPARED_FIELDS = new Set(Object.values(COMPARES).flat());

/** Fields read otherwise than printed, and compared fields read off a document that prints none. */
function misreadsOf(fields: PipelineState['fields'], truth: Partial<Record<string, string>>): Misread[] {
  const wrong = (Object.entries(truth) as Array<[string, string]>)
    .filter(([name, printed]) => !fieldMatches(name, fields[name], printed))
    .map(([name, printed]) => ({ field: name, read: fields[name]?.value ?? null, printed }));
  const unprinted = Object.entries(fields)
    .filter(([name]) => COMPARED_FIELDS.has(name) && !(name in truth))
    .map(([name, f]) => ({ field: name, read: f.value, printed: null }));
  return [...wrong, ...unprinted];
}

/**
 * Why a sound document was not verified: a forensic warning when that is all that blocks it; a
 * misread when a blocking check compared a field read wrong (or read where the document prints
 * none); `not_on_pages_sent` when what a blocking check needs is not on the pages sent (a photo of
 * page 1 of a bill whose details are on page 2); confirmation when the fields it compared were read
 * right yet the comparison failed; policy when nothing blocks but the rules still withheld
 * `verified` (no anchor, score too low).
 */
function causeOf(blocking: Check[], misread: string[], shown: string[]): Cause {
  const other = blocking.filter((c) => !c.id.startsWith('forensics.'));
  if (blocking.length > 0 && other.length === 0) return 'forensics';
  if (other.length === 0) return 'policy';
  const compared = other.flatMap((c) => COMPARES[c.id] ?? []);
  if (compared.some((f) => misread.includes(f))) return 'reading';
  if (compared.length > 0 && compared.every((f) => !shown.includes(f))) return 'not_on_pages_sent';
  return 'confirmation';
}

function blockingChecks(state: PipelineState): Check[] {
  return (state.verification?.checks ?? []).filter(
    (c) => c.status === 'fail' || c.status === 'error' || (c.status === 'warn' && !defaultPolicy.toleratedWarnings.includes(c.id)),
  );
}

/**
 * Sends every case through the whole pipeline as production builds it (reading, forensics,
 * registries, decide; no database), `lanes` at a time (as readAll), the applicant claiming the company's number, name
 * and VAT number as an onboarding form asks.
 */
export async function decideAll(cases: readonly Case[], ocr: OcrEngine, lanes = ocr.size + 1): Promise<Outcome[]> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const stages = buildStages({ config, ocr, registries: registriesOf(cases), earlierUploads: async () => [] });
  const outcomes = new Array<Outcome>(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i]!;
        const doc = await generateCached({
          type: c.type,
          layout: c.layout,
          rendering: c.rendering,
          seed: c.seed,
          company: c.company,
          today: c.today,
          firstPageOnly: c.firstPageOnly,
        });
        const state = await runStages(
          stages,
          {
            document: {
              id: `doc-${i}`,
              tenant_id: 't',
              filename: doc.filename,
              content_type: doc.mime,
              size_bytes: doc.bytes.length,
              sha256: `${i}`,
            },
            task: { id: `task-${i}`, kind: 'process' },
            claims: { company_number: c.company.number, company_name: c.company.name, vat_number: c.company.vat_number },
            bytes: doc.bytes,
          },
          async () => undefined,
        );
        const blocking = blockingChecks(state);
        const misread = misreadsOf(state.fields, doc.truth.fields);
        const decision = state.verification?.decision ?? 'review';
        outcomes[i] = {
          case: c,
          filename: doc.filename,
          decision,
          cause:
            c.kind === 'sound' && decision !== 'verified'
              ? causeOf(
                  blocking,
                  misread.map((m) => m.field),
                  Object.keys(doc.truth.fields),
                )
              : undefined,
          blocking,
          misread,
          reasons: state.verification?.reasons ?? [],
        };
      }
    }),
  );
  return outcomes;
}

function pct(right: number, total: number): string {
  return total ? `${((100 * right) / total).toFixed(1)}% (${right}/${total})` : '-';
}

/** Each forensic check that alone kept sound documents from `verified`, by check and measure, most frequent first. */
export function forensicCauses(outcomes: readonly Outcome[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const o of outcomes.filter((x) => x.cause === 'forensics'))
    for (const c of o.blocking) {
      const key = `${c.id.replace(/^forensics\./, '')}${typeof c.evidence.measure === 'string' ? ` ${c.evidence.measure}` : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** An incomplete submission handled as the customer needs: sent to review, told what the pages sent do not show. */
export function toldWhatIsMissing(o: Outcome): boolean {
  return o.decision === 'review' && o.reasons.some((r) => r.check_id === DETAILS_SHOWN && r.code === 'untolerated_warning');
}

/** The incomplete submissions' own row: how each ended and what its customer was told. */
function incompleteRows(incomplete: readonly Outcome[]): string[] {
  if (incomplete.length === 0) return [];
  const told = incomplete.filter(toldWhatIsMissing);
  const rows = [
    `incomplete submissions (page 1 alone of a details-on-page-two statement or bill): review and told what is missing ${pct(told.length, incomplete.length)}, ` +
      `verified ${incomplete.filter((o) => o.decision === 'verified').length}, rejected ${incomplete.filter((o) => o.decision === 'rejected').length}`,
  ];
  for (const o of incomplete) {
    const said = o.reasons.find((r) => r.check_id === DETAILS_SHOWN)?.message ?? o.reasons.map((r) => r.code).join(', ');
    rows.push(`  ${o.decision} ${o.case.rendering} ${o.case.type}: ${said}`);
  }
  return rows;
}

const misreadText = (m: Misread) => `${m.field} read ${JSON.stringify(m.read)}, printed ${JSON.stringify(m.printed)}`;

/**
 * The verified share of sound documents per rendering and layout split; among documents whose pages
 * sent print what verifying needs (a photo of a bill's summary page names nobody: review is right
 * for it); and what it would be were forensic warnings alone not counted, so reading and forensics
 * each show their part. Then planted bad ones verified, and each miss with its cause.
 */
export function formatOutcomes(outcomes: readonly Outcome[]): string {
  const sound = outcomes.filter((o) => o.case.kind === 'sound');
  const bad = outcomes.filter((o) => o.case.kind !== 'sound' && o.case.kind !== 'incomplete');
  const share = (list: readonly Outcome[], ok: (o: Outcome) => boolean) => pct(list.filter(ok).length, list.length);
  const verified = (o: Outcome) => o.decision === 'verified';
  const renderings = [...new Set(outcomes.map((o) => o.case.rendering))];
  const columns = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(i === 0 ? 20 : 21))).join('');
  const rows = [
    columns(['verified (sound)', 'all layouts', 'tuned layouts', 'held-out layouts', 'pages sent show it', 'but for forensics']),
    ...[...renderings, 'all'].map((r) => {
      const of = sound.filter((o) => r === 'all' || o.case.rendering === r);
      const where = (keep: (o: Outcome) => boolean) => share(of.filter(keep), verified);
      return columns([
        `  ${r}`,
        share(of, verified),
        where((o) => !o.case.heldOut),
        where((o) => o.case.heldOut),
        where((o) => o.cause !== 'not_on_pages_sent'),
        share(of, (o) => verified(o) || o.cause === 'forensics'),
      ]);
    }),
    '',
    `sound documents rejected: ${sound.filter((o) => o.decision === 'rejected').length}/${sound.length}`,
    `planted bad ending verified: ${bad.filter(verified).length}/${bad.length}` +
      ` (${bad.map((o) => `${o.case.kind} ${o.case.rendering}: ${o.decision}`).join('; ')})`,
  ];
  rows.push(...incompleteRows(outcomes.filter((o) => o.case.kind === 'incomplete')));
  const missed = sound.filter((o) => o.cause);
  const causes = new Map<string, number>();
  for (const o of missed) causes.set(o.cause!, (causes.get(o.cause!) ?? 0) + 1);
  rows.push(`sound not verified by cause: ${missed.length ? [...causes].map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`);
  const forensic = forensicCauses(outcomes);
  if (forensic.length > 0)
    rows.push(`  forensic checks that alone held sound documents: ${forensic.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const o of missed) {
    const checks = o.blocking.map((c) => `${c.id}:${c.status}:${c.reason_code}`).join(' ');
    const misread = o.misread.length ? ` misread: ${o.misread.map(misreadText).join('; ')}` : '';
    rows.push(`  ${o.cause} ${o.decision} ${o.filename}: ${checks || 'no blocking check'}${misread}`);
  }
  return rows.join('\n');
}
