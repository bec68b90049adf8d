import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import sharp from 'sharp';
import { SNIFF_BYTES } from '../../worker';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('upload rules', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false, env: { MAX_UPLOAD_BYTES: String(64 * 1024) } });
  });
  after(async () => t.close());

  const upload = () => t.request.post('/api/v1/documents/upload').set(t.auth);

  it('when no file part is sent, then it answers 400 file_required', async () => {
    const res = await upload().field('company_number', '09446231');
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('file_required');
    expect(res.body.message).to.be.a('string').and.not.be.empty;
  });

  it('when the body is not multipart at all (none, JSON, plain text), then it answers 400 file_required, never 500', async () => {
    const bare = await upload();
    const json = await upload().send({ file: 'not a file' });
    const text = await upload().set('Content-Type', 'text/plain').send('%PDF-1.7 pretending');
    expect([bare.status, json.status, text.status]).to.deep.equal([400, 400, 400]);
    expect([bare.body.code, json.body.code, text.body.code]).to.deep.equal(['file_required', 'file_required', 'file_required']);
  });

  it('when the file is empty, then it answers 400 empty_file', async () => {
    const res = await upload().attach('file', Buffer.alloc(0), 'empty.pdf');
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('empty_file');
  });

  it('when the bytes are not a supported type whatever the name says, then it answers 415 unsupported_type', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const res = await upload().attach('file', html, { filename: 'invoice.pdf', contentType: 'application/pdf' });
    expect(res.status).to.equal(415);
    expect(res.body.code).to.equal('unsupported_type');
  });

  it('when a PNG is named .pdf, then it is accepted as the PNG it is', async () => {
    const res = await upload().attach('file', PNG_1X1, { filename: 'scan.pdf', contentType: 'application/pdf' });
    expect(res.status).to.equal(202);
    const doc = await t.request.get(`/api/v1/documents/${res.body.document_id}`).set(t.auth);
    expect(doc.body.content_type).to.equal('image/png');
  });

  it('when a TIFF keeps its directory after its image data, past the bytes the type is sniffed from, then it is accepted as a TIFF', async () => {
    const page = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f4f1ea' } })
      .jpeg({ quality: 80 })
      .toBuffer();
    const tiff = await sharp([page, page], { join: { animated: true } })
      .tiff({ compression: 'jpeg', quality: 80 })
      .toBuffer();
    expect(tiff.readUInt32LE(4), 'first directory offset').to.be.greaterThan(SNIFF_BYTES);
    const res = await upload().attach('file', tiff, { filename: 'scan.tif', contentType: 'image/tiff' });
    expect(res.status).to.equal(202);
    const doc = await t.request.get(`/api/v1/documents/${res.body.document_id}`).set(t.auth);
    expect(doc.body.content_type).to.equal('image/tiff');
  });

  it('when the file is over the limit, then it answers 413 file_too_large and stores nothing', async () => {
    const before = await t.runtime.db.sequelize.query('SELECT count(*)::int AS n FROM documents', { plain: true });
    const big = Buffer.concat([await textPdf([['x']]), Buffer.alloc(70 * 1024, 0x20)]);
    const res = await upload().attach('file', big, 'big.pdf');
    expect(res.status).to.equal(413);
    expect(res.body.code).to.equal('file_too_large');
    const after = await t.runtime.db.sequelize.query('SELECT count(*)::int AS n FROM documents', { plain: true });
    expect(after).to.deep.equal(before);
  });

  it('when claims are malformed, then it answers 422 invalid_claims naming the field', async () => {
    const res = await upload()
      .field('vat_number', 'not-a-number')
      .attach('file', await textPdf([['x']]), 'a.pdf');
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('invalid_claims');
    expect(res.body.details.field).to.equal('vat_number');
  });

  it('when an upload is accepted, then the answer is 202 with ids, and the record keeps size, type and SHA-256', async () => {
    const pdf = await textPdf([['Hello']]);
    const res = await upload().field('company_number', '09446231').attach('file', pdf, 'hello.pdf');
    expect(res.status).to.equal(202);
    expect(res.body).to.have.keys('document_id', 'task_id', 'status');
    expect(res.body.status).to.equal('queued');
    const doc = await t.request.get(`/api/v1/documents/${res.body.document_id}`).set(t.auth);
    const { createHash } = await import('node:crypto');
    expect(doc.body.sha256).to.equal(createHash('sha256').update(pdf).digest('hex'));
    expect(doc.body.size_bytes).to.equal(pdf.length);
    expect(doc.body.status).to.equal('queued');
    expect(doc.body.claims).to.deep.equal({ company_number: '09446231' });
  });

  it('when an upload claims nothing, or sends its claim fields blank, then it is answered 202 as JSON and records no claims', async () => {
    const pdf = await textPdf([['Nothing claimed']]);
    const none = await upload().attach('file', pdf, 'none.pdf');
    const blank = await upload().field('company_number', ' ').field('vat_number', '').attach('file', pdf, 'blank.pdf');
    for (const res of [none, blank]) {
      expect(res.status).to.equal(202);
      expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(res.body).to.have.keys('document_id', 'task_id', 'status');
      const doc = await t.request.get(`/api/v1/documents/${res.body.document_id}`).set(t.auth);
      expect(doc.body.claims).to.deep.equal({});
    }
  });

  it('when many uploads arrive at once, then each is answered with its own document and task, keeps its own claims, and has exactly one job queued', async () => {
    const pdf = await textPdf([['Hello']]);
    const numbers = Array.from({ length: 12 }, (_, i) => String(10_000_000 + i));
    const answers = await Promise.all(numbers.map((n) => upload().field('company_number', n).attach('file', pdf, `${n}.pdf`)));
    expect(answers.map((r) => r.status)).to.deep.equal(numbers.map(() => 202));
    const ids = answers.map((r) => r.body.document_id as string);
    expect(new Set(ids).size).to.equal(numbers.length);
    const rows = await t.runtime.db.sequelize.query<{ id: string; company_number: string; task_id: string; jobs: number }>(
      `SELECT d.id, d.claims->>'company_number' AS company_number, t.id AS task_id,
              (SELECT count(*)::int FROM pgboss.job j WHERE j.data->>'task_id' = t.id::text) AS jobs
         FROM documents d JOIN tasks t ON t.document_id = d.id WHERE d.id IN (:ids)`,
      { replacements: { ids }, type: QueryTypes.SELECT },
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    answers.forEach((res, i) => {
      const row = byId.get(res.body.document_id);
      expect(row, `document ${i}`).to.include({ company_number: numbers[i], task_id: res.body.task_id, jobs: 1 });
    });
  });

  it('when the filename carries folders, then only the display name is kept and the stored key ignores it', async () => {
    const res = await upload().attach('file', await textPdf([['x']]), '../../etc/Zürich–Ltd.pdf');
    expect(res.status).to.equal(202);
    const doc = await t.request.get(`/api/v1/documents/${res.body.document_id}`).set(t.auth);
    expect(doc.body.filename).to.equal('Zürich–Ltd.pdf');
    const [row] = await t.runtime.db.sequelize.query<{ storage_key: string }>('SELECT storage_key FROM documents WHERE id = :id', {
      replacements: { id: res.body.document_id },
      type: QueryTypes.SELECT,
    });
    expect(row?.storage_key).to.equal(`documents/${t.tenantId}/${res.body.document_id}.pdf`);
  });

  it('when the filename hides its extension with a right-to-left override, then the override is removed', async () => {
    const res = await upload().attach('file', await textPdf([['x']]), 'invoice\u202Efdp.exe');
    expect(res.status).to.equal(202);
    const doc = await t.request.get(`/api/v1/documents/${res.body.document_id}`).set(t.auth);
    expect(doc.body.filename).to.equal('invoicefdp.exe');
  });

  it('when a document id is unknown or malformed, then it answers 404 not_found', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await t.request.get(`/api/v1/documents/${id}`).set(t.auth);
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('not_found');
    }
    const task = await t.request.get('/api/v1/progress/00000000-0000-4000-8000-000000000000').set(t.auth);
    expect(task.status).to.equal(404);
    const verify = await t.request.post('/api/v1/verification/00000000-0000-4000-8000-000000000000').set(t.auth).send({});
    expect(verify.status).to.equal(404);
  });

  it('when a route does not exist, then it answers 404 not_found as JSON', async () => {
    const res = await t.request.get('/api/v1/nothing-here').set(t.auth);
    expect(res.status).to.equal(404);
    expect(res.body.code).to.equal('not_found');
  });

  it('when an error is answered, then its body and headers carry the request id', async () => {
    const res = await t.request.get('/api/v1/documents/not-a-uuid').set(t.auth).set('X-Request-Id', 'trace-12345678');
    expect(res.headers['x-request-id']).to.equal('trace-12345678');
    expect(res.body.request_id).to.equal('trace-12345678');
  });
});
