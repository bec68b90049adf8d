import { createLogger } from '../../worker/logger';
import { guardUnhandledRejections } from '../../worker/process-guards';
import { useMetrics, noMetrics } from '../../worker/telemetry/metrics';

/**
 * A process that, like the server, guards unhandled rejections, then drops a rejected promise with a
 * database client in its error. It prints how many were counted and exits 0 if it is still alive.
 */
let counted = 0;
useMetrics({ ...noMetrics, unhandledRejection: () => void (counted += 1) });
guardUnhandledRejections(createLogger('error'));
void Promise.reject(
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', client: { password: 'pg-secret' } }),
);
setTimeout(() => {
  process.stderr.write(`counted ${counted}\n`);
  process.exit(0);
}, 300);
