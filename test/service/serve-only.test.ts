import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

const run = promisify(execFile);

/**
 * The reading's libraries (and the OCR and thread pools) a fresh process has loaded after importing the API and the composition
 * root; chrono-node (the date reader) among them, which replays load when they first run.
 */
const LOADED_PIPELINE = `
  require('./service/app');
  require('./worker/runtime');
  const loaded = Object.keys(require.cache).filter((file) =>
    /\\/worker\\/(ocr\\/|pipeline\\/pool)|node_modules\\/(sharp|tesseract\\.js|openai|pdf-lib|pdfjs-dist|unpdf|@napi-rs\\/canvas|piscina|chrono-node)\\//.test(file));
  process.stdout.write(JSON.stringify(loaded));
`;

/**
 * The AWS SDK's clients a fresh process has loaded after importing the API and the composition root and building the local
 * store and reading no secrets, as the embedded defaults do.
 */
const LOADED_AWS_SDK = `
  require('./service/app');
  const { loadConfig, loadSecrets } = require('./worker');
  const { createDocumentStore } = require('./worker/storage');
  (async () => {
    await loadSecrets({});
    await createDocumentStore(loadConfig({ NODE_ENV: 'test', DATA_DIR: require('node:os').tmpdir() }));
    const loaded = Object.keys(require.cache).filter((file) => /node_modules\\/@aws-sdk\\/client-/.test(file));
    process.stdout.write(JSON.stringify(loaded));
  })();
`;

describe('an API that only serves', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false, processes: false });
  });
  after(async () => t.close());

  it('when the API and the composition root are imported, then no PDF, image, OCR, LLM or date-reading library and no processing pool is loaded', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', LOADED_PIPELINE], { cwd: process.cwd() });
    expect(JSON.parse(stdout)).to.deep.equal([]);
  });

  it('when storage, queue and secrets are the local defaults, then no AWS SDK client (S3, SQS, Secrets Manager) is loaded', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', LOADED_AWS_SDK], { cwd: process.cwd() });
    expect(JSON.parse(stdout)).to.deep.equal([]);
  });

  it('when a runtime is created with processes: false, then uploads are stored and queued, and it refuses to hand out stages', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Serve only']]), 's.pdf');
    expect(up.status).to.equal(202);
    const doc = await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth);
    expect(doc.body.status).to.equal('queued');
    expect(() => t.runtime.stages).to.throw(/only serves/);
    expect(() => t.runtime.processorDeps()).to.throw(/only serves/);
  });
});
