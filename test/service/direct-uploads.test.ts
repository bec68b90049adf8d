import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { removeAbandonedUploads } from '../../worker/maintenance';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Form {
  key: string;
  url: string;
  fields: Record<string, string>;
  max_bytes: number;
}

describe('direct uploads (local store)', function () {
  this.timeout(30_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false, env: { MAX_UPLOAD_BYTES: String(64 * 1024) } });
  });
  after(async () => t.close());

  const start = async (contentType = 'application/pdf', auth = t.auth): Promise<Form> => {
    const res = await t.request.post('/api/v1/direct-uploads').set(auth).send({ content_type: contentType });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as Form;
  };
  const post = (form: Form, bytes: Buffer, fields: Record<string, string> = form.fields) => {
    let req = t.request.post(form.url);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    return req.attach('file', bytes, { filename: 'scan.pdf', contentType: fields['Content-Type'] ?? 'application/pdf' });
  };
  const register = (key: string, auth = t.auth, extra: Record<string, string> = {}) =>
    t.request
      .post('/api/v1/direct-uploads/register')
      .set(auth)
      .send({ key, filename: 'certificate.pdf', ...extra });
  const stored = (key: string) =>
    fs.access(path.join(t.dataDir, 'documents', key)).then(
      () => true,
      () => false,
    );

  it('when a file is posted to its form and registered, then it is recorded and queued with the size, type and SHA-256 of the stored bytes', async () => {
    const pdf = await textPdf([['Direct']]);
    const form = await start();
    expect(form.key).to.match(new RegExp(`^documents/${t.tenantId}/[0-9a-f-]{36}\\.pdf$`));
    expect(form.max_bytes).to.equal(64 * 1024);
    expect((await post(form, pdf)).status).to.equal(204);

    const res = await register(form.key, t.auth, { company_number: '09446231' });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    const doc = await t.request.get(`/api/v1/documents/${res.body.document_id}`).set(t.auth);
    expect(doc.body).to.include({
      status: 'queued',
      filename: 'certificate.pdf',
      content_type: 'application/pdf',
      size_bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    expect(doc.body.claims).to.deep.equal({ company_number: '09446231' });
  });

  it('when a key is registered twice, by another tenant, or after it expired, then it answers 409, 404 and 410', async () => {
    const form = await start();
    await post(form, await textPdf([['Twice']]));
    expect((await register(form.key)).status).to.equal(202);
    const again = await register(form.key);
    expect([again.status, again.body.code]).to.deep.equal([409, 'already_registered']);

    const theirs = await start();
    await post(theirs, await textPdf([['Theirs']]));
    const other = await register(theirs.key, { Authorization: `Bearer ${await t.newTenantKey()}` });
    expect([other.status, other.body.code]).to.deep.equal([404, 'not_found']);

    await t.runtime.db.sequelize.query("UPDATE direct_uploads SET expires_at = now() - interval '1 second' WHERE storage_key = :key", {
      replacements: { key: theirs.key },
    });
    const late = await register(theirs.key);
    expect([late.status, late.body.code]).to.deep.equal([410, 'upload_expired']);
  });

  it('when the stored bytes are not the declared type or not a type we read, then registering answers 415 and removes the object', async () => {
    const png = await start();
    await post(png, PNG_1X1);
    const mismatch = await register(png.key);
    expect([mismatch.status, mismatch.body.code]).to.deep.equal([415, 'type_mismatch']);
    expect(await stored(png.key)).to.equal(false);

    const html = await start();
    await post(html, Buffer.from('<!doctype html><script>alert(1)</script>'));
    const refused = await register(html.key);
    expect([refused.status, refused.body.code]).to.deep.equal([415, 'unsupported_type']);
    expect(await stored(html.key)).to.equal(false);
  });

  it('when nothing was posted yet, then registering answers 409 upload_missing and the key stays usable', async () => {
    const form = await start();
    const early = await register(form.key);
    expect([early.status, early.body.code]).to.deep.equal([409, 'upload_missing']);
    await post(form, await textPdf([['Later']]));
    expect((await register(form.key)).status).to.equal(202);
  });

  it('when a form expires with a file posted but never registered, then maintenance removes the object and the slot', async () => {
    const form = await start();
    await post(form, await textPdf([['Abandoned']]));
    expect(await stored(form.key)).to.equal(true);
    const later = new Date(Date.now() + (t.config.DIRECT_UPLOAD_TTL_SECONDS + 1) * 1000);
    expect(await removeAbandonedUploads(t.runtime.maintenanceDeps(), later)).to.be.greaterThan(0);
    expect(await stored(form.key)).to.equal(false);
    const gone = await register(form.key);
    expect([gone.status, gone.body.code]).to.deep.equal([404, 'not_found']);
  });

  it('when a type we do not read is declared, then no form is made (415 unsupported_type)', async () => {
    const res = await t.request.post('/api/v1/direct-uploads').set(t.auth).send({ content_type: 'text/html' });
    expect([res.status, res.body.code]).to.deep.equal([415, 'unsupported_type']);
  });

  it('when a form is tampered with, over its size range, or empty, then the local store refuses it (403, 413, 400) and stores nothing', async () => {
    const form = await start();
    const otherKey = form.key.replace(/[0-9a-f-]{36}\.pdf$/, '00000000-0000-4000-8000-000000000000.pdf');
    const tampered = await post(form, await textPdf([['x']]), { ...form.fields, key: otherKey });
    expect([tampered.status, tampered.body.code]).to.deep.equal([403, 'policy_refused']);
    const retyped = await post(form, await textPdf([['x']]), { ...form.fields, 'Content-Type': 'text/html' });
    expect([retyped.status, retyped.body.code]).to.deep.equal([403, 'policy_refused']);
    const forged = await post(form, await textPdf([['x']]), { ...form.fields, 'x-kyb-signature': '0'.repeat(64) });
    expect([forged.status, forged.body.code]).to.deep.equal([403, 'policy_refused']);
    const big = await post(form, Buffer.concat([await textPdf([['x']]), Buffer.alloc(70 * 1024, 0x20)]));
    expect([big.status, big.body.code]).to.deep.equal([413, 'file_too_large']);
    const empty = await post(form, Buffer.alloc(0));
    expect([empty.status, empty.body.code]).to.deep.equal([400, 'empty_file']);
    expect(await stored(form.key)).to.equal(false);
    expect(await stored(otherKey)).to.equal(false);
  });
});
