import path from 'node:path';
import type { Config } from '../config';
import { LocalDocumentStore } from './local';
import type { DocumentStore } from './port';
import { S3DocumentStore } from './s3';

export function createDocumentStore(config: Config): DocumentStore {
  if (config.STORAGE === 's3') {
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
