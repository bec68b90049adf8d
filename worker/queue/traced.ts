import { inRecordedSpan, traceCarrier } from '../telemetry/tracing';
import type { SqlTransaction } from '../persistence/port';
import type { Job, JobQueue } from './port';

/**
 * Runs `send` in an `enqueue` span with the job stamped with that span's context and the time it was
 * sent, so the worker (in-process or Lambda) continues the trace and reports how long the job waited.
 * Within a request nothing records, the job carries the request's own trace context (no span of its own).
 * Call it in the context of the request the job belongs to: a caller that sends jobs in groups
 * stamps each before grouping.
 */
export function stampedJob<T>(kind: JobQueue['kind'], job: Job, send: (stamped: Job) => Promise<T>): Promise<T> {
  return inRecordedSpan('enqueue', { 'kyb.document_id': job.document_id, 'kyb.task_id': job.task_id, 'messaging.system': kind }, () =>
    send({ ...job, trace: traceCarrier(), sent_at: new Date().toISOString() }),
  );
}

/** Every adapter's sends, traced the same way (`stampedJob`); jobs sent within a transaction (or as rows of another statement) come stamped. */
export function traced(queue: JobQueue): JobQueue {
  const within = queue.sendWithin?.bind(queue);
  const insertOf = queue.insertOf?.bind(queue);
  return {
    kind: queue.kind,
    send: (job) => stampedJob(queue.kind, job, (stamped) => queue.send(stamped)),
    ...(within ? { sendWithin: (jobs: readonly Job[], transaction: SqlTransaction) => within(jobs, transaction) } : {}),
    ...(insertOf ? { insertOf: (jobs: readonly Job[]) => insertOf(jobs) } : {}),
    consume: (handler, options) => queue.consume(handler, options),
    stop: () => queue.stop(),
    ping: () => queue.ping(),
  };
}
