import { expect } from 'chai';
import sharp from 'sharp';
import { generateForgery } from '../../fixtures/forgeries';
import { evidenceImageKey } from '../../worker/storage/keys';
import { startTestApp, uploadAndWait, type TestApp } from '../helpers/app';

const binary = (res: { on(event: string, cb: (chunk?: Buffer) => void): void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const blankPng = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#f0f0f0' } })
    .png()
    .toBuffer();

describe('forensics: evidence pictures through the API', () => {
  let t: TestApp;
  before(async function () {
    this.timeout(120_000);
    t = await startTestApp();
  });
  after(async () => t.close());

  it('when a forged scan is verified, then its flagged region is kept as a picture the document route serves', async function () {
    this.timeout(180_000);
    const forged = await generateForgery({ type: 'bank_statement', rendering: 'scan_png', technique: 'paint_box_retype', seed: 104 });
    const doc = await uploadAndWait(t, forged.bytes, forged.filename);
    const warned = (doc.verification.checks as { id: string; status: string; evidence: Record<string, unknown> }[]).filter(
      (c) => c.id.startsWith('forensics.pixel_') && c.status === 'warn',
    );
    expect(warned.length, JSON.stringify(doc.verification.checks)).to.be.greaterThan(0);
    expect(doc.verification.decision).to.not.equal('verified');
    const name = warned[0]!.evidence.evidence_image as string;
    expect(name).to.match(/^page-1-[a-z_]+\.png$/);
    const res = await t.request.get(`/api/v1/documents/${doc.document_id}/evidence/${name}`).set(t.auth).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('image/png');
    const meta = await sharp(res.body as Buffer).metadata();
    expect(meta.format).to.equal('png');
    expect(meta.width).to.be.at.most(480);
  });

  it('when a picture is asked for by another tenant, by an unknown name or before it exists, then it answers 404 not_found', async function () {
    this.timeout(60_000);
    const png = await blankPng(8, 8);
    const doc = await uploadAndWait(t, png, 'tiny.png');
    const name = 'page-1-background.png';
    await t.runtime.store.put(evidenceImageKey(t.config.S3_PREFIX, t.tenantId, doc.document_id, name), png, 'image/png');
    const own = await t.request.get(`/api/v1/documents/${doc.document_id}/evidence/${name}`).set(t.auth).buffer(true).parse(binary);
    expect(own.status).to.equal(200);
    expect(Buffer.compare(own.body as Buffer, png)).to.equal(0);
    const other = { Authorization: `Bearer ${await t.newTenantKey()}` };
    for (const [auth, path] of [
      [other, `/api/v1/documents/${doc.document_id}/evidence/${name}`],
      [t.auth, `/api/v1/documents/${doc.document_id}/evidence/page-1-copy_move.png`],
      [t.auth, `/api/v1/documents/${doc.document_id}/evidence/..%2F..%2Fsecret.png`],
      [t.auth, `/api/v1/documents/${doc.document_id}/evidence/original.pdf`],
    ] as const) {
      const res = await t.request.get(path).set(auth);
      expect(res.status, path).to.equal(404);
      expect(res.body.code).to.equal('not_found');
    }
  });

  it('when a document is deleted, then its evidence pictures are removed from storage with it', async function () {
    this.timeout(60_000);
    const png = await blankPng(600, 300);
    const doc = await uploadAndWait(t, png, 'blank.png');
    const key = evidenceImageKey(t.config.S3_PREFIX, t.tenantId, doc.document_id, 'page-1-text_consistency.png');
    await t.runtime.store.put(key, png, 'image/png');
    expect((await t.request.delete(`/api/v1/documents/${doc.document_id}`).set(t.auth)).status).to.equal(204);
    let gone = false;
    await t.runtime.store.get(key).catch(() => (gone = true));
    expect(gone).to.equal(true);
  });
});
