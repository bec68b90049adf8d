import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import type { Config } from '../config';
import { EVENT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from './signing';

export interface WebhookOptions {
  url: string;
  secret: string;
  /** Base of the links (result_url, events_url) sent to the receiver. */
  publicUrl: string;
  maxAttempts: number;
  timeoutMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** One message for the receiver: every attempt carries the same idempotency key. */
export interface SignedMessage {
  event: string;
  idempotencyKey: string;
  payload: unknown;
}

export interface AttemptOutcome {
  attempt: number;
  status: number | null;
  error: string | null;
  delivered: boolean;
  duration_ms: number;
}

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  status: number | null;
}

export type SignedSender = (message: SignedMessage, onAttempt?: (outcome: AttemptOutcome) => Promise<void>) => Promise<DeliveryResult>;

/** The receiver may succeed next time: it did not answer, or answered 408, 429 or 5xx. */
class RetryableDelivery extends Error {}

/** The webhook settings, or undefined when no receiver is configured. */
export function webhookOptionsFrom(config: Config): WebhookOptions | undefined {
  if (!config.WEBHOOK_URL || !config.WEBHOOK_SECRET) return undefined;
  return {
    url: config.WEBHOOK_URL,
    secret: config.WEBHOOK_SECRET,
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    initialDelayMs: config.WEBHOOK_RETRY_DELAY_MS,
    maxDelayMs: Math.max(config.WEBHOOK_RETRY_DELAY_MS, 60_000),
  };
}

/**
 * POSTs JSON signed with HMAC-SHA256 over `${timestamp}.${body}`, each attempt signed afresh, retried
 * with exponential backoff while the receiver may yet succeed. Resolves with what happened; throws
 * only if `onAttempt` does not catch its own errors.
 */
export function createSignedSender(options: WebhookOptions): SignedSender {
  const policy = retry(
    handleWhen((e) => e instanceof RetryableDelivery),
    {
      maxAttempts: options.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }),
    },
  );

  async function post(message: SignedMessage, n: number): Promise<AttemptOutcome> {
    const body = JSON.stringify(message.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(options.secret, timestamp, body),
          [IDEMPOTENCY_HEADER]: message.idempotencyKey,
          [EVENT_HEADER]: message.event,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? 'timeout' : (e as Error).message;
    }
    const delivered = status !== null && status >= 200 && status < 300;
    return { attempt: n, status, error, delivered, duration_ms: Date.now() - started };
  }

  return async (message, onAttempt) => {
    const result: DeliveryResult = { delivered: false, attempts: 0, status: null };
    try {
      await policy.execute(async ({ attempt }) => {
        const outcome = await post(message, attempt + 1);
        result.attempts = outcome.attempt;
        result.status = outcome.status;
        await onAttempt?.(outcome);
        if (outcome.delivered) return;
        const { status } = outcome;
        if (status === null || status === 408 || status === 429 || status >= 500)
          throw new RetryableDelivery(outcome.error ?? `HTTP ${status}`);
        throw new Error(`The receiver refused the webhook with HTTP ${status}`);
      });
      result.delivered = true;
    } catch {
      result.delivered = false;
    }
    return result;
  };
}
