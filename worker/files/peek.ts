import { PassThrough, type Readable } from 'node:stream';

/**
 * The first `bytes` of a stream (all of it when shorter), and a stream of the whole that starts with
 * them: the type is decided from the head before anything is written, then the whole flows on.
 */
export async function peek(source: Readable, bytes: number): Promise<{ head: Buffer; whole: Readable }> {
  const chunks: Buffer[] = [];
  let seen = 0;
  const ended = await new Promise<boolean>((resolve, reject) => {
    const settle = (end: boolean) => {
      source.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(end);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      seen += chunk.length;
      if (seen >= bytes) {
        source.pause();
        settle(false);
      }
    };
    const onEnd = () => settle(true);
    source.on('data', onData).once('end', onEnd).once('error', reject);
  });
  const taken = Buffer.concat(chunks);
  const whole = new PassThrough();
  whole.write(taken);
  if (ended) whole.end();
  else {
    source.once('error', (error) => whole.destroy(error));
    source.pipe(whole);
  }
  return { head: taken.subarray(0, bytes), whole };
}
