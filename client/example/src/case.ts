import type { KybClient } from '../../src';
import type { components } from '../../src/generated/schema';
import { el } from './dom';
import { humanize } from './format';

type CaseView = components['schemas']['CaseView'];
type CreateCase = components['schemas']['CreateCaseRequest'];

async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (data === undefined) {
    const body = (error ?? {}) as { code?: string; message?: string };
    throw new Error(`${body.code ?? response.status}: ${body.message ?? 'the case request failed'}`);
  }
  return data;
}

export function openCase(client: KybClient, claims: CreateCase): Promise<CaseView> {
  return answer(client.api.POST('/api/v1/cases', { body: claims }));
}

/** Puts a processed document in the case; the API verifies it again against the case's claims. */
export async function attach(client: KybClient, caseId: string, documentId: string): Promise<string> {
  const accepted = await answer(
    client.api.POST('/api/v1/cases/{case_id}/documents', { params: { path: { case_id: caseId } }, body: { document_id: documentId } }),
  );
  return accepted.task_id;
}

export function getCase(client: KybClient, caseId: string): Promise<CaseView> {
  return answer(client.api.GET('/api/v1/cases/{case_id}', { params: { path: { case_id: caseId } } }));
}

/** The case decision, its reasons, and the consistency matrix: one row per attribute, one cell per source. */
export function renderCase(box: HTMLElement, view: CaseView): void {
  const rows = view.matrix.map((row) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, humanize(row.attribute)),
      el(
        'td',
        {},
        ...row.cells
          .filter((c) => c.status !== 'missing')
          .map((c) =>
            el(
              'span',
              { class: `cell cell-${c.status}`, title: `normalised: ${c.normalised ?? ''}` },
              `${humanize(c.document_type ?? c.source)}: ${c.value ?? ''} (${c.reference ? 'reference' : c.status}${c.similarity !== null && c.similarity !== undefined ? `, ${c.similarity}` : ''}) `,
            ),
          ),
      ),
    ),
  );
  box.replaceChildren(
    el('h2', { id: 'case-heading' }, `Case ${view.reference ?? view.case_id}`),
    el('p', { class: `verdict-value case-${view.decision.decision}`, id: 'case-decision' }, humanize(view.decision.decision)),
    el('ul', {}, ...view.decision.reasons.map((r) => el('li', {}, el('code', {}, r.code), ' ', r.message))),
    el('table', { class: 'matrix' }, el('caption', {}, 'Consistency across documents, claims and registries'), el('tbody', {}, ...rows)),
  );
  box.hidden = false;
}
