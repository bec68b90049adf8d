import type { Check, DocumentView, ExtractedField, KybClient, Verification } from '../../src';
import { el } from './dom';
import { CHECK_STATUS, checkName, DECISIONS, formatBytes, formatConfidence, formatValue, humanize } from './format';

export interface ShownError {
  code: string;
  message: string;
  requestId?: string;
}

/** The error as the API stated it: its code, its sentence, and the request id to quote. */
export function renderError(box: HTMLElement, error: ShownError): void {
  const parts = [
    el('h2', {}, 'Something went wrong'),
    el('p', { class: 'error-message' }, el('code', { class: 'error-code' }, error.code), ' ', error.message),
  ];
  if (error.requestId) parts.push(el('p', { class: 'hint' }, 'Request id ', el('code', {}, error.requestId)));
  box.replaceChildren(...parts);
}

function verdict(verification: Verification | null): HTMLElement {
  if (!verification) {
    return el(
      'div',
      { class: 'verdict verdict-none', id: 'decision' },
      el('p', { class: 'verdict-label' }, 'Decision'),
      el('p', { class: 'verdict-value' }, 'No verdict yet'),
      el('p', { class: 'verdict-note' }, 'The document has been read, but no checks have decided on it.'),
    );
  }
  return el(
    'div',
    { class: `verdict verdict-${verification.decision}`, id: 'decision' },
    el('p', { class: 'verdict-label' }, 'Decision'),
    el('p', { class: 'verdict-value' }, DECISIONS[verification.decision]),
    el('p', { class: 'verdict-note' }, `Score ${Number(verification.score.toFixed(2))} · policy ${verification.policy_version}`),
    ...whyNotVerified(verification),
  );
}

/** For a document that is not verified, why, in the verdict's own words (each once). */
function whyNotVerified(verification: Verification): HTMLElement[] {
  if (verification.decision === 'verified') return [];
  const messages = [...new Set(verification.reasons.map((r) => r.message))];
  return [el('ul', { class: 'verdict-reasons', id: 'decision-reasons' }, ...messages.map((m) => el('li', {}, m)))];
}

function fact(term: string, ...value: (Node | string)[]): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}

function facts(document: DocumentView): HTMLElement {
  const type = document.document_type ? humanize(document.document_type) : 'Not recognised';
  const confidence = document.classification ? ` (${formatConfidence(document.classification.confidence)} sure)` : '';
  const pages = document.pages === null ? '' : ` · ${document.pages} ${document.pages === 1 ? 'page' : 'pages'}`;
  const claims = Object.entries(document.claims).filter(([, v]) => v);
  return el(
    'dl',
    { class: 'facts' },
    ...fact('Status', humanize(document.status)),
    ...fact('Document type', type + confidence),
    ...fact('File', `${document.filename} · ${formatBytes(document.size_bytes)}${pages}`),
    ...fact('Claims', claims.length ? claims.map(([k, v]) => `${humanize(k)} ${v}`).join(' · ') : 'None given'),
  );
}

/** A table that scrolls sideways on narrow screens and can be scrolled with the keyboard. */
function table(labelledBy: string, head: string[], rows: HTMLElement[]): HTMLElement {
  return el(
    'div',
    { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': labelledBy },
    el(
      'table',
      { 'aria-labelledby': labelledBy },
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows),
    ),
  );
}

/** Lists of records (such as per-field comparisons) read best one item per line. */
function evidenceValue(value: unknown): (Node | string)[] {
  if (Array.isArray(value) && value.length > 1)
    return [el('ul', { class: 'evidence-list' }, ...value.map((item) => el('li', {}, formatValue(item))))];
  return [formatValue(value)];
}

function evidence(values: Record<string, unknown>): Node {
  const entries = Object.entries(values);
  if (entries.length === 0) return el('span', { class: 'muted' }, '—');
  return el('dl', { class: 'evidence' }, ...entries.flatMap(([k, v]) => [el('dt', {}, humanize(k)), el('dd', {}, ...evidenceValue(v))]));
}

