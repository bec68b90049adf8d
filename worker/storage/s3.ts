import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { create as contentDisposition } from 'content-disposition';
import { Readable } from 'node:stream';
import { StorageObjectNotFound, type DirectUploadForm, type DirectUploadPolicy, type DocumentStore, type StreamPut } from './port';

/** S3 refuses presigned URLs beyond a week; we hold them to a quarter of an hour. */
export const MAX_PRESIGN_SECONDS = 900;

export interface S3StoreOptions {
  bucket: string;
  /** Every key this store writes or reads lives under it. */
  prefix: string;
  region: string;
  /** A customer-managed KMS key; without one objects are encrypted with S3-managed keys (AES256). */
  kmsKeyId?: string;
  /** A local S3-compatible server (tests, development); unset in AWS. */
  endpoint?: string;
  forcePathStyle?: boolean;
}

export function createS3Client(options: Pick<S3StoreOptions, 'region' | 'endpoint' | 'forcePathStyle'>): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle || Boolean(options.endpoint),
    // Local S3 servers mishandle the SDK's default streamed checksums and store corrupted bodies.
    ...(options.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
}

/** The encryption headers as the form fields of a POST upload (createPresignedPost adds each field to the policy). */
function encryptionFields(
  headers: Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'>,
): Record<string, string> {
  const fields: Record<string, string> = { 'x-amz-server-side-encryption': String(headers.ServerSideEncryption) };
  if (headers.SSEKMSKeyId) fields['x-amz-server-side-encryption-aws-kms-key-id'] = headers.SSEKMSKeyId;
  if (headers.BucketKeyEnabled) fields['x-amz-server-side-encryption-bucket-key-enabled'] = 'true';
  return fields;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return error instanceof NoSuchKey || e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Originals in a private S3 bucket: encrypted at rest, never public, handed out only through short-lived URLs. */
export class S3DocumentStore implements DocumentStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  private readonly root: string;

  constructor(
    private readonly options: S3StoreOptions,
    client?: S3Client,
  ) {
    this.client = client ?? createS3Client(options);
    this.root = options.prefix.replace(/^\/+|\/+$/g, '');
  }

  /** Keys are made by the server under the prefix (see keys.ts); anything else is a bug, not a request to honour. */
  private checked(key: string): string {
    const inside = this.root === '' || key.startsWith(`${this.root}/`);
    if (!inside || key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new Error(`Refusing storage key outside ${JSON.stringify(this.root)}: ${JSON.stringify(key)}`);
    }
    return key;
  }

  private encryption(): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'> {
    if (!this.options.kmsKeyId) return { ServerSideEncryption: 'AES256' };
    // A bucket key cuts KMS calls (and their cost and throttling) to one per bucket and period.
    return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.options.kmsKeyId, BucketKeyEnabled: true };
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.checked(key),
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
        ...this.encryption(),
      }),
    );
  }

  /** Parts of 5 MiB, so a stream of unknown length is never held whole; one PutObject when it is smaller. */
  async putStream(key: string, body: Readable, contentType: string): Promise<StreamPut> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.options.bucket, Key: this.checked(key), Body: body, ContentType: contentType, ...this.encryption() },
    });
    await upload.done();
    // S3 answers a put only once the object is stored durably.
    return { durable: Promise.resolve() };
  }

  async getStream(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.checked(key) }));
      if (!(out.Body instanceof Readable)) throw new StorageObjectNotFound(key);
      return out.Body;
    } catch (error) {
      if (isNotFound(error)) throw new StorageObjectNotFound(key);
      throw error;
    }
  }

  /**
   * A POST policy for one key: the declared type, 1 byte to `maxBytes`, the bucket's encryption, and
   * an expiry of at most fifteen minutes. S3 refuses a form that breaks any of them.
   */
  async presignPost(policy: DirectUploadPolicy): Promise<DirectUploadForm> {
    const fields = { 'Content-Type': policy.contentType, ...encryptionFields(this.encryption()) };
    const seconds = Math.max(1, Math.min(MAX_PRESIGN_SECONDS, Math.floor((policy.expiresAt.getTime() - Date.now()) / 1000)));
    const { url, fields: signed } = await createPresignedPost(this.client, {
      Bucket: this.options.bucket,
      Key: this.checked(policy.key),
      Conditions: [
        ['content-length-range', 1, policy.maxBytes],
        ['eq', '$Content-Type', policy.contentType],
      ],
      Fields: fields,
      Expires: seconds,
    });
    return { url, fields: signed };
  }

  async get(key: string): Promise<Buffer> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.checked(key) }));
      if (!out.Body) throw new StorageObjectNotFound(key);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) throw new StorageObjectNotFound(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.checked(key) }));
  }

  /** A GET URL that names the file for the browser and expires within fifteen minutes, whatever is asked. */
  async presignGet(key: string, filename: string, ttlSeconds: number): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: this.checked(key),
      ResponseContentDisposition: contentDisposition(filename, { type: 'attachment' }),
    });
    const expiresIn = Math.max(1, Math.min(MAX_PRESIGN_SECONDS, Math.floor(ttlSeconds)));
    return getSignedUrl(this.client, command, { expiresIn });
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
  }
}
