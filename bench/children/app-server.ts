import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../service/app';
import { loadConfig } from '../../worker/config';
import { startLocalWorker } from '../../worker/local';
import { createLogger } from '../../worker/logger';
import { createRuntime } from '../../worker/runtime';
import { childChannel, failChild } from './channel';

/**
 * The real API in its own process, over the real runtime and database. The in-process worker runs
 * only when BENCH_WORKER=true: the API and upload figures measure the request path alone.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Logging as service/server.ts does: every request's line, buffered.
  const processes = process.env.BENCH_WORKER === 'true';
  // Without its worker the API process loads no pipeline, as an API whose jobs go to Lambda does.
  const runtime = await createRuntime(config, createLogger(config.LOG_LEVEL, { buffered: true }), { processes });
  if (processes) await startLocalWorker(runtime);
  const { key } = await runtime.repos.apiKeys.create(`bench-${randomUUID()}`);
  const server = createServer(createApp(runtime));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const channel = childChannel(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
  });
  channel.send({ type: 'ready', port: (server.address() as AddressInfo).port, key });
}

main().catch(failChild);
