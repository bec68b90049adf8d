import path from 'node:path';
import type { Config } from '../config';
import { LocalDocumentStore } from './local';
import type { DocumentStore } from './port';

/**
 * The configured store. The S3 adapter (and with it the AWS SDK, some 6 MB of heap) is loaded only
 * when STORAGE=s3: the local default never holds it, and every major GC of a serving process walks less.
 */
export async function createDocumentStore(config: Config): Promise<DocumentStore> {
  if (config.STORAGE === 's3') {
    const { S3DocumentStore } = await import('./s3.js');
    return new S3DocumentStore({
      // loadConfig refuses STORAGE=s3 without a bucket.
      bucket: config.S3_BUCKET_NAME as string,
      prefix: config.S3_PREFIX,
      region: config.AWS_REGION,
      kmsKeyId: config.S3_KMS_KEY_ID,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalDocumentStore(path.join(config.dataDir, 'documents'), { signingKey: config.SECRET_KEY, publicUrl: config.PUBLIC_URL });
}
