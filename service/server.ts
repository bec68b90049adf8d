import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import {
  type Config,
  ConfigError,
  createLogger,
  createRuntime,
  guardUnhandledRejections,
  loadConfig,
  loadSecrets,
  type Runtime,
  SecretError,
  startLocalWorker,
  startMaintenance,
  startMonitoringSchedule,
  wantsPretty,
} from '../worker';
import { createApp } from './app';
import { answerClientErrors } from './http/client-errors';
import { ensureDevApiKey } from './dev-key';

export interface RunningServer {
  url: string;
  runtime: Runtime;
  devApiKey?: string;
  close(): Promise<void>;
}

/** How long in-flight requests (and open progress streams) get to finish on shutdown. */
const DRAIN_MS = 10_000;

/**
 * Bounds on a client that sends slowly (slowloris): its headers must arrive within
 * `headersTimeoutMs` and the whole request, body included, within `requestTimeoutMs`, else the
 * server answers 408 and closes the connection. Answers that stream (progress events) are not
 * affected: the clock stops once the request has been read.
 */
export interface ServerTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** Room for the largest upload over a slow mobile link, and no more. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 20_000, requestTimeoutMs: 120_000 };

function httpServer(app: ReturnType<typeof createApp>, timeouts: ServerTimeouts): Server {
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // Node checks the timeouts on this interval (30 s by default), so keep it a fraction of the shortest.
      connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(timeouts.headersTimeoutMs / 4))),
    },
    app,
  );
  answerClientErrors(server);
  return server;
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Starts the API, and the in-process worker when the queue is local. */
export async function startServer(config: Config, timeouts: ServerTimeouts = DEFAULT_TIMEOUTS): Promise<RunningServer> {
  const log = createLogger(config.LOG_LEVEL, {
    pretty: wantsPretty(config.LOG_FORMAT, Boolean(process.stdout.isTTY), config.NODE_ENV),
    buffered: true,
  });
  // Jobs of a local queue are worked here; with SQS the worker Lambda does them, so this process only serves.
  const runtime = await createRuntime(config, log, { processes: config.queue === 'local' });
  try {
    const devApiKey =
      config.NODE_ENV === 'production' ? undefined : await ensureDevApiKey(runtime.repos.apiKeys, config.dataDir, config.DEV_API_KEY);
    if (runtime.queue.kind === 'local') await startLocalWorker(runtime);
    const stopMaintenance = startMaintenance(runtime.maintenanceDeps(), config.MAINTENANCE_INTERVAL_SECONDS);
    // In AWS an EventBridge schedule invokes the worker Lambda for monitoring rounds instead.
    const stopMonitoring = runtime.queue.kind === 'local' ? startMonitoringSchedule(runtime.monitoringDeps()) : () => undefined;
    const server = httpServer(createApp(runtime), timeouts);
    const address = await listen(server, config.HOST, config.PORT);
    server.keepAliveTimeout = 65_000; // longer than the ALB's 60 s idle timeout
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    const url = `http://${host}:${address.port}`;
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
        await drained;
        clearTimeout(force);
        stopMaintenance();
        stopMonitoring();
        await runtime.close();
      })();
      return closing;
    };
    return { url, runtime, devApiKey, close };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** Loads secrets and settings, starts everything and stops it on SIGINT/SIGTERM: `make dev` and `kyb serve`. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    await loadSecrets();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SecretError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const running = await startServer(config);
  guardUnhandledRejections(running.runtime.log);
  const lines = [
    `API        ${running.url}/api/v1`,
    `Swagger UI ${running.url}/api/docs`,
    `ReDoc      ${running.url}/api/redoc`,
    `Web app    ${running.url}/app`,
    `Health     ${running.url}/health`,
  ];
  if (running.devApiKey)
    lines.push(
      `API key    ${running.devApiKey}`,
      `Try        curl -H "Authorization: Bearer ${running.devApiKey}" -F file=@some.pdf ${running.url}/api/v1/documents/upload`,
    );
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(130);
    running.runtime.log.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.runtime.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Start-up failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
