import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { testDatabaseUrl } from '../helpers/database';

/**
 * A database of its own on the shared test server, so that a worker started by a fault test sees
 * only that test's queue and documents.
 */
export async function dedicatedDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = new URL(await testDatabaseUrl());
  const name = `kyb_${label}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: shared.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export interface WebhookReceiver {
  url: string;
  /** Every delivery received, in order. */
  deliveries: Array<{ task_id: string; event: string; idempotency_key: string | undefined }>;
  close(): Promise<void>;
}

/** A local receiver that accepts and counts webhook deliveries. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: WebhookReceiver['deliveries'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const payload = JSON.parse(body) as { task_id: string; event: string };
      const key = req.headers['idempotency-key'];
      deliveries.push({ task_id: payload.task_id, event: payload.event, idempotency_key: typeof key === 'string' ? key : undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/kyb`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
