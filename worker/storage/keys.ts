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
