import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through while counting and hashing them: the file's size and SHA-256 without holding it. */
export class ByteMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  constructor(
    /** More than this many bytes fails the stream with `tooLarge()`. */
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly tooLarge: () => Error = () => new RangeError('The stream is larger than allowed'),
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(this.tooLarge());
    this.hash.update(chunk);
    done(null, chunk);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}
