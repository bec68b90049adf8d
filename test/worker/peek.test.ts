import { PassThrough, Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { expect } from 'chai';
import { peek } from '../../worker/files/peek';

/** Collects what reaches a stream's end. */
function collector(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      chunks.push(chunk);
      done();
    },
  });
  return Object.assign(sink, { bytes: () => Buffer.concat(chunks) });
}

/** A source that delivers `bytes` in chunks of `size`, as a socket or a multipart parser would. */
function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return Readable.from(parts);
}

describe('peek: a stream read from its head', () => {
  const file = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));

  for (const [length, chunk] of [
    [100, 64],
    [4_100, 1_000],
    [5_000, 65_536],
    [300_000, 65_536],
    [300_000, 3],
  ] as const) {
    it(`when a ${length}-byte stream arrives in ${chunk}-byte chunks, then the head is its first 4,100 bytes and the whole reaches the next stage byte for byte`, async () => {
      const bytes = file.subarray(0, length);
      const peeked = await peek(chunked(bytes, chunk), 4_100);
      expect(peeked.head).to.deep.equal(bytes.subarray(0, 4_100));
      const sink = peeked.pipe(collector());
      await finished(sink);
      expect(sink.bytes()).to.deep.equal(bytes);
    });
  }

  it('when the source fails after the head was read, then the next stage fails with its error', async () => {
    const source = new PassThrough();
    source.write(file.subarray(0, 10_000));
    const peeked = await peek(source, 4_100);
    const sink = peeked.pipe(collector());
    source.destroy(new Error('connection reset'));
    let caught: unknown;
    await finished(sink).catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.equal('connection reset');
  });

  it('when the rest is drained instead of piped, then the source is read to its end', async () => {
    const source = chunked(file, 65_536);
    const peeked = await peek(source, 4_100);
    peeked.drain();
    await finished(source);
    expect(source.readableEnded).to.equal(true);
  });
});
