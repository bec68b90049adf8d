import { randomUUID } from 'node:crypto';
import {
  type Claims,
  type DirectUploadRepository,
  type DocumentStore,
  documentKey,
  isUuid,
  type Logger,
  StorageObjectNotFound,
  SUPPORTED_TYPES,
  type SupportedMime,
} from '../../worker';
import { ServiceError, notFound } from '../errors';
import type { DirectUpload, UploadAccepted } from './documents.dto';
import type { DocumentsService } from './documents.service';
import { cleanFilename } from './documents.service';
import { inspectStored, storageUnavailable, StoredUpload, unsupported, type FileFacts } from './intake';

export interface DirectUploadsDeps {
  slots: DirectUploadRepository;
  store: DocumentStore;
  documents: DocumentsService;
  storagePrefix: string;
  maxBytes: number;
  ttlSeconds: number;
  log: Logger;
}

export interface Registration {
  key: string;
  filename?: string;
  claims: Claims;
  caseId?: string;
}

/** What a stored file that sniffed as a type we read may still fail: the size the form allowed, the type it declared. */
function refusalOf(facts: FileFacts, declared: string, maxBytes: number): ServiceError | undefined {
  if (facts.size > maxBytes) return new ServiceError('too_large', 'file_too_large', 'The file is larger than the upload limit.');
  if (facts.mime !== declared) {
    return new ServiceError('unsupported', 'type_mismatch', `The file is ${facts.mime}, not the ${declared} declared.`, {
      detected: facts.mime,
      declared,
    });
  }
  return undefined;
}

const isSupported = (mime: string): mime is SupportedMime => Object.hasOwn(SUPPORTED_TYPES, mime);

/**
 * Large files go straight to the store: a presigned POST for a key the server makes under the
 * tenant, then a registration that reads the stored bytes as an upload would before anything is queued.
 */
export class DirectUploadsService {
  constructor(private readonly deps: DirectUploadsDeps) {}

  async create(tenantId: string, contentType: string, now = new Date()): Promise<DirectUpload> {
    if (!isSupported(contentType)) throw unsupported(contentType);
    const id = randomUUID();
    const key = documentKey(this.deps.storagePrefix, tenantId, id, SUPPORTED_TYPES[contentType]);
    const expiresAt = new Date(now.getTime() + this.deps.ttlSeconds * 1000);
    const form = await this.deps.store.presignPost({ key, contentType, maxBytes: this.deps.maxBytes, expiresAt });
    await this.deps.slots.create({
      id,
      tenant_id: tenantId,
      storage_key: key,
      content_type: contentType,
      max_bytes: this.deps.maxBytes,
      expires_at: expiresAt,
    });
    return { key, url: form.url, fields: form.fields, expires_at: expiresAt.toISOString(), max_bytes: this.deps.maxBytes };
  }

  /**
   * Refuses another tenant's key (not found), a spent one and an expired one; reads the stored file
   * (type, size, hash) and removes one that is empty, too large, of a type we do not read or not the
   * type declared; then records it as an upload is recorded, spending the slot in the same transaction.
   */
  async register(tenantId: string, registration: Registration, now = new Date()): Promise<UploadAccepted> {
    const slot = await this.deps.slots.find(tenantId, registration.key);
    if (!slot) throw notFound('Direct upload');
    if (slot.registered_at) throw new ServiceError('conflict', 'already_registered', 'This upload is registered already.');
    if (slot.expires_at.getTime() <= now.getTime())
      throw new ServiceError('gone', 'upload_expired', 'This direct upload has expired: ask for a new one.');
    if (registration.caseId && !isUuid(registration.caseId)) throw notFound('Case');
    const claims = await this.deps.documents.claimsFor(tenantId, registration.claims, registration.caseId);
    const facts = await this.inspect(slot.storage_key, slot.content_type, slot.max_bytes);
    const stored = new StoredUpload(this.deps.store, slot.id, slot.storage_key, facts);
    const filename = cleanFilename(registration.filename);
    return this.deps.documents.record(tenantId, stored, filename, claims, registration.caseId, async (transaction) => {
      if (!(await this.deps.slots.spendWithin(transaction, slot.id, now)))
        throw new ServiceError('conflict', 'already_registered', 'This upload is registered already.');
    });
  }

  /** The stored file's facts, once they pass what an upload must; a file that fails is removed. */
  private async inspect(key: string, declared: string, maxBytes: number): Promise<FileFacts> {
    let facts: FileFacts;
    try {
      facts = await inspectStored(this.deps.store, key);
    } catch (error) {
      if (error instanceof StorageObjectNotFound)
        throw new ServiceError('conflict', 'upload_missing', 'Nothing has been posted to this upload yet.');
      if (!(error instanceof ServiceError)) throw storageUnavailable(this.deps.log, error);
      await this.deps.store.delete(key).catch(() => undefined);
      throw error;
    }
    const refusal = refusalOf(facts, declared, maxBytes);
    if (refusal) {
      await this.deps.store.delete(key).catch(() => undefined);
      throw refusal;
    }
    return facts;
  }
}
