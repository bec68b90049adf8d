import { expect } from 'chai';
import { greyHistogram } from '../../worker/images/histogram';

describe('images: grey histogram', () => {
  it('when a page whose length is not a multiple of four is tallied, then each level counts every pixel at it, the last ones included', () => {
    const data = new Uint8Array(1003);
    let seed = 11;
    for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    data.fill(255, 1000);
    const histogram = greyHistogram(data);
    for (const level of [0, 17, 128, 255]) expect(histogram[level], `level ${level}`).to.equal(data.filter((v) => v === level).length);
    expect(histogram.reduce((sum, n) => sum + n, 0)).to.equal(data.length);
  });
});
