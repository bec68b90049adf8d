/**
 * How many pixels of a grey page stand at each of the 256 levels. Four tallies filled in turn and
 * summed at the end: a page is mostly paper of one level, and counting every pixel into one tally
 * waits on the previous count of that level each time, which made this twice as slow.
 */
export function greyHistogram(data: Uint8Array): Uint32Array {
  const tallies = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)] as const;
  const [a, b, c, d] = tallies;
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) {
    a[data[i]!]! += 1;
    b[data[i + 1]!]! += 1;
    c[data[i + 2]!]! += 1;
    d[data[i + 3]!]! += 1;
  }
  for (let i = whole; i < data.length; i++) a[data[i]!]! += 1;
  for (let level = 0; level < 256; level++) a[level] = a[level]! + b[level]! + c[level]! + d[level]!;
  return a;
}
