import type { SqlInsert, SqlTransaction } from '../persistence/port';
import type { TraceCarrier } from '../telemetry/tracing';

/** One unit of work: process this task of this document. Idempotency is keyed on these ids. */
export interface Job {
  document_id: string;
  task_id: string;
  /** The task's generation when this was sent: a claim requires it, so messages from before a redrive are stale. */
  generation: number;
  /**
   * An operator's request (a dead-letter redrive) to re-open the task if it failed in this generation;
   * the worker records it with the actor. Queue retries and sweeps never carry one.
   */
  redrive?: { actor: string };
  /** Whose work this is: the unit of fairness (pg-boss group, SQS message group). */
  tenant_id?: string;
  /** The sender's trace context (W3C), so the job continues the request's trace. */
  trace?: TraceCarrier;
  /** When the job was sent, ISO 8601: the queue age the worker reports. */
  sent_at?: string;
}

/** What a consumer knows about a delivery, so the processor can tell the last attempt. */
export interface Delivery {
  attempt: number;
  maxAttempts: number;
  /** Push the message's invisibility further out while a long job works. */
  extend?(seconds: number): Promise<void>;
}

export type JobHandler = (job: Job, delivery: Delivery) => Promise<void>;

/**
 * At-least-once delivery with a bounded number of receives, then a dead letter. A handler that
 * resolves acknowledges the job; one that throws leaves it for redelivery.
 */
export interface JobQueue {
  readonly kind: 'local' | 'sqs';
  send(job: Job): Promise<void>;
  /**
   * Sends the jobs inside the caller's database transaction (one statement for all of them), so they
   * exist exactly when the rows that ask for them do; this process's consumers are woken once it
   * commits. Only a queue kept in the same database (pg-boss) offers it. The jobs go as given: the
   * caller stamps each in its own request's context (`stampedJob`).
   */
  sendWithin?(jobs: readonly Job[], transaction: SqlTransaction): Promise<void>;
  /**
   * The jobs as rows for the caller's own statement to insert (`DocumentRepository.recordUploads`), in
   * the queue's own format; this process's consumers are woken once that has committed. Only a queue
   * kept in the same database offers it, and only with `sendWithin`. Stamped by the caller, as there.
   */
  insertOf?(jobs: readonly Job[]): Promise<SqlInsert>;
  /** Starts consuming in this process (the local worker). The Lambda receives jobs from SQS instead. */
  consume(handler: JobHandler, options: { concurrency: number }): Promise<void>;
  /** Stops taking new jobs and waits for running ones. */
  stop(): Promise<void>;
  ping(): Promise<void>;
}
