import type { BenchDocument } from './documents';

/** The API as a client sees it: base URL and key. */
export interface ApiTarget {
  base: string;
  key: string;
}

export interface Accepted {
  document_id: string;
  task_id: string;
}

export type DocumentView = Record<string, unknown> & {
  status: string;
  error: { code: string } | null;
  verification: { decision?: string } | null;
};

function headers(target: ApiTarget): Record<string, string> {
  return { Authorization: `Bearer ${target.key}` };
}

export async function uploadDocument(target: ApiTarget, doc: BenchDocument): Promise<Accepted> {
  const form = new FormData();
  for (const [name, value] of Object.entries(doc.claims)) if (value) form.append(name, String(value));
  form.append('file', new Blob([new Uint8Array(doc.bytes)], { type: doc.mime }), doc.filename);
  const res = await fetch(`${target.base}/api/v1/documents/upload`, { method: 'POST', headers: headers(target), body: form });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Accepted;
}

export async function getDocument(target: ApiTarget, documentId: string): Promise<{ view: DocumentView; body: string }> {
  const res = await fetch(`${target.base}/api/v1/documents/${documentId}`, { headers: headers(target) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET document answered ${res.status}: ${body}`);
  return { view: JSON.parse(body) as DocumentView, body };
}

/**
 * Polls the document until it is completed or failed. The poll interval bounds the error of the
 * measured time, so it is short; each poll is one cheap GET.
 */
export async function waitForOutcome(
  target: ApiTarget,
  documentId: string,
  options: { pollMs: number; timeoutMs: number },
): Promise<{ view: DocumentView; body: string }> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    const answer = await getDocument(target, documentId);
    if (answer.view.status === 'completed' || answer.view.status === 'failed') return answer;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  throw new Error(`document ${documentId} did not finish within ${options.timeoutMs} ms`);
}

/** What a finished document ended as, for notes: the decision, or the error code. */
export function outcomeOf(view: DocumentView): string {
  if (view.status === 'failed') return `failed (${view.error?.code ?? 'unknown'})`;
  return view.verification?.decision ?? 'completed without a decision';
}
