import type { DocumentStore } from './port';

/** Object keys come from ids the server made, never from the client's filename. */
export function documentKey(prefix: string, tenantId: string, documentId: string, ext: string): string {
  const cleanPrefix = prefix.replace(/^\/+|\/+$/g, '');
  const name = `${tenantId}/${documentId}.${ext.replace(/[^a-z0-9]/gi, '')}`;
  return cleanPrefix ? `${cleanPrefix}/${name}` : name;
}

/** A picture kept as evidence for a document, beside its original: `<prefix>/<tenant>/<document>/evidence/<name>`. */
export function evidenceImageKey(prefix: string, tenantId: string, documentId: string, name: string): string {
  const cleanPrefix = prefix.replace(/^\/+|\/+$/g, '');
  const key = `${tenantId}/${documentId}/evidence/${name.replace(/[^a-z0-9._-]/gi, '')}`;
  return cleanPrefix ? `${cleanPrefix}/${key}` : key;
}

/** Removes a document's evidence pictures (`names`) beside its original; absent ones are fine. */
export async function deleteEvidenceImages(
  store: Pick<DocumentStore, 'delete'>,
  prefix: string,
  document: { id: string; tenant_id: string },
  names: string[],
): Promise<void> {
  for (const name of names) await store.delete(evidenceImageKey(prefix, document.tenant_id, document.id, name));
}
