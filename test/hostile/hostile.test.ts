import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { expect } from 'chai';
import supertest from 'supertest';
import { startServer, type RunningServer } from '../../service/server';
import { testConfig } from '../helpers/app';
import { MAX_UPLOAD_BYTES, processedCases, refusedCases, sendProcessed, type Upload } from './corpus';
import { onePagePdf } from './files/pdf';
import { errorCode, rawExchange, trickle } from './slow-client';

const FINAL = ['completed', 'failed'];
/** What a failure's message must not say: the code's own errors, which tell a user nothing about the file. */
const CODE_TALK = /Cannot read propert|is not a function|is not defined|Maximum call stack|TypeError|RangeError/;
const TIMEOUTS = { headersTimeoutMs: 1_500, requestTimeoutMs: 4_000 };

describe('hostile input', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let agent: ReturnType<typeof supertest>;
  let key: string;
  let tenantId: string;
  let dataDir: string;

  before(async () => {
    const config = await testConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      // Low enough that rendering the largest page stays quick, far below every bomb in the corpus.
      MAX_IMAGE_PIXELS: '4000000',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    dataDir = config.dataDir;
    server = await startServer(config, TIMEOUTS);
    agent = supertest(server.url);
    ({ key, tenant_id: tenantId } = await server.runtime.repos.apiKeys.create(`hostile-${randomUUID()}`));
  });
  after(async () => {
    await server?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const statuses = async (): Promise<Array<{ id: string; status: string; error_code: string | null }>> =>
    (await server.runtime.db.sequelize.query('SELECT id, status, error_code FROM documents WHERE tenant_id = :tenantId', {
      replacements: { tenantId },
      type: 'SELECT' as never,
    })) as never;

  describe('refused at the door', () => {
    for (const c of refusedCases) {
      it(`when the request is ${c.name}, then it answers ${c.status} ${c.codes.join(' or ')} and stores nothing`, async () => {
        const before = (await statuses()).length;
        const res: Upload = await c.send(agent, key);
        expect(res.status, JSON.stringify(res.body)).to.equal(c.status);
        expect(c.codes).to.include(res.body.code);
        expect(res.body.message).to.be.a('string').and.not.be.empty;
        expect(res.body.request_id).to.be.a('string');
        expect((await statuses()).length).to.equal(before);
      });
    }
  });

  describe('accepted, then read to an end', () => {
    const uploads = new Map<string, { document_id: string; status: number }>();

    before(async function () {
      this.timeout(150_000);
      for (const c of processedCases) {
        const res = await sendProcessed(agent, key, c);
        uploads.set(c.name, { document_id: res.body.document_id, status: res.status });
      }
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && (await statuses()).some((d) => !FINAL.includes(d.status)))
        await new Promise((r) => setTimeout(r, 250));
    });

    for (const c of processedCases) {
      const expected = c.outcome.status === 'failed' ? `failed with ${c.outcome.code}` : 'completed';
      it(`when the file is ${c.name}, then it is accepted and ends ${expected}`, async () => {
        const upload = uploads.get(c.name);
        expect(upload?.status).to.equal(202);
        const res = await agent.get(`/api/v1/documents/${upload?.document_id}`).set({ Authorization: `Bearer ${key}` });
        expect(res.status).to.equal(200);
        expect(res.body.status, JSON.stringify(res.body.error)).to.equal(c.outcome.status);
        if (c.outcome.status === 'failed') {
          expect(res.body.error.code).to.equal(c.outcome.code);
          expect(res.body.error.message).to.be.a('string').and.not.be.empty.and.not.match(CODE_TALK);
        } else if (c.outcome.content_type) {
          expect(res.body.content_type).to.equal(c.outcome.content_type);
        }
        const name: string = res.body.filename;
        expect(name).to.not.match(/[/\\\u0000-\u001f\u007f]/);
        expect(name.length).to.be.within(1, 255);
        if (c.storedName) expect(name).to.equal(c.storedName);
      });
    }

    it('when the originals are stored, then every object key is made by the server, never from a filename', async () => {
      const keys = (await server.runtime.db.sequelize.query('SELECT id, storage_key FROM documents WHERE tenant_id = :tenantId', {
        replacements: { tenantId },
        type: 'SELECT' as never,
      })) as unknown as Array<{ id: string; storage_key: string }>;
      for (const row of keys) expect(row.storage_key).to.match(new RegExp(`${tenantId}/${row.id}\\.[a-z]+$`));
    });
  });

  describe('slow and broken clients', () => {
    const host = () => new URL(server.url);

    /** Sends an upload's request line and these lines as they are; Node refuses it before Express, with `status` and `code`, storing nothing. */
    const expectRefused = async (lines: string[], status: number, code: string) => {
      const { hostname, port } = host();
      const before = (await statuses()).length;
      const send = ['POST /api/v1/documents/upload HTTP/1.1', 'Host: x', `Authorization: Bearer ${key}`, ...lines].join('\r\n');
      const answer = await rawExchange({ host: hostname, port: Number(port), send });
      expect(answer.text.slice(0, 12)).to.equal(`HTTP/1.1 ${status}`);
      expect(errorCode(answer.text)).to.equal(code);
      expect((await statuses()).length).to.equal(before);
    };

    it('when a client sends its headers a byte at a time, then it gets 408 request_timeout and the server closes the connection instead of waiting forever', async () => {
      const { hostname, port } = host();
      const answer = await trickle({
        host: hostname,
        port: Number(port),
        head: 'POST /api/v1/documents/upload HTTP/1.1\r\nHost: x\r\nX-Slow: ',
        drip: 'a',
      });
      expect(answer.text).to.match(/^HTTP\/1\.1 408/);
      expect(errorCode(answer.text)).to.equal('request_timeout');
      expect(answer.closed).to.equal(true);
    });

    it('when an upload body trickles in a few bytes a second, then it gets 408, the connection is closed and nothing is stored', async () => {
      const { hostname, port } = host();
      const before = (await statuses()).length;
      const boundary = 'slowBoundary';
      const head = [
        'POST /api/v1/documents/upload HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${key}`,
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        'Content-Length: 100000',
        '',
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.pdf"\r\n\r\n%PDF-1.7\n`,
      ].join('\r\n');
      const answer = await trickle({ host: hostname, port: Number(port), head, drip: '0 0 obj\n' });
      expect(answer.text).to.match(/^HTTP\/1\.1 408/);
      expect(answer.closed).to.equal(true);
      expect((await statuses()).length).to.equal(before);
    });

    // A raw client: Node 24 resets the connection right after its 431 (the rest of the header is unread),
    // and an HTTP client library may report the reset instead of the answer it already received.
    it('when the request is a 64 KB header, then it answers 431 headers_too_large as JSON and stores nothing', async () => {
      await expectRefused([`X-Padding: ${'p'.repeat(64 * 1024)}`, 'Content-Length: 0', '', ''], 431, 'headers_too_large');
    });

    it('when a client connects and sends nothing, then the connection is closed by the server', async () => {
      const { hostname, port } = host();
      const answer = await rawExchange({ host: hostname, port: Number(port), send: '' });
      expect(answer.closed).to.equal(true);
    });

    it('when a client promises a longer body than it sends and hangs up, then the server neither crashes nor stores anything', async () => {
      const { hostname, port } = host();
      const before = (await statuses()).length;
      const pdf = onePagePdf();
      const send = [
        'POST /api/v1/documents/upload HTTP/1.1',
        'Host: x',
        `Authorization: Bearer ${key}`,
        'Content-Type: multipart/form-data; boundary=b',
        `Content-Length: ${pdf.length * 10}`,
        '',
        `--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n${pdf.toString('latin1')}`,
      ].join('\r\n');
      const answer = await rawExchange({ host: hostname, port: Number(port), send, endAfterSend: true });
      expect(answer.closed).to.equal(true);
      expect(answer.text).to.not.match(/^HTTP\/1\.1 5/);
      expect((await statuses()).length).to.equal(before);
    });

    it('when a request line is garbage, then the server answers 400 malformed_request as JSON and keeps serving', async () => {
      const { hostname, port } = host();
      const answer = await rawExchange({ host: hostname, port: Number(port), send: '\u0000\u0001GARBAGE / HTTP/9.9\r\n\r\n' });
      expect(answer.text).to.match(/^HTTP\/1\.1 400/);
      expect(errorCode(answer.text)).to.equal('malformed_request');
    });

    it('when a request declares both a chunked body and a length, then it answers 400 malformed_request as JSON and stores nothing', async () => {
      await expectRefused(['Transfer-Encoding: chunked', 'Content-Length: 5', '', '0', '', ''], 400, 'malformed_request');
    });
  });

  describe('afterwards', () => {
    it('when the corpus has run, then the server still answers /health and a normal upload completes', async () => {
      const health = await agent.get('/health');
      expect(health.status).to.equal(200);
      const up = await agent
        .post('/api/v1/documents/upload')
        .set({ Authorization: `Bearer ${key}` })
        .attach('file', onePagePdf(), 'after.pdf');
      expect(up.status).to.equal(202);
      const deadline = Date.now() + 30_000;
      let status = 'queued';
      while (!FINAL.includes(status) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await agent.get(`/api/v1/documents/${up.body.document_id}`).set({ Authorization: `Bearer ${key}` })).body.status;
      }
      expect(status).to.equal('completed');
    });

    it('when the corpus has run, then no document of it is left queued or processing', async () => {
      const open = (await statuses()).filter((d) => !FINAL.includes(d.status));
      expect(open).to.deep.equal([]);
    });
  });
});
