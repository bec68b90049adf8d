import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { expect } from 'chai';
import { redrive } from '../../cli/redrive';
import { createSqsHandler } from '../../worker/lambda';
import type { Stage } from '../../worker/pipeline/types';
import type { Runtime } from '../../worker/runtime';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';
import {
  invoker,
  pollAndInvoke,
  queueDepth,
  receiveAll,
  startLocalAws,
  type Invocation,
  type LocalAws,
  type QueuePair,
} from './helpers/local-aws';

interface Fault {
  /** How many more runs of the text stage fail. */
  failures: number;
  /** How long the text stage takes before it goes on. */
  delayMs?: number;
}

describe('worker Lambda handler (fauxqs + embedded Postgres)', function () {
  this.timeout(60_000);
  let aws: LocalAws;
  let pair: QueuePair;
  let t: TestApp;
  let invoke: ReturnType<typeof invoker>;
  /** Faults injected into the text stage, by uploaded filename. */
  const faults = new Map<string, Fault>();
  /** How many times the text stage ran, by document id: rework shows up here. */
  const textRuns = new Map<string, number>();

  /** The real stages, with the text stage counted and, for some files, made to crash or crawl. */
  function instrumented(stages: Stage[]): Stage[] {
    return stages.map((stage) =>
      stage.name !== 'text'
        ? stage
        : {
            name: stage.name,
            weight: stage.weight,
            async run(ctx) {
              textRuns.set(ctx.document.id, (textRuns.get(ctx.document.id) ?? 0) + 1);
              const fault = faults.get(ctx.document.filename);
              if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
              if (fault && fault.failures > 0) {
                fault.failures -= 1;
                throw new Error('injected crash in the text stage');
              }
              await stage.run(ctx);
            },
          },
    );
  }

  async function upload(filename: string, bytes?: Buffer): Promise<{ document_id: string; task_id: string }> {
    const body = bytes ?? (await textPdf([[`Document ${filename}`, 'Company number 09446231']]));
    const res = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', body, filename);
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    return res.body;
  }

  async function documentView(id: string): Promise<Record<string, any>> {
    const res = await t.request.get(`/api/v1/documents/${id}`).set(t.auth);
    expect(res.status).to.equal(200);
    return res.body;
  }

  /** Delivers until the queue is empty, like the event source mapping would. */
  async function drain(batchSize = 1): Promise<Invocation[]> {
    const invocations: Invocation[] = [];
    for (let i = 0; i < 20; i++) {
      const invocation = await pollAndInvoke(aws.sqs, pair, invoke, batchSize);
      if (!invocation) return invocations;
      invocations.push(invocation);
    }
    throw new Error('the queue did not drain');
  }

  const resultCount = (documentId: string) => t.runtime.db.models.Result.count({ where: { document_id: documentId } });

  before(async () => {
    aws = await startLocalAws();
    pair = aws.queuePair({ maxReceiveCount: 3, visibilityTimeout: 2 });
    t = await startTestApp({ worker: false, env: { ...aws.env(pair), TASK_TIMEOUT_SECONDS: '3' } });
    const base = t.runtime;
    const runtime: Runtime = { ...base, processorDeps: () => ({ ...base.processorDeps(), stages: instrumented(base.stages) }) };
    invoke = invoker(createSqsHandler(async () => runtime));
  });
  after(async () => {
    await t?.close();
    await aws?.stop();
  });

  it('when an uploaded PDF is delivered, then the document completes and its message is acknowledged', async () => {
    const { document_id } = await upload('hello.pdf');
    const [invocation, ...more] = await drain();
    expect(more).to.have.length(0);
    expect(invocation?.response).to.deep.equal({ batchItemFailures: [] });
    const doc = await documentView(document_id);
    expect(doc.status).to.equal('completed');
    expect(doc.text).to.contain('Company number 09446231');
    expect(queueDepth(aws.server, pair.url)).to.deep.equal({ ready: 0, inflight: 0 });
  });

  it('when one message of a batch of three fails, then only it is reported for retry and the other two complete', async () => {
    faults.set('flaky.pdf', { failures: 1 });
    const a = await upload('first.pdf');
    const flaky = await upload('flaky.pdf');
    const c = await upload('third.pdf');
    const first = await pollAndInvoke(aws.sqs, pair, invoke, 3);
    expect(first?.event.Records).to.have.length(3);
    const flakyMessage = first?.event.Records.find((r) => JSON.parse(r.body).document_id === flaky.document_id);
    expect(first?.response.batchItemFailures).to.deep.equal([{ itemIdentifier: flakyMessage?.messageId }]);
    expect((await documentView(a.document_id)).status).to.equal('completed');
    expect((await documentView(c.document_id)).status).to.equal('completed');
    expect((await documentView(flaky.document_id)).status).to.not.equal('completed');
    const retried = await drain();
    expect(retried.map((i) => i.failed)).to.deep.equal([[]]);
    expect((await documentView(flaky.document_id)).status).to.equal('completed');
  });

  it('when a finished task is delivered again, then it is acknowledged without doing the work again', async () => {
    const { document_id, task_id } = await upload('twice.pdf');
    await drain();
    expect(textRuns.get(document_id)).to.equal(1);
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: pair.url, MessageBody: JSON.stringify({ document_id, task_id }) }));
    const [again] = await drain();
    expect(again?.response.batchItemFailures).to.deep.equal([]);
    expect(textRuns.get(document_id)).to.equal(1);
    expect(await resultCount(document_id)).to.equal(1);
    expect(queueDepth(aws.server, pair.url)).to.deep.equal({ ready: 0, inflight: 0 });
  });

  it('when the pipeline crashes mid-way, then the redelivery completes the document exactly once', async () => {
    faults.set('crash.pdf', { failures: 1 });
    const { document_id, task_id } = await upload('crash.pdf');
    const invocations = await drain();
    expect(invocations.map((i) => i.failed.length)).to.deep.equal([1, 0]);
    expect(invocations.map((i) => i.event.Records[0]?.attributes.ApproximateReceiveCount)).to.deep.equal(['1', '2']);
    const doc = await documentView(document_id);
    expect(doc.status).to.equal('completed');
    expect(doc.error).to.equal(null);
    expect(await resultCount(document_id)).to.equal(1);
    const task = await t.runtime.db.models.Task.findByPk(task_id);
    expect(task?.state).to.equal('completed');
    expect(task?.attempts).to.equal(2);
    expect(textRuns.get(document_id)).to.equal(2);
  });

  it('when every receive fails, then the document ends failed with retries_exhausted, the message is dead-lettered, and redrive and the failed list find it', async () => {
    faults.set('doomed.pdf', { failures: Number.POSITIVE_INFINITY });
    const since = new Date();
    const { document_id, task_id } = await upload('doomed.pdf');
    const invocations = await drain();
    expect(invocations.map((i) => i.failed.length)).to.deep.equal([1, 1, 1]);
    const doc = await documentView(document_id);
    expect(doc.status).to.equal('failed');
    expect(doc.error.code).to.equal('retries_exhausted');
    expect(queueDepth(aws.server, pair.url)).to.deep.equal({ ready: 0, inflight: 0 });
    expect(queueDepth(aws.server, pair.dlqUrl).ready).to.equal(1);

    const listed = await t.runtime.repos.documents.failedDocuments({ limit: 10, tenantId: t.tenantId, since });
    expect(listed.map((f) => [f.document_id, f.error_code])).to.deep.equal([[document_id, 'retries_exhausted']]);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/failed.ts', '--json', '--tenant', t.tenantId], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.config.DATABASE_URL ?? '', DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' },
    });
    const printed = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { document_id: string; error_code: string; error_message: string });
    expect(printed.find((f) => f.document_id === document_id)).to.include({ error_code: 'retries_exhausted' });
    expect(printed.find((f) => f.document_id === document_id)?.error_message).to.contain('injected crash');

    expect(await redrive(aws.sqs, { queueUrl: pair.url, dlqUrl: pair.dlqUrl, actor: 'ops@test' })).to.deep.equal({
      moved: 1,
      method: 'copy',
    });
    const [back] = await receiveAll(aws.sqs, pair.url);
    expect(JSON.parse(back?.Body ?? '')).to.deep.include({ document_id, task_id, generation: 1, redrive: { actor: 'ops@test' } });
    await aws.sqs.send(new DeleteMessageCommand({ QueueUrl: pair.url, ReceiptHandle: back?.ReceiptHandle }));
  });

  it('when a file cannot be read or a message is malformed, then the reason is recorded, nothing is retried, and the messages are gone', async () => {
    const corrupt = await upload('corrupt.pdf', Buffer.from('%PDF-1.7\nthis is not really a PDF at all\n%%EOF\n'));
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: pair.url, MessageBody: 'not json at all' }));
    const invocations = await drain(10);
    expect(invocations.flatMap((i) => i.failed)).to.deep.equal([]);
    const doc = await documentView(corrupt.document_id);
    expect(doc.status).to.equal('failed');
    expect(doc.error.code).to.equal('pdf_corrupt');
    expect(queueDepth(aws.server, pair.url)).to.deep.equal({ ready: 0, inflight: 0 });
  });

  it('when the task is already running elsewhere, then this delivery is retried later rather than run twice', async () => {
    const { document_id, task_id } = await upload('held.pdf');
    const held = await t.runtime.repos.documents.claim(task_id, 1, 60);
    expect(held.kind).to.equal('claimed');
    const first = await pollAndInvoke(aws.sqs, pair, invoke);
    expect(first?.failed).to.have.length(1);
    expect(textRuns.get(document_id)).to.equal(undefined);
    // The other worker gives the task back; the retry then does the work.
    await t.runtime.repos.documents.release(task_id);
    const rest = await drain();
    expect(rest.map((i) => i.failed.length)).to.deep.equal([0]);
    expect((await documentView(document_id)).status).to.equal('completed');
  });

  it('when a job runs longer than the visibility timeout, then its message is kept hidden until it finishes', async () => {
    faults.set('slow.pdf', { failures: 0, delayMs: 3500 });
    const { document_id } = await upload('slow.pdf');
    const running = pollAndInvoke(aws.sqs, pair, invoke);
    await new Promise((r) => setTimeout(r, 2600));
    const meanwhile = (await receiveAll(aws.sqs, pair.url)).filter((m) => m.Body?.includes(document_id));
    const invocation = await running;
    expect(meanwhile).to.have.length(0);
    expect(invocation?.failed).to.deep.equal([]);
    expect((await documentView(document_id)).status).to.equal('completed');
    expect(textRuns.get(document_id)).to.equal(1);
  });
});
