import type { Config } from './config';
import type { EvidenceRepository } from './evidence/port';
import { createLlmExtractor } from './extraction';
import type { Logger } from './logger';
import { createOcrPool } from './ocr';
import type { DocumentRepository } from './persistence/port';
import { buildStages } from './pipeline';
import { ProcessingPool } from './pipeline/pool';
import type { Stage } from './pipeline/types';
import type { Registries } from './registries';
import { evidenceImageKey } from './storage/keys';
import type { DocumentStore } from './storage/port';

/** What processing documents needs beyond serving them: the stages, and the threads and OCR workers they read in. */
export interface Processing {
  stages: Stage[];
  pool: ProcessingPool;
  close(): Promise<void>;
}

export interface ProcessingDeps {
  config: Config;
  log: Logger;
  store: DocumentStore;
  documents: DocumentRepository;
  evidence: EvidenceRepository;
  registries: Registries;
}

/**
 * Builds every stage once. runtime.ts imports this module only in a process that processes: with it
 * come pdf.js, pdf-lib, sharp, tesseract.js, the OpenAI client and the extraction rules, which a
 * process that only serves would otherwise load and keep on its heap.
 */
export function buildProcessing({ config, log, store, documents, evidence, registries }: ProcessingDeps): Processing {
  const ocr = createOcrPool(config);
  // The reading runs in threads, so a hostile document costs a thread, never this event loop.
  const pool = new ProcessingPool({ config, ocr, log });
  const stages = buildStages({
    config,
    ocr,
    pool,
    llm: createLlmExtractor(config),
    registries,
    earlierUploads: async (tenantId, sha256, exceptId) =>
      (await documents.findSameContent(tenantId, sha256, exceptId)).map((d) => ({
        id: d.id,
        claims: d.claims,
        created_at: d.created_at,
      })),
    evidence,
    saveEvidenceImage: (document, name, png) =>
      store.put(evidenceImageKey(config.S3_PREFIX, document.tenant_id, document.id, name), png, 'image/png'),
    log,
  });
  return {
    stages,
    pool,
    close: async () => {
      await pool.close();
      await ocr.close();
    },
  };
}
