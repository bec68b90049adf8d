import type { Readable, Writable } from 'node:stream';

/** A stream's head, read before the rest is let through. */
export interface Peeked {
  /** The first bytes asked for (all of the stream when it is shorter). */
  head: Buffer;
  /** Sends the whole stream (the bytes read so far, then the rest as it comes) into `dest`, and returns it; an error of the source destroys `dest`. */
  pipe<T extends Writable>(dest: T): T;
  /** Lets the rest of the stream go by unread. */
  drain(): void;
}

/**
 * The first `bytes` of a stream, read before anything is written: the type is decided from the head,
 * then the whole flows on into its first stage, with no stream of its own in between.
 */
export async function peek(source: Readable, bytes: number): Promise<Peeked> {
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
  const taken = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return {
    head: taken.subarray(0, bytes),
    pipe: (dest) => {
      if (taken.length > 0) dest.write(taken);
      if (ended) dest.end();
      else {
        source.once('error', (error) => dest.destroy(error));
        source.pipe(dest);
      }
      return dest;
    },
    drain: () => {
      if (!ended) source.resume();
    },
  };
}
