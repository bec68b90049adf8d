import { expect } from 'chai';
import { loadConfig } from '../../worker/config';
import { PermanentError } from '../../worker/errors';
import { createLogger } from '../../worker/logger';
import type { OcrEngine, OcrResult } from '../../worker/ocr/port';
import { ProcessingPool } from '../../worker/pipeline/pool';
import { emptyState, type Stage, type StageContext } from '../../worker/pipeline/types';
import { plainPng } from '../hostile/files/images';
import * as pdf from '../hostile/files/pdf';

/** Answers every page with the same words, counting the pages it was sent. */
class CountingOcr implements OcrEngine {
  readonly size = 1;
  pages = 0;
  async recognize(): Promise<OcrResult> {
    this.pages++;
    return { text: 'ACME WIDGETS LIMITED\nCompany number 09446231', confidence: 91, words: [] };
  }
  async close(): Promise<void> {}
}

/** Room for a thread under tsx (pdf.js loaded through its compiler holds about 150 MB) and a normal page, not for three million XMP elements. */
const HEAP_MB = 256;

const stageNamed = (name: Stage['name']): Stage => ({ name, weight: 1, run: async () => undefined });

function context(bytes: Buffer, mime: string, signal?: AbortSignal) {
  const progress: number[] = [];
  const state = emptyState();
  state.file = { mime, ext: mime.split('/')[1]! };
  const ctx: StageContext = {
    document: { id: 'd', tenant_id: 't', filename: 'f', content_type: mime, size_bytes: bytes.length, sha256: 's' },
    task: { id: 'task', kind: 'process' },
    claims: {},
    bytes,
    signal,
    state,
    progress: async (fraction) => {
      progress.push(fraction);
    },
  };
  return { ctx, progress };
}

async function failureOf(run: Promise<unknown>): Promise<PermanentError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the task to fail').to.be.instanceOf(PermanentError);
  return error as PermanentError;
}

describe('processing pool', function () {
  this.timeout(60_000);
  const log = createLogger('silent');

  describe('with room to work', () => {
    const ocr = new CountingOcr();
    const pool = new ProcessingPool({ config: loadConfig({ PROCESSING_THREADS: '1' }), ocr, log });
    after(() => pool.close());

    it('when an image is read in a thread, then its words come back in the state, its pages were OCR-ed by the main pool and its progress was reported here', async () => {
      const { ctx, progress } = context(await plainPng(), 'image/png');
      await pool.isolate(stageNamed('text')).run(ctx);
      expect(ctx.state.page_texts).to.deep.equal(['ACME WIDGETS LIMITED\nCompany number 09446231']);
      expect(ctx.state.pages[0]).to.include({ source: 'ocr', ocr_confidence: 91 });
      expect(ocr.pages).to.equal(1);
      expect(ctx.state.pixel_pages?.[0]?.crops.every((c) => Buffer.isBuffer(c.png))).to.equal(true);
      expect(progress).to.be.an('array');
    });

    it('when a text PDF is read in a thread, then each page reports progress and the text layer is used', async () => {
      const { ctx, progress } = context(pdf.manyPagesPdf(3), 'application/pdf');
      await pool.isolate(stageNamed('text')).run(ctx);
      expect(ctx.state.page_texts).to.have.length(3);
      expect(ctx.state.page_texts[0]).to.include('Acme Widgets Limited');
      expect(progress).to.deep.equal([1 / 3, 2 / 3, 1]);
    });

    it('when pages are read in a thread, then each page that needs OCR is reported here for the deadline, and a text-layer page is not', async () => {
      const reported = async (bytes: Buffer, mime: string) => {
        const { ctx } = context(bytes, mime);
        let pages = 0;
        await pool.isolate(stageNamed('text')).run({ ...ctx, pagesToRead: (count) => void (pages += count) });
        return pages;
      };
      expect(await reported(await plainPng(), 'image/png')).to.equal(1);
      expect(await reported(pdf.manyPagesPdf(3), 'application/pdf')).to.equal(0);
    });

    it('when a PDF is too complex, then the permanent error crosses the thread with its code', async () => {
      const { ctx } = context(pdf.textRunsPdf(3_000_000), 'application/pdf');
      const error = await failureOf(pool.isolate(stageNamed('text')).run(ctx));
      expect(error.code).to.equal('pdf_too_complex');
    });

    it("when a file's facts are read in a thread, then the PDF's structure comes back", async () => {
      const facts = await pool.readFacts(pdf.javascriptPdf(), 'application/pdf');
      expect(facts.pdf).to.include({ has_javascript: true, encrypted: false });
    });
  });

  it("when the thread's script is not where the pool looks (a bundle that left it out), then the pool refuses to start, naming the file, rather than leave every document waiting out its deadline", () => {
    const script = '/nowhere/thread.cjs';
    const start = () => new ProcessingPool({ config: loadConfig({ PROCESSING_THREADS: '1' }), ocr: new CountingOcr(), log, script });
    expect(start).to.throw(/\/nowhere\/thread\.cjs is missing/);
  });

  describe('warmed for a burst', () => {
    const pool = new ProcessingPool({ config: loadConfig({ PROCESSING_THREADS: '2' }), ocr: new CountingOcr(), log });
    after(() => pool.close());

    it('when the pool is warmed for more documents than it has threads, then all its threads are running once warm, and no more', async () => {
      expect(pool.threads).to.equal(2);
      expect(pool.threadsRunning).to.equal(0);
      await pool.warm(4);
      expect(pool.threadsRunning).to.equal(2);
    });
  });

  describe('past its deadline', () => {
    const pool = new ProcessingPool({ config: loadConfig({ PROCESSING_THREADS: '1' }), ocr: new CountingOcr(), log });
    after(() => pool.close());

    it('when a task runs past its deadline, then it fails processing_timeout at once and the next task runs on a fresh thread', async () => {
      const { ctx } = context(pdf.rectanglesPdf(200_000), 'application/pdf', AbortSignal.timeout(500));
      const started = performance.now();
      const error = await failureOf(pool.isolate(stageNamed('text')).run(ctx));
      expect(error.code).to.equal('processing_timeout');
      expect(performance.now() - started).to.be.below(3_000);

      const next = context(pdf.onePagePdf(), 'application/pdf');
      await pool.isolate(stageNamed('text')).run(next.ctx);
      expect(next.ctx.state.page_texts[0]).to.include('Acme Widgets Limited');
    });
  });

  describe('past its heap', () => {
    const pool = new ProcessingPool({
      config: loadConfig({ PROCESSING_THREADS: '1', PROCESSING_MAX_HEAP_MB: String(HEAP_MB) }),
      ocr: new CountingOcr(),
      log,
    });
    after(() => pool.close());

    it('when reading a file needs more heap than a thread has, then it fails resource_limit and the next task runs on a fresh thread', async () => {
      const error = await failureOf(pool.readFacts(pdf.metadataBombPdf(3_000_000), 'application/pdf'));
      expect(error.code).to.equal('resource_limit');
      expect(error.details).to.deep.equal({ limit_mb: HEAP_MB });

      const next = context(pdf.onePagePdf(), 'application/pdf');
      await pool.isolate(stageNamed('text')).run(next.ctx);
      expect(next.ctx.state.page_texts[0]).to.include('Acme Widgets Limited');
    });
  });
});
