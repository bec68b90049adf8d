import { inSpan, traceCarrier } from '../telemetry/tracing';
import type { SqlTransaction } from '../persistence/port';
import type { Job, JobQueue } from './port';

/**
 * Every adapter's sends, traced the same way: an `enqueue` span whose context travels in the
 * message with the time it was sent, so the worker (in-process or Lambda) continues the trace and
 * reports how long the job waited.
 */
export function traced(queue: JobQueue): JobQueue {
  const span = (job: Job, send: (stamped: Job) => Promise<void>) =>
    inSpan('enqueue', { 'kyb.document_id': job.document_id, 'kyb.task_id': job.task_id, 'messaging.system': queue.kind }, () =>
      send({ ...job, trace: traceCarrier(), sent_at: new Date().toISOString() }),
    );
  const within = queue.sendWithin?.bind(queue);
  return {
    kind: queue.kind,
    send: (job) => span(job, (stamped) => queue.send(stamped)),
    ...(within ? { sendWithin: (job: Job, transaction: SqlTransaction) => span(job, (stamped) => within(stamped, transaction)) } : {}),
    consume: (handler, options) => queue.consume(handler, options),
    stop: () => queue.stop(),
    ping: () => queue.ping(),
  };
}
