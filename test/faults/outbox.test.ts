import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { runMaintenance } from '../../worker/maintenance';
import { startTestApp, type TestApp } from '../helpers/app';
import { onePagePdf } from '../hostile/files/pdf';
import { dedicatedDatabase, startWebhookReceiver, type WebhookReceiver } from './support';

describe('the webhook outbox', function () {
  this.timeout(120_000);
  let t: TestApp;
  let receiver: WebhookReceiver;
  let database: Awaited<ReturnType<typeof dedicatedDatabase>>;
  let env: Record<string, string>;

  before(async () => {
    database = await dedicatedDatabase('outbox');
    receiver = await startWebhookReceiver();
    const shared = { DATABASE_URL: database.url, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: 'whsec-outbox-test' };
    t = await startTestApp({ worker: false, env: shared });
    env = { ...shared, DATA_DIR: t.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'error', WORKER_CONCURRENCY: '1' };
  });
  after(async () => {
    await t?.close();
    await receiver?.close();
    await database?.drop();
  });

  it("when the worker is killed right after recording a result, then after a restart the webhook arrives (once or more) with the task's idempotency key", async () => {
    const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'outbox.pdf');
    expect(up.status).to.equal(202);

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'outbox-crash-worker.ts')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exit = await new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    expect(exit).to.equal('SIGKILL');
    expect((await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth)).body.status).to.equal('completed');
    expect(receiver.deliveries).to.deep.equal([]);
    const [pending] = await t.runtime.repos.webhookOutbox.forTask(up.body.task_id);
    expect(pending).to.include({ status: 'pending', idempotency_key: `${up.body.task_id}:task.completed` });

    // The restarted process's maintenance round sends what the dead one recorded.
    await runMaintenance(t.runtime.maintenanceDeps());
    expect(receiver.deliveries.length).to.be.at.least(1);
    expect(receiver.deliveries.every((d) => d.idempotency_key === `${up.body.task_id}:task.completed`)).to.equal(true);
    expect(receiver.deliveries[0]).to.include({ task_id: up.body.task_id, event: 'task.completed' });
    const [sent] = await t.runtime.repos.webhookOutbox.forTask(up.body.task_id);
    expect(sent?.status).to.equal('delivered');
    // Delivered messages are not sent again.
    await runMaintenance(t.runtime.maintenanceDeps());
    expect(receiver.deliveries).to.have.length(1);
  });
});
