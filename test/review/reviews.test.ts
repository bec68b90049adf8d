import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../worker/webhooks/signing';
import { startTestApp, uploadAndWait, waitForTask, type TestApp } from '../helpers/app';
import { pollUntil } from '../helpers/poll';
import { statement } from '../cases/support';
import { startReceiver } from '../monitoring/receiver';

const SECRET = 'review-webhook-secret';

describe('reviews: a person decides a document or case in review, beside the automatic verdict', function () {
  this.timeout(60_000);
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let reviewer: { Authorization: string };
  let reviewerKeyId: string;
  let document: Record<string, any>;

  before(async () => {
    receiver = await startReceiver();
    t = await startTestApp({ env: { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, WEBHOOK_RETRY_DELAY_MS: '10' } });
    const tenant = await t.runtime.db.models.Tenant.findByPk(t.tenantId);
    const created = await t.runtime.repos.apiKeys.create(tenant?.name ?? '', { role: 'reviewer' });
    reviewer = { Authorization: `Bearer ${created.key}` };
    reviewerKeyId = created.id;
    // No registry is configured, so a sound statement cannot be verified automatically: it ends in review.
    document = await uploadAndWait(t, await statement(), 'statement.pdf');
  });
  after(async () => {
    await t?.close();
    await receiver?.close();
  });

  const review = (id: string, body: Record<string, unknown>, auth = reviewer) =>
    t.request.post(`/api/v1/documents/${id}/review`).set(auth).send(body);

  it('when a reviewer lists the queue, opens a document and decides it, then the verdict stays, the review stands beside it and the queue lets it go', async () => {
    expect(document.verification.decision).to.equal('review');
    const queue = await t.request.get('/api/v1/documents').query({ open_review: true }).set(reviewer);
    expect(queue.body.items.map((d: any) => d.document_id)).to.include(document.document_id);
    const opened = await t.request.get(`/api/v1/documents/${document.document_id}`).set(reviewer);
    expect(opened.body.review).to.equal(null);
    expect(opened.body.standing).to.deep.equal({ decision: 'review', by: 'automatic' });

    const res = await review(document.document_id, {
      decision: 'verified',
      reason_code: 'documents_match',
      note: 'Account confirmed with the bank.',
      verification_id: opened.body.verification_id,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.standing).to.deep.equal({ decision: 'verified', by: 'review' });

    const after = await t.request.get(`/api/v1/documents/${document.document_id}`).set(t.auth);
    expect(after.body.verification).to.deep.equal(opened.body.verification);
    expect(after.body.standing).to.deep.equal({ decision: 'verified', by: 'review' });
    expect(after.body.review).to.deep.include({
      decision: 'verified',
      reason_code: 'documents_match',
      note: 'Account confirmed with the bank.',
    });
    expect(after.body.review.reviewer).to.deep.equal({ key_id: reviewerKeyId, role: 'reviewer' });
    expect(after.body.review.seen).to.deep.equal({
      verification_id: opened.body.verification_id,
      decision: 'review',
      policy_version: opened.body.verification.policy_version,
      score: opened.body.verification.score,
    });
    expect(Date.parse(after.body.review.reviewed_at)).to.be.closeTo(Date.now(), 60_000);

    const open = await t.request.get('/api/v1/documents').query({ open_review: true }).set(reviewer);
    expect(open.body.items.map((d: any) => d.document_id)).to.not.include(document.document_id);

    const evidence = await t.request.get(`/api/v1/documents/${document.document_id}/evidence`).set(t.auth);
    const kinds = evidence.body.map((r: any) => r.kind);
    expect(kinds).to.include('decision').and.include('review');
    expect(evidence.body.find((r: any) => r.kind === 'review').task_id).to.equal(opened.body.verification_id);
  });

  it('when a review is recorded, then a signed document.reviewed webhook says which decision stands', async () => {
    const hook = await pollUntil(
      () => receiver.received.find((r) => r.headers[EVENT_HEADER.toLowerCase()] === 'document.reviewed'),
      (found) => found !== undefined,
      { timeoutMs: 10_000 },
    );
    expect(hook, 'document.reviewed webhook').to.not.equal(undefined);
    const headers = hook?.headers ?? {};
    expect(
      verifySignature(
        SECRET,
        hook?.body ?? '',
        headers[TIMESTAMP_HEADER.toLowerCase()] as string,
        headers[SIGNATURE_HEADER.toLowerCase()] as string,
      ),
    ).to.equal(true);
    const body = JSON.parse(hook?.body ?? '{}');
    expect(body).to.include({
      document_id: document.document_id,
      automatic_decision: 'review',
      decision: 'verified',
      reason_code: 'documents_match',
    });
    expect(body.standing).to.deep.equal({ decision: 'verified', by: 'review' });
  });

  it('when the document is replayed, then the automatic verdict is re-decided and the review is shown apart, unchanged', async () => {
    const res = await t.request.post(`/api/v1/documents/${document.document_id}/replay`).set(t.auth).send({});
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.original.decision).to.equal('review');
    expect(res.body.replayed.decision).to.equal('review');
    expect(res.body.review).to.include({ decision: 'verified', reason_code: 'documents_match' });
  });

  it('when the document was verified again after the reviewer opened it, then the review is refused with 409 and the old review no longer stands', async () => {
    const seen = document.verification_id;
    const again = await t.request.post(`/api/v1/verification/${document.document_id}`).set(t.auth).send({});
    await waitForTask(t, again.body.task_id);
    const res = await review(document.document_id, { decision: 'rejected', reason_code: 'too_late', verification_id: seen });
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('stale_verification');
    const now = await t.request.get(`/api/v1/documents/${document.document_id}`).set(t.auth);
    expect(res.body.details.current_verification_id).to.equal(now.body.verification_id);
    expect(now.body.review).to.equal(null);
    expect(now.body.standing).to.deep.equal({ decision: 'review', by: 'automatic' });
    const queue = await t.request.get('/api/v1/documents').query({ open_review: true }).set(reviewer);
    expect(queue.body.items.map((d: any) => d.document_id)).to.include(document.document_id);
  });

  it('when a submitter key reviews, then it gets 403; another tenant gets 404; a bad body gets 422; a document without a verdict gets 409', async () => {
    const current = (await t.request.get(`/api/v1/documents/${document.document_id}`).set(t.auth)).body.verification_id;
    const body = { decision: 'verified', reason_code: 'ok', verification_id: current };
    const submitter = await review(document.document_id, body, t.auth);
    expect(submitter.status).to.equal(403);
    expect(submitter.body.code).to.equal('insufficient_role');

    const otherTenant = await t.runtime.repos.apiKeys.create(`other-${randomUUID()}`, { role: 'reviewer' });
    const other = await review(document.document_id, body, { Authorization: `Bearer ${otherTenant.key}` });
    expect(other.status).to.equal(404);
    expect(other.body.code).to.equal('not_found');

    for (const bad of [
      { ...body, decision: 'review' },
      { ...body, reason_code: 'has spaces' },
      { ...body, note: 'x'.repeat(2001) },
    ]) {
      const res = await review(document.document_id, bad);
      expect(res.status, JSON.stringify(bad)).to.equal(422);
      expect(['invalid_review', 'validation_failed']).to.include(res.body.code);
    }

    const pending = randomUUID();
    await t.runtime.db.models.Document.create({
      id: pending,
      tenant_id: t.tenantId,
      status: 'queued',
      filename: 'p.pdf',
      content_type: 'application/pdf',
      size_bytes: 1,
      sha256: 'b'.repeat(64),
      storage_key: null,
      claims: {},
    });
    const none = await review(pending, { ...body, verification_id: randomUUID() });
    expect(none.status).to.equal(409);
    expect(none.body.code).to.equal('no_verification');
  });

  it('when a reviewer decides a case on the version they saw, then the case shows the review beside its decision; a stale version gets 409', async () => {
    const opened = await t.request.post('/api/v1/cases').set(t.auth).send({ company_number: '09446231', company_name: 'Acme Ltd' });
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .field('case_id', opened.body.case_id)
      .attach('file', await statement({ account: '87654321' }), 's.pdf');
    await waitForTask(t, up.body.task_id);
    const view = await t.request.get(`/api/v1/cases/${opened.body.case_id}`).set(reviewer);
    expect(view.body.review).to.equal(null);
    const automatic = view.body.decision.decision;
    expect(view.body.standing).to.deep.equal({ decision: automatic, by: 'automatic' });

    const stale = await t.request
      .post(`/api/v1/cases/${opened.body.case_id}/review`)
      .set(reviewer)
      .send({ decision: 'rejected', reason_code: 'mismatch', version: 'not-the-version' });
    expect(stale.status).to.equal(409);
    expect(stale.body.code).to.equal('stale_case_version');
    expect(stale.body.details.current_version).to.equal(view.body.version);

    const res = await t.request
      .post(`/api/v1/cases/${opened.body.case_id}/review`)
      .set(reviewer)
      .send({ decision: 'rejected', reason_code: 'mismatch', note: 'Trading name differs.', version: view.body.version });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const after = await t.request.get(`/api/v1/cases/${opened.body.case_id}`).set(t.auth);
    expect(after.body.decision.decision).to.equal(automatic);
    expect(after.body.standing).to.deep.equal({ decision: 'rejected', by: 'review' });
    expect(after.body.review).to.deep.include({ decision: 'rejected', reason_code: 'mismatch', case_id: opened.body.case_id });
    expect(after.body.review.seen).to.include({ version: view.body.version, decision: automatic });
    const listed = await t.request.get('/api/v1/cases').query({ decision: automatic }).set(reviewer);
    expect(listed.body.items.find((c: any) => c.case_id === opened.body.case_id)).to.include({ review_decision: 'rejected' });
    const evidence = await t.request.get(`/api/v1/documents/${up.body.document_id}/evidence`).set(t.auth);
    expect(evidence.body.map((r: any) => r.kind)).to.include('case_review');
    const replay = await t.request.post(`/api/v1/cases/${opened.body.case_id}/replay`).set(t.auth).send({});
    expect(replay.body.original.decision).to.equal(automatic);
    expect(replay.body.review).to.include({ decision: 'rejected', reason_code: 'mismatch' });
  });
});
