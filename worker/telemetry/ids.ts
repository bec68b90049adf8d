import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '@opentelemetry/sdk-trace';

/** Random bytes drawn, and written as hex, at a time: ids for some 170 requests' spans. */
const POOL_BYTES = 4096;

const ALL_ZEROS = /^0+$/;

/**
 * Trace and span ids cut from a pool of random hex: every request starts a span (recorded or not, it
 * carries the trace id), and the SDK's own generator draws four `Math.random`s and hex-encodes a
 * buffer for each id, where here an id is a slice of one string encoded per pool. The bytes come from
 * the system's CSPRNG, as W3C trace context recommends. An id of zeros is invalid and never given.
 */
export class PooledIdGenerator implements IdGenerator {
  private hex = '';
  private at = 0;

  generateTraceId(): string {
    return this.take(32);
  }

  generateSpanId(): string {
    return this.take(16);
  }

  private take(chars: number): string {
    if (this.at + chars > this.hex.length) {
      this.hex = randomFillSync(Buffer.allocUnsafe(POOL_BYTES)).toString('hex');
      this.at = 0;
    }
    const id = this.hex.slice(this.at, (this.at += chars));
    return ALL_ZEROS.test(id) ? this.take(chars) : id;
  }
}
