import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import supertest from 'supertest';
import { createApp } from '../../service/app';
import { loadConfig, type Config } from '../../worker/config';
import { startLocalWorker } from '../../worker/local';
import { createLogger, type Logger } from '../../worker/logger';
import { createRuntime, type Runtime } from '../../worker/runtime';
import { testDatabaseUrl } from './database';
import { pollUntil } from './poll';

export interface TestApp {
  app: Express;
  runtime: Runtime;
  config: Config;
  /** A fresh tenant's key: tests never see each other's documents. */
  key: string;
  tenantId: string;
  dataDir: string;
  auth: { Authorization: string };
  request: ReturnType<typeof supertest>;
  newTenantKey(): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Run the in-process worker (default true). */
  worker?: boolean;
  /** Whether the runtime can process at all (default true): false builds a serve-only runtime, as an API with SQS has. */
  processes?: boolean;
  env?: Record<string, string>;
  /** The runtime's logger (default: one at the configured level on stdout). */
  log?: Logger;
}

export async function testConfig(env: Record<string, string> = {}): Promise<Config> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-test-'));
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: await testDatabaseUrl(),
    DATA_DIR: dataDir,
    WORKER_CONCURRENCY: '2',
    // Under tsx a processing thread compiles its modules for seconds: one per test app is enough.
    PROCESSING_THREADS: '1',
    ...env,
  });
}

/** The whole app in this process against the real embedded Postgres, with its own data folder and tenant. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = await testConfig(options.env);
  const runtime = await createRuntime(config, options.log ?? createLogger(config.LOG_LEVEL), { processes: options.processes });
  if (options.worker !== false) await startLocalWorker(runtime);
  const app = createApp(runtime);
  const newTenantKey = async () => (await runtime.repos.apiKeys.create(`tenant-${randomUUID()}`)).key;
  const { key, tenant_id } = await runtime.repos.apiKeys.create(`tenant-${randomUUID()}`);
  return {
    app,
    runtime,
    config,
    key,
    tenantId: tenant_id,
    dataDir: config.dataDir,
    auth: { Authorization: `Bearer ${key}` },
    request: supertest(app),
    newTenantKey,
    close: async () => {
      await runtime.close();
      await fs.rm(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a task until it completes or fails. */
export async function waitForTask(
  t: TestApp,
  taskId: string,
  timeoutMs = 60_000,
): Promise<{ state: string; percent: number; stage: string | null }> {
  const progress = await pollUntil(
    async () => {
      const res = await t.request.get(`/api/v1/progress/${taskId}`).set(t.auth);
      if (res.status !== 200) throw new Error(`progress answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as { state: string; percent: number; stage: string | null };
    },
    (p) => p.state === 'completed' || p.state === 'failed',
    { timeoutMs, everyMs: 100 },
  );
  if (progress.state !== 'completed' && progress.state !== 'failed')
    throw new Error(`task ${taskId} did not finish within ${timeoutMs} ms`);
  return progress;
}

/** Uploads bytes and waits for the document to reach a final state; returns the document view. */
export async function uploadAndWait(
  t: TestApp,
  bytes: Buffer,
  filename: string,
  fields: Record<string, string> = {},
): Promise<Record<string, any>> {
  let req = t.request.post('/api/v1/documents/upload').set(t.auth);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const up = await req.attach('file', bytes, filename);
  if (up.status !== 202) throw new Error(`upload answered ${up.status}: ${JSON.stringify(up.body)}`);
  await waitForTask(t, up.body.task_id);
  const doc = await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth);
  return doc.body;
}
