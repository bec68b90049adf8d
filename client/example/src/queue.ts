import { createKybClient, type DocumentQuery, type DocumentSummary, type KybClient } from '../../src';
import { byId, el } from './dom';
import { DECISIONS, humanize } from './format';
import { evidenceImageUrl, renderResult } from './render';

/** What the queue needs from the rest of the page: the key typed above, and where errors are shown. */
export interface QueueDeps {
  /** The key, or undefined after pointing the user at the empty key field. */
  apiKey(): string | undefined;
  showError(error: unknown): void;
  clearError(): void;
}

const PAGE_SIZE = 20;

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function row(summary: DocumentSummary, open: (id: string) => void): HTMLTableRowElement {
  const button = el('button', { type: 'button', class: 'queue-open' }, summary.filename);
  button.addEventListener('click', () => open(summary.document_id));
  return el(
    'tr',
    { id: `queue-row-${summary.document_id}` },
    el('th', { scope: 'row' }, button),
    el('td', {}, summary.document_type ? humanize(summary.document_type) : 'Not recognised'),
    el('td', {}, `${when(summary.created_at)} UTC`),
    el('td', {}, summary.case_id ? el('code', {}, summary.case_id.slice(0, 8)) : el('span', { class: 'muted' }, '—')),
  );
}

/**
 * The review queue: documents in review that no person has decided, newest first, a page at a
 * time; opening one shows its checks and the decision buttons, which a reviewer or admin key may use.
 */
export function wireQueue(deps: QueueDeps): void {
  const filters = byId<HTMLFormElement>('queue-filters');
  const status = byId<HTMLElement>('queue-status');
  const list = byId<HTMLElement>('queue-list');
  const more = byId<HTMLButtonElement>('queue-more');
  const review = byId<HTMLElement>('review');
  const reviewDocument = byId<HTMLElement>('review-document');
  const reason = byId<HTMLInputElement>('review-reason');
  const note = byId<HTMLTextAreaElement>('review-note');
  const outcome = byId<HTMLElement>('review-outcome');
  const body = el('tbody', {});
  let cursor: string | null = null;
  let shown = 0;
  let opened: { id: string; verificationId: string } | undefined;

  const client = (): KybClient | undefined => {
    const apiKey = deps.apiKey();
    return apiKey ? createKybClient({ baseUrl: location.origin, apiKey }) : undefined;
  };

  function query(): DocumentQuery {
    const data = new FormData(filters);
    const type = String(data.get('document_type') ?? '');
    const from = String(data.get('created_from') ?? '');
    return {
      open_review: true,
      limit: PAGE_SIZE,
      ...(type ? { document_type: type as DocumentQuery['document_type'] } : {}),
      ...(from ? { created_from: `${from}T00:00:00Z` } : {}),
    };
  }

  async function load(kyb: KybClient, next: boolean): Promise<void> {
    if (!next) {
      body.replaceChildren();
      shown = 0;
      list.replaceChildren(
        el(
          'div',
          { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'queue-heading' },
          el(
            'table',
            { id: 'queue-table', 'aria-labelledby': 'queue-heading' },
            el('thead', {}, el('tr', {}, ...['Document', 'Type', 'Uploaded', 'Case'].map((h) => el('th', { scope: 'col' }, h)))),
            body,
          ),
        ),
      );
    }
    const [page, counts] = await Promise.all([
      kyb.listDocuments({ ...query(), ...(next && cursor ? { cursor } : {}) }),
      kyb.documentCounts(),
    ]);
    body.append(...page.items.map((summary) => row(summary, (id) => void open(kyb, id))));
    shown += page.items.length;
    cursor = page.next_cursor;
    more.hidden = cursor === null;
    status.textContent =
      shown === 0 ? 'Nothing in the queue matches.' : `${shown} shown, newest first; ${counts.open_reviews} open reviews in all.`;
  }

  async function open(kyb: KybClient, id: string): Promise<void> {
    deps.clearError();
    try {
      const document = await kyb.getDocument(id);
      renderResult(reviewDocument, document, (name) => evidenceImageUrl(kyb, id, name));
      opened = document.verification_id ? { id, verificationId: document.verification_id } : undefined;
      outcome.textContent = '';
      reason.value = '';
      note.value = '';
      review.hidden = false;
      review.focus();
    } catch (error) {
      deps.showError(error);
    }
  }

  async function decide(decision: 'verified' | 'rejected'): Promise<void> {
    const kyb = client();
    if (!kyb || !opened) return;
    if (!reason.value.trim()) {
      outcome.textContent = 'Enter a reason code first.';
      reason.focus();
      return;
    }
    deps.clearError();
    try {
      const decided = await kyb.reviewDocument(opened.id, {
        decision,
        reason_code: reason.value.trim(),
        verification_id: opened.verificationId,
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
      });
      outcome.textContent = `Decided: ${DECISIONS[decided.review.decision]}. This now stands over the automatic “${DECISIONS[decided.review.seen.decision]}”.`;
      document.getElementById(`queue-row-${opened.id}`)?.remove();
      shown -= 1;
    } catch (error) {
      deps.showError(error);
    }
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const kyb = client();
    if (!kyb) return;
    deps.clearError();
    load(kyb, false).catch(deps.showError);
  });
  more.addEventListener('click', () => {
    const kyb = client();
    if (kyb) load(kyb, true).catch(deps.showError);
  });
  byId<HTMLButtonElement>('review-verify').addEventListener('click', () => void decide('verified'));
  byId<HTMLButtonElement>('review-reject').addEventListener('click', () => void decide('rejected'));
}
