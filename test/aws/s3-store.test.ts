import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { StorageObjectNotFound } from '../../worker/storage/port';
import { S3DocumentStore } from '../../worker/storage/s3';
import { documentKey } from '../../worker/storage/keys';
import { REGION, startLocalAws, type LocalAws } from './helpers/local-aws';

/** The headers of every PutObject this store sends, as they go on the wire (after signing). */
function recordPutHeaders(store: S3DocumentStore): Array<Record<string, string>> {
  const seen: Array<Record<string, string>> = [];
  store.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand') seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'recordPutHeaders' },
  );
  return seen;
}

describe('S3 document store (against fauxqs)', function () {
  this.timeout(30_000);
  let aws: LocalAws;
  let store: S3DocumentStore;
  const key = (ext = 'pdf') => documentKey('documents/', 'tenant-a', randomUUID(), ext);

  before(async () => {
    aws = await startLocalAws();
    store = new S3DocumentStore({ bucket: aws.bucket, prefix: 'documents/', region: REGION, endpoint: aws.endpoint });
  });
  after(async () => aws.stop());

  it('when bytes are stored under a server-made key, then the same bytes come back and a delete removes them', async () => {
    const k = key();
    const body = randomBytes(300_000);
    await store.put(k, body, 'application/pdf');
    expect((await store.get(k)).equals(body)).to.equal(true);
    await store.delete(k);
    try {
      await store.get(k);
      expect.fail('a deleted object was still returned');
    } catch (error) {
      expect(error).to.be.instanceOf(StorageObjectNotFound);
    }
  });

  it('when no KMS key is configured, then objects are written with S3-managed encryption and no ACL', async () => {
    const headers = recordPutHeaders(store);
    await store.put(key(), Buffer.from('%PDF-1.7'), 'application/pdf');
    expect(headers).to.have.length(1);
    expect(headers[0]).to.include({ 'x-amz-server-side-encryption': 'AES256' });
    expect(headers[0]).to.not.have.property('x-amz-acl');
    expect(headers[0]).to.not.have.property('x-amz-server-side-encryption-aws-kms-key-id');
  });

  it('when a KMS key id is configured, then objects are written with aws:kms under that key', async () => {
    const kms = new S3DocumentStore({
      bucket: aws.bucket,
      prefix: 'documents/',
      region: REGION,
      endpoint: aws.endpoint,
      kmsKeyId: 'arn:aws:kms:eu-west-2:000000000000:key/3f1c6bd5-0000-4000-8000-000000000001',
    });
    const headers = recordPutHeaders(kms);
    const k = key('png');
    await kms.put(k, Buffer.from('png bytes'), 'image/png');
    expect(headers[0]).to.include({
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:eu-west-2:000000000000:key/3f1c6bd5-0000-4000-8000-000000000001',
      'x-amz-server-side-encryption-bucket-key-enabled': 'true',
    });
    expect((await kms.get(k)).toString()).to.equal('png bytes');
  });

  it('when a key outside the prefix or with dot segments is given, then the store refuses it', async () => {
    for (const bad of ['elsewhere/a.pdf', 'documents/../a.pdf', 'documents//a.pdf']) {
      try {
        await store.put(bad, Buffer.from('x'), 'application/pdf');
        expect.fail(`accepted ${bad}`);
      } catch (error) {
        expect((error as Error).message).to.match(/Refusing storage key/);
      }
    }
  });

  it('when a download link is asked for, then it expires within 15 minutes, names the file, and serves the bytes', async () => {
    const k = key();
    await store.put(k, Buffer.from('%PDF-1.7 original'), 'application/pdf');
    const url = new URL(await store.presignGet(k, 'Certificate “of” incorporation.pdf', 3600));
    expect(Number(url.searchParams.get('X-Amz-Expires')))
      .to.be.at.most(900)
      .and.above(0);
    const disposition = url.searchParams.get('response-content-disposition') ?? '';
    expect(disposition).to.match(/^attachment; /);
    expect(disposition).to.contain("filename*=UTF-8''Certificate%20%E2%80%9Cof%E2%80%9D%20incorporation.pdf");
    const res = await fetch(url);
    expect(res.status).to.equal(200);
    expect(Buffer.from(await res.arrayBuffer()).toString()).to.equal('%PDF-1.7 original');
    const short = new URL(await store.presignGet(k, 'a.pdf', 60));
    expect(short.searchParams.get('X-Amz-Expires')).to.equal('60');
  });

  it('when the bucket exists, then ping resolves; when it does not, then ping rejects', async () => {
    await store.ping();
    const missing = new S3DocumentStore({ bucket: 'no-such-bucket', prefix: 'documents/', region: REGION, endpoint: aws.endpoint });
    let failed = false;
    await missing.ping().catch(() => {
      failed = true;
    });
    expect(failed).to.equal(true);
  });

  it('when a stream larger than one part is stored, then it goes up in parts and the same bytes stream back', async () => {
    const k = key();
    const body = randomBytes(6 * 1024 * 1024 + 17);
    await store.putStream(k, Readable.from([body.subarray(0, 1_000_000), body.subarray(1_000_000)]), 'application/pdf');
    const chunks: Buffer[] = [];
    for await (const chunk of await store.getStream(k)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(body)).to.equal(true);
  });

  it('when a direct-upload form is signed, then its policy holds the key, the declared type, the size range and the encryption, and posting it stores the file there', async () => {
    const k = key();
    const expiresAt = new Date(Date.now() + 60_000);
    const form = await store.presignPost({ key: k, contentType: 'application/pdf', maxBytes: 1024, expiresAt });
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(new Date(policy.expiration).getTime()).to.be.within(expiresAt.getTime() - 2_000, expiresAt.getTime() + 2_000);
    expect(policy.conditions).to.deep.include.members([
      ['content-length-range', 1, 1024],
      ['eq', '$Content-Type', 'application/pdf'],
      { key: k },
      { 'x-amz-server-side-encryption': 'AES256' },
    ]);
    const body = new FormData();
    for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
    body.append('file', new Blob([Buffer.from('%PDF-1.7 direct')], { type: 'application/pdf' }), 'a.pdf');
    const res = await fetch(form.url, { method: 'POST', body });
    expect(res.status).to.be.within(200, 204);
    expect((await store.get(k)).toString()).to.equal('%PDF-1.7 direct');
  });
});
