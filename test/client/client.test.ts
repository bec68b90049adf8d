import { expect } from 'chai';
import { createKybClient, KybApiError, type KybClient, type ProgressView } from '../../client/src';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';
import { listen, type Listening } from './listen';
import { rejection } from '../helpers/rejection';

describe('typed client against the running API', () => {
  let t: TestApp;
  let server: Listening;
  let client: KybClient;
  let pdf: Uint8Array<ArrayBuffer>;

  before(async () => {
    t = await startTestApp();
    server = await listen(t.app);
    client = createKybClient({ baseUrl: server.url, apiKey: t.key });
    pdf = new Uint8Array(await textPdf([['Certificate of Incorporation', 'Company number 09446231']]));
  });
  after(async () => {
    await server?.close();
    await t?.close();
  });

  it('when a PDF is uploaded with claims and followed over SSE, then progress ends completed at 100 and the document shows the claims and text', async () => {
    const accepted = await client.upload(new File([pdf], 'certificate.pdf', { type: 'application/pdf' }), {
      company_number: '09446231',
      company_name: 'Example Trading Ltd',
    });
    expect(accepted.status).to.equal('queued');

    const events: ProgressView[] = [];
    const final = await client.followProgress(accepted.task_id, (event) => events.push(event));
    expect(final.state).to.equal('completed');
    expect(final.percent).to.equal(100);
    expect(events.at(-1)).to.deep.equal(final);
    expect(events.every((e) => e.task_id === accepted.task_id)).to.equal(true);

    const document = await client.getDocument(accepted.document_id);
    expect(document.status).to.equal('completed');
    expect(document.filename).to.equal('certificate.pdf');
    expect(document.claims).to.deep.equal({ company_number: '09446231', company_name: 'Example Trading Ltd' });
    expect(document.text).to.contain('Company number 09446231');
    expect(await client.getProgress(accepted.task_id)).to.deep.equal(final);
  });

  it('when a file is above the direct-upload size, then it goes to storage with a presigned form and is registered, never through the upload endpoint', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      seen.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.has('authorization') ? 'with-key' : 'no-key'}`);
      return fetch(input, init);
    };
    const direct = createKybClient({ baseUrl: server.url, apiKey: t.key, fetch: recording, directUploadAboveBytes: 512 });
    expect(pdf.length).to.be.greaterThan(512);
    const accepted = await direct.upload(new File([pdf], 'large.pdf', { type: 'application/pdf' }), { company_number: '09446231' });
    expect(seen).to.deep.equal([
      'POST /api/v1/direct-uploads with-key',
      'POST /direct-uploads/local no-key',
      'POST /api/v1/direct-uploads/register with-key',
    ]);
    const document = await direct.getDocument(accepted.document_id);
    expect(document).to.include({ filename: 'large.pdf', content_type: 'application/pdf', size_bytes: pdf.length });
    expect(document.claims).to.deep.equal({ company_number: '09446231' });
  });

  it("when a document is verified again with new claims, then a new task runs to completion and becomes the document's latest", async () => {
    const accepted = await client.upload(new Blob([pdf]), { company_number: '09446231' }, { filename: 'again.pdf' });
    await client.followProgress(accepted.task_id, () => undefined);

    const { task_id } = await client.verify(accepted.document_id, { vat_number: 'GB123456789' });
    expect(task_id).to.not.equal(accepted.task_id);
    const final = await client.followProgress(task_id, () => undefined);
    expect(final.state).to.equal('completed');
    const document = await client.getDocument(accepted.document_id);
    expect(document.filename).to.equal('again.pdf');
    expect(document.task_id).to.equal(task_id);

    const refused = await rejection(client.verify(accepted.document_id, { vat_number: 'not a vat number' }));
    expect(refused).to.include({ status: 422, code: 'invalid_claims' });
  });

  it("when the API key is wrong, then every call fails with the API's unauthorized code, message and request id", async () => {
    const stranger = createKybClient({ baseUrl: server.url, apiKey: 'not-a-real-key' });
    for (const call of [
      stranger.getDocument('00000000-0000-0000-0000-000000000000'),
      stranger.upload(new Blob([pdf]), {}, { filename: 'x.pdf' }),
      stranger.followProgress('00000000-0000-0000-0000-000000000000', () => undefined),
    ]) {
      const error = await rejection(call);
      expect(error).to.be.instanceOf(KybApiError);
      expect(error).to.include({ status: 401, code: 'unauthorized' });
      expect((error as KybApiError).message).to.contain('Bearer');
      expect((error as KybApiError).requestId).to.be.a('string').and.not.empty;
    }
  });

  it('when an HTML file named .pdf is uploaded, then the client throws 415 unsupported_type as the API states it', async () => {
    const error = await rejection(client.upload(new Blob(['<!doctype html><p>hello</p>']), {}, { filename: 'fake.pdf' }));
    expect(error).to.be.instanceOf(KybApiError);
    expect(error).to.include({ status: 415, code: 'unsupported_type' });
    expect((error as KybApiError).message).to.contain('upload a PDF, PNG, JPEG, TIFF or WebP');
  });

  it('when a claim is malformed, then the client throws 422 invalid_claims naming the field', async () => {
    const error = await rejection(client.upload(new Blob([pdf]), { vat_number: 'not a vat number' }, { filename: 'x.pdf' }));
    expect(error).to.include({ status: 422, code: 'invalid_claims' });
    expect((error as KybApiError).details).to.deep.equal({ field: 'vat_number' });
  });

  it("when another tenant's document or task is asked for, then the client throws not_found", async () => {
    const accepted = await client.upload(new Blob([pdf]), {}, { filename: 'mine.pdf' });
    const other = createKybClient({ baseUrl: server.url, apiKey: await t.newTenantKey() });
    expect(await rejection(other.getDocument(accepted.document_id))).to.include({ status: 404, code: 'not_found' });
    expect(await rejection(other.followProgress(accepted.task_id, () => undefined))).to.include({ status: 404, code: 'not_found' });
  });
});
