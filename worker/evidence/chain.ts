import { createHash } from 'node:crypto';
import { canonicalJson, payloadDigest } from './digest';

/** The hash a tenant's first record links to. */
export const GENESIS = '0'.repeat(64);

/** What a link covers: who and what the record is about, its payload's digest, when, where in the chain, and the link before it. */
export interface ChainFields {
  id: string;
  tenant_id: string;
  document_id: string;
  task_id: string;
  kind: string;
  sha256: string;
  recorded_at: Date;
  chain_seq: number;
  prev_hash: string;
}

/** One record's link: SHA-256 over its canonical fields, the previous link included, so editing any record breaks every link after it. */
export function chainHash(record: ChainFields): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        id: record.id,
        tenant_id: record.tenant_id,
        document_id: record.document_id,
        task_id: record.task_id,
        kind: record.kind,
        sha256: record.sha256,
        recorded_at: record.recorded_at.toISOString(),
        chain_seq: record.chain_seq,
        prev_hash: record.prev_hash,
      }),
    )
    .digest('hex');
}

/** A stored record as the verifier reads it. */
export interface ChainedRecord extends ChainFields {
  payload: unknown;
  chain_hash: string;
}

export interface BrokenLink {
  id: string;
  chain_seq: number;
  reason: 'payload_changed' | 'record_changed' | 'link_broken' | 'record_missing';
}

export interface ChainReport {
  tenant_id: string;
  records: number;
  /** Records removed by a recorded erasure (document deletion or purge), bridged by their recorded links. */
  erased: number;
  /** The first record that does not hold, or null when the whole chain does. */
  broken: BrokenLink | null;
}

/**
 * Walks a tenant's chain in order. `erased` holds the links (sequence number → chain hash) that a
 * recorded erasure removed, so a gap they explain is bridged and any other gap is a missing record.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previous = GENESIS;
  private records = 0;
  private bridged = 0;
  private broken: BrokenLink | null = null;

  constructor(
    private readonly tenantId: string,
    private readonly erased: ReadonlyMap<number, string>,
  ) {}

  /** Checks the next records (in chain order); stops looking once one is broken. */
  add(batch: readonly ChainedRecord[]): void {
    for (const record of batch) {
      if (this.broken) return;
      this.records += 1;
      this.broken = this.check(record);
    }
  }

  private check(record: ChainedRecord): BrokenLink | null {
    const at = { id: record.id, chain_seq: record.chain_seq };
    while (this.expectedSeq < record.chain_seq) {
      const link = this.erased.get(this.expectedSeq);
      if (!link) return { ...at, reason: 'record_missing' };
      this.previous = link;
      this.bridged += 1;
      this.expectedSeq += 1;
    }
    if (payloadDigest(record.payload) !== record.sha256) return { ...at, reason: 'payload_changed' };
    if (record.prev_hash !== this.previous) return { ...at, reason: 'link_broken' };
    if (chainHash(record) !== record.chain_hash) return { ...at, reason: 'record_changed' };
    this.previous = record.chain_hash;
    this.expectedSeq = record.chain_seq + 1;
    return null;
  }

  report(): ChainReport {
    return { tenant_id: this.tenantId, records: this.records, erased: this.bridged, broken: this.broken };
  }
}
