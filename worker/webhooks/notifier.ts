import type { Logger } from '../logger';
import type { TaskFinished } from '../domain';
import type { DeliveryAttempt, OutboxMessage, WebhookOutbox } from '../persistence/port';
import { createSignedSender, type AttemptOutcome, type WebhookOptions } from './sender';

export interface WebhookPayload {
  event: 'task.completed' | 'task.failed';
  document_id: string;
  task_id: string;
  decision: string | null;
  result_url: string;
}

export function payloadOf(event: Omit<TaskFinished, 'tenant_id'>, publicUrl: string): WebhookPayload {
  return {
    event: event.state === 'completed' ? 'task.completed' : 'task.failed',
    document_id: event.document_id,
    task_id: event.task_id,
    decision: event.decision,
    result_url: `${publicUrl.replace(/\/+$/, '')}/api/v1/documents/${event.document_id}`,
  };
}

/** What every attempt of one message is logged under. */
export type DeliveryKey = Pick<DeliveryAttempt, 'tenant_id' | 'document_id' | 'task_id' | 'event' | 'idempotency_key' | 'url'>;

/** Records each attempt of one message; a failure to record is only logged, never the sender's problem. */
export function recordAttempts(key: DeliveryKey, record: (attempt: DeliveryAttempt) => Promise<void>, log: Logger) {
  return (outcome: AttemptOutcome): Promise<void> =>
    record({
      ...key,
      attempt: outcome.attempt,
      status_code: outcome.status,
      error: outcome.error,
      delivered: outcome.delivered,
      duration_ms: outcome.duration_ms,
    }).catch((err: unknown) => log.warn({ err }, 'could not record a webhook attempt'));
}

/** How long a claimed message stays hidden from other dispatchers: longer than one round of the sender's retries. */
const LEASE_SECONDS = 300;
/** Rounds (each the sender's own retries) before a message still not delivered is given up. */
const MAX_ROUNDS = 8;
const BATCH = 20;

/** The wait before the next round: a minute, doubling, at most an hour. */
const nextRound = (rounds: number, now = Date.now()) => new Date(now + Math.min(3_600_000, 60_000 * 2 ** rounds));

export interface OutboxDispatcher {
  /** Sends what is due in the outbox; returns how many messages were delivered. */
  dispatch(): Promise<number>;
}

/**
 * Tells the configured receiver of the task ends waiting in the outbox, recording every attempt:
 * at least once, each message always with its own idempotency key, so the receiver drops repeats.
 * A message the receiver refuses (a 4xx other than 408 and 429), or that fails round after round,
 * is given up; the others are tried again later. It never throws for a receiver's failure.
 */
export function createOutboxDispatcher(
  options: WebhookOptions,
  outbox: WebhookOutbox,
  record: (attempt: DeliveryAttempt) => Promise<void>,
  log: Logger,
): OutboxDispatcher {
  const send = createSignedSender(options);

  async function deliver(message: OutboxMessage): Promise<boolean> {
    const payload = payloadOf(message, options.publicUrl);
    const result = await send(
      { event: payload.event, idempotencyKey: message.idempotency_key, payload },
      recordAttempts(
        {
          tenant_id: message.tenant_id,
          document_id: message.document_id,
          task_id: message.task_id,
          event: payload.event,
          idempotency_key: message.idempotency_key,
          url: options.url,
        },
        record,
        log,
      ),
    );
    if (result.delivered) {
      await outbox.delivered(message.id);
      log.info({ task_id: message.task_id, event: payload.event }, 'webhook delivered');
      return true;
    }
    const { status } = result;
    const retryable = status === null || status === 408 || status === 429 || status >= 500;
    const giveUp = !retryable || message.rounds + 1 >= MAX_ROUNDS;
    await outbox.undelivered(message.id, status === null ? 'no answer' : `HTTP ${status}`, giveUp ? null : nextRound(message.rounds));
    log.warn(
      { task_id: message.task_id, event: payload.event, attempts: result.attempts, status, given_up: giveUp },
      'webhook not delivered',
    );
    return false;
  }

  let running: Promise<number> | undefined;
  return {
    // One dispatch at a time in a process; another process's is kept apart by the claim.
    dispatch() {
      running ??= (async () => {
        let delivered = 0;
        try {
          for (;;) {
            const due = await outbox.claimDue(BATCH, LEASE_SECONDS);
            for (const message of due) if (await deliver(message)) delivered += 1;
            if (due.length < BATCH) return delivered;
          }
        } finally {
          running = undefined;
        }
      })();
      return running;
    },
  };
}
