import { createKybClient, KybApiError, KybError, type Claims, type ProgressView } from '../../src';
import { attach, getCase, openCase, renderCase } from './case';
import { byId } from './dom';
import { percentOf, progressLine } from './format';
import { wireQueue } from './queue';
import { evidenceImageUrl, renderError, renderResult, type ShownError } from './render';

/** The key lives for this tab only: sessionStorage, never localStorage. */
const KEY_STORAGE = 'kyb.apiKey';
const CLAIMS = ['company_number', 'company_name', 'vat_number'] as const;

const form = byId<HTMLFormElement>('upload-form');
const keyInput = byId<HTMLInputElement>('api-key');
const fileInput = byId<HTMLInputElement>('file');
const submit = byId<HTMLButtonElement>('submit');
const progressPanel = byId<HTMLElement>('progress-panel');
const progressBar = byId<HTMLProgressElement>('progress');
const progressPercent = byId<HTMLElement>('progress-percent');
const progressText = byId<HTMLElement>('progress-text');
const errorBox = byId<HTMLElement>('error');
const result = byId<HTMLElement>('result');
const caseInput = byId<HTMLInputElement>('case-id');
const openCaseButton = byId<HTMLButtonElement>('open-case');
const caseBox = byId<HTMLElement>('case');

function showProgress(progress: ProgressView): void {
  const percent = progress.state === 'completed' ? 100 : percentOf(progress);
  progressBar.value = percent;
  progressPercent.textContent = `${percent}%`;
  progressText.textContent = progressLine(progress);
}

function fieldError(input: HTMLInputElement, message: string | undefined): boolean {
  const box = byId<HTMLElement>(`${input.id}-error`);
  box.textContent = message ?? '';
  box.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return !message;
}

/** Checks what the browser can check before asking the API; focuses the first problem. */
function validate(): { apiKey: string; file: File } | undefined {
  const apiKey = keyInput.value.trim();
  const file = fileInput.files?.[0];
  const keyOk = fieldError(keyInput, apiKey ? undefined : 'Enter your API key.');
  const fileOk = fieldError(fileInput, file ? undefined : 'Choose a document to upload.');
  if (!keyOk) keyInput.focus();
  else if (!fileOk) fileInput.focus();
  return apiKey && file ? { apiKey, file } : undefined;
}

function claims(): Claims {
  const data = new FormData(form);
  return Object.fromEntries(CLAIMS.map((name) => [name, String(data.get(name) ?? '').trim()]).filter(([, v]) => v));
}

function describe(error: unknown): ShownError {
  if (error instanceof KybApiError) return { code: error.code, message: error.message, requestId: error.requestId };
  if (error instanceof KybError) return { code: error.code, message: error.message };
  return { code: 'network_error', message: 'The API could not be reached. Check that the server is running, then try again.' };
}

function busy(on: boolean): void {
  submit.disabled = on;
  submit.textContent = on ? 'Working…' : 'Upload and verify';
  form.setAttribute('aria-busy', String(on));
}

async function run(apiKey: string, file: File): Promise<void> {
  const client = createKybClient({ baseUrl: location.origin, apiKey });
  errorBox.replaceChildren();
  result.hidden = true;
  progressPanel.hidden = false;
  progressBar.value = 0;
  progressPercent.textContent = '0%';
  progressText.textContent = `Uploading ${file.name}…`;
  try {
    const accepted = await client.upload(file, claims());
    await client.followProgress(accepted.task_id, showProgress);
    const caseId = caseInput.value.trim();
    if (caseId) {
      progressText.textContent = 'Checking the document against the case…';
      await client.followProgress(await attach(client, caseId, accepted.document_id), showProgress);
      renderCase(caseBox, await getCase(client, caseId));
    }
    const documentId = accepted.document_id;
    renderResult(result, await client.getDocument(documentId), (name) => evidenceImageUrl(client, documentId, name));
    result.hidden = false;
    result.focus();
  } catch (error) {
    progressPanel.hidden = true;
    renderError(errorBox, describe(error));
  }
}

/** Opens a case from the claims typed above; later uploads go into it. */
openCaseButton.addEventListener('click', () => {
  const apiKey = keyInput.value.trim();
  if (!fieldError(keyInput, apiKey ? undefined : 'Enter your API key.')) return keyInput.focus();
  const c = claims();
  const client = createKybClient({ baseUrl: location.origin, apiKey });
  errorBox.replaceChildren();
  openCase(client, { company_number: c.company_number ?? '', company_name: c.company_name ?? '', vat_number: c.vat_number })
    .then((view) => {
      caseInput.value = view.case_id;
      renderCase(caseBox, view);
    })
    .catch((error: unknown) => renderError(errorBox, { code: 'case_error', message: (error as Error).message }));
});

keyInput.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
for (const input of [keyInput, fileInput]) {
  input.addEventListener('input', () => fieldError(input, undefined));
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = validate();
  if (!input) return;
  sessionStorage.setItem(KEY_STORAGE, input.apiKey);
  busy(true);
  void run(input.apiKey, input.file).finally(() => busy(false));
});

wireQueue({
  apiKey: () => {
    const apiKey = keyInput.value.trim();
    if (fieldError(keyInput, apiKey ? undefined : 'Enter your API key.')) return apiKey;
    keyInput.focus();
    return undefined;
  },
  showError: (error) => renderError(errorBox, describe(error)),
  clearError: () => errorBox.replaceChildren(),
});
