import path from 'node:path';
import type { Config } from '../config';
import { LocalDocumentStore } from './local';
import type { DocumentStore } from './port';

export function createDocumentStore(config: Config): DocumentStore {
  if (config.STORAGE === 's3') throw new Error('S3 storage is not available in this build');
  return new LocalDocumentStore(path.join(config.dataDir, 'documents'));
}
