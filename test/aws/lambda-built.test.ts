import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { expect } from 'chai';
import { NODE_TARGET } from '../../scripts/build-lambda';
import { startTestApp, type TestApp } from '../helpers/app';
import { testDatabaseUrl } from '../helpers/database';
import { textPdf } from '../helpers/pdf';
import { invokeBuilt, lambdaZip, unzipTo } from './helpers/built';
import { pollAndInvoke, queueDepth, startLocalAws, type LocalAws, type QueuePair } from './helpers/local-aws';
import { startFakeSecretsManager, type FakeSecretsManager } from './helpers/secrets-manager';

const DATABASE_ARN = 'arn:aws:secretsmanager:eu-west-2:000000000000:secret:kyb/database-AbCdEf';
const SECRET_KEY_ARN = 'arn:aws:secretsmanager:eu-west-2:000000000000:secret:kyb/secret-key-AbCdEf';

/** A scanned-looking page: black text on white, no text layer, drawn with a font shipped in node_modules. */
function scannedPng(lines: string[]): Buffer {
  const font = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf');
  GlobalFonts.registerFromPath(font, 'KybTestSans');
  const canvas = createCanvas(1400, 140 + lines.length * 90);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = '56px KybTestSans';
  lines.forEach((line, i) => ctx.fillText(line, 70, 120 + i * 90));
  return canvas.toBuffer('image/png');
}

describe('built worker Lambda (dist/lambda/worker.zip, not the sources)', function () {
  this.timeout(180_000);
  let aws: LocalAws;
  let sm: FakeSecretsManager;
  let pair: QueuePair;
  let t: TestApp;
  let taskDir: string;
  let lambdaEnv: Record<string, string>;

  before(async () => {
    taskDir = unzipTo(await lambdaZip());
    aws = await startLocalAws();
    pair = aws.queuePair();
    t = await startTestApp({ worker: false, env: aws.env(pair) });
    // The function gets its database only through Secrets Manager, in the RDS secret format.
    const db = new URL(await testDatabaseUrl());
    sm = await startFakeSecretsManager();
    sm.put(
      DATABASE_ARN,
      JSON.stringify({
        username: db.username,
        password: decodeURIComponent(db.password),
        host: db.hostname,
        port: Number(db.port),
        dbname: db.pathname.slice(1),
      }),
    );
    sm.put(SECRET_KEY_ARN, 'built-lambda-test-secret-key');
    lambdaEnv = {
      ...aws.env(pair),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.endpoint,
      DATABASE_SECRET_ARN: DATABASE_ARN,
      DATABASE_SSLMODE: 'disable',
      SECRET_KEY_SECRET_ARN: SECRET_KEY_ARN,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'kyb-lambda-data-')),
      OCR_WORKERS: '1',
    };
  });
  after(async () => {
    await t?.close();
    await aws?.stop();
    await sm?.stop();
    if (taskDir) fs.rmSync(taskDir, { recursive: true, force: true });
    if (lambdaEnv?.DATA_DIR) fs.rmSync(lambdaEnv.DATA_DIR, { recursive: true, force: true });
  });

  async function deliverToBuilt(): Promise<string[]> {
    const invocation = await pollAndInvoke(aws.sqs, pair, (event) => invokeBuilt(taskDir, event, lambdaEnv), 10);
    if (!invocation) throw new Error('no message was waiting');
    return invocation.failed;
  }

  it('when the unzipped artefact is loaded by the node on the PATH, then it runs on Node 24, the runtime esbuild compiled it for', async () => {
    const { stdout } = await promisify(execFile)('node', ['-e', "require('./lambda.js'); process.stdout.write(process.version)"], {
      cwd: taskDir,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
    });
    expect(stdout).to.match(/^v24\./);
    expect(NODE_TARGET).to.equal(`node${stdout.slice(1).split('.')[0]}`);
  });

  it('when the unzipped artefact gets a real SQS event for an uploaded PDF, then it reads secrets, completes the document and acknowledges the message', async () => {
    const pdf = await textPdf([['Certificate of incorporation', 'Company number 09446231']]);
    const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', pdf, 'certificate.pdf');
    expect(up.status).to.equal(202);
    expect(await deliverToBuilt()).to.deep.equal([]);
    const doc = (await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth)).body;
    expect(doc.status).to.equal('completed');
    expect(doc.text).to.contain('Company number 09446231');
    expect(queueDepth(aws.server, pair.url)).to.deep.equal({ ready: 0, inflight: 0 });
    expect(sm.calls.get(DATABASE_ARN)).to.equal(1);
  });

  it('when the artefact gets a scanned image, then its bundled sharp, tesseract and English model read the words', async () => {
    const png = scannedPng(['CERTIFICATE OF INCORPORATION', 'Company number 09446231']);
    const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', png, 'scan.png');
    expect(up.status).to.equal(202);
    expect(await deliverToBuilt()).to.deep.equal([]);
    const doc = (await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth)).body;
    expect(doc.status, JSON.stringify(doc.error)).to.equal('completed');
    expect(doc.page_info[0]?.source).to.equal('ocr');
    expect(doc.text).to.match(/09446231/);
  });
});