/** An evidence picture fetched with the key and handed to the page as an object URL. */
export async function evidenceImageUrl(client: KybClient, documentId: string, name: string): Promise<string> {
  const { data, response } = await client.api.GET('/api/v1/documents/{document_id}/evidence/{name}', {
    params: { path: { document_id: documentId, name } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw new Error(`The evidence picture answered ${response.status}`);
  return URL.createObjectURL(data);
}

/** Fetches a check's evidence picture (it needs the API key, so it cannot be a plain link) and gives a URL the page can show. */
export type EvidenceImageLoader = (name: string) => Promise<string>;

/** The picture of the region a check flagged, beside its evidence; it appears once loaded, or never if it cannot be. */
function evidenceImage(check: Check, load: EvidenceImageLoader | undefined): HTMLElement | undefined {
  const name = check.evidence.evidence_image;
  if (typeof name !== 'string' || !load) return undefined;
  const image = el('img', { class: 'evidence-image', alt: `The region ${checkName(check.id)} flagged, outlined in red`, hidden: true });
  load(name)
    .then((url) => {
      image.src = url;
      image.hidden = false;
    })
    .catch(() => image.remove());
  return el('figure', { class: 'evidence-figure' }, image);
}

function checkRow(check: Check, loadImage?: EvidenceImageLoader): HTMLElement {
  const status = CHECK_STATUS[check.status];
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, checkName(check.id)),
    el(
      'td',
      {},
      el('span', { class: `badge badge-${check.status}` }, el('span', { 'aria-hidden': 'true' }, status.icon), ` ${status.label}`),
    ),
    el('td', {}, el('p', { class: 'reason' }, check.message), el('code', { class: 'reason-code' }, check.reason_code)),
    el('td', { class: 'evidence-cell' }, evidenceImage(check, loadImage), evidence(check.evidence)),
  );
}

function fieldRow([name, field]: [string, ExtractedField]): HTMLElement {
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, humanize(name)),
    el('td', { class: 'value' }, field.value),
    el('td', {}, field.raw && field.raw !== field.value ? field.raw : el('span', { class: 'muted' }, '—')),
    el('td', { class: 'num' }, formatConfidence(field.confidence)),
    el('td', {}, field.source),
    el('td', { class: 'num' }, field.page === null ? '—' : String(field.page)),
  );
}

/** How the checks came out, at a glance: `3 fail · 9 pass · 10 not applicable`. */
function tally(list: Check[]): HTMLElement {
  const order = Object.keys(CHECK_STATUS) as Check['status'][];
  const counts = order.map((status) => [status, list.filter((c) => c.status === status).length] as const).filter(([, n]) => n > 0);
  return el(
    'p',
    { class: 'tally' },
    ...counts.map(([status, n]) => el('span', { class: `badge badge-${status}` }, `${n} ${CHECK_STATUS[status].label.toLowerCase()}`)),
  );
}

function checks(verification: Verification | null, loadImage?: EvidenceImageLoader): HTMLElement[] {
  const list = verification?.checks ?? [];
  const heading = el('h3', { id: 'checks-heading' }, `Checks (${list.length})`);
  if (list.length === 0) return [heading, el('p', { class: 'muted' }, 'No checks have run on this document yet.')];
  return [
    heading,
    tally(list),
    table(
      'checks-heading',
      ['Check', 'Result', 'Reason', 'Evidence'],
      list.map((c) => checkRow(c, loadImage)),
    ),
  ];
}

function fields(document: DocumentView): HTMLElement[] {
  const list = Object.entries(document.fields);
  const heading = el('h3', { id: 'fields-heading' }, `Extracted fields (${list.length})`);
  if (list.length === 0) return [heading, el('p', { class: 'muted' }, 'No fields were extracted from this document.')];
  return [heading, table('fields-heading', ['Field', 'Value', 'As printed', 'Confidence', 'Source', 'Page'], list.map(fieldRow))];
}

/** The finished document: the decision first, then every check with its evidence, then the fields read. */
export function renderResult(section: HTMLElement, document: DocumentView, loadImage?: EvidenceImageLoader): void {
  const failure = document.error
    ? [el('p', { class: 'doc-error' }, el('code', { class: 'error-code' }, document.error.code), ' ', document.error.message)]
    : [];
  section.replaceChildren(
    el('h2', { id: 'result-heading' }, 'Result'),
    el('div', { class: 'summary' }, verdict(document.verification), facts(document)),
    ...failure,
    ...checks(document.verification, loadImage),
    ...fields(document),
  );
}
