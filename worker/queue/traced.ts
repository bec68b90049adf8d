import { inSpan, traceCarrier } from '../telemetry/tracing';
import type { JobQueue } from './port';

/**
 * Every adapter's sends, traced the same way: an `enqueue` span whose context travels in the
 * message with the time it was sent, so the worker (in-process or Lambda) continues the trace and
 * reports how long the job waited.
 */
export function traced(queue: JobQueue): JobQueue {
  return {
    kind: queue.kind,
    send: (job) =>
      inSpan('enqueue', { 'kyb.document_id': job.document_id, 'kyb.task_id': job.task_id, 'messaging.system': queue.kind }, () =>
        queue.send({ ...job, trace: traceCarrier(), sent_at: new Date().toISOString() }),
      ),
    consume: (handler, options) => queue.consume(handler, options),
    stop: () => queue.stop(),
    ping: () => queue.ping(),
  };
}
