import { expect } from 'chai';
import { pageLevels } from '../../worker/forensics/pixels/measures';
import { medianOf, robustSpread, weightedMedian } from '../../worker/forensics/pixels/robust';

/** The median as a sort gives it: the middle value, or the mean of the middle two. */
function sortedMedian(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function randomValues(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('forensics: robust norms', () => {
  it('when one value of many is forged far off, then the robust spread stays that of the rest, a normal one for normal print', () => {
    const values = [10, 11, 9, 10.5, 9.5, 10, 11, 9];
    const sound = robustSpread(values, medianOf(values));
    const forged = [...values.slice(1), 400];
    expect(robustSpread(forged, medianOf(forged))).to.be.within(sound * 0.5, sound * 2);
    expect(robustSpread([1, 2, 3, 4, 5], 3)).to.be.closeTo(1.4826, 1e-9);
  });

  it('when a median is taken of many values, ties and repeats among them, then it is the value a sort puts in the middle', () => {
    const random = randomValues(11);
    for (let t = 0; t < 2000; t++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 400) }, () =>
        random() < 0.3 ? Math.floor(random() * 4) : random() * 10 - 3,
      );
      expect(Object.is(medianOf(values), sortedMedian(values)), `${values.length} values`).to.equal(true);
    }
  });

  it('when values carry weights, then the median is the value at which half the weight lies below, and nothing weighed gives 0', () => {
    const weighed = (...pairs: [number, number][]) => weightedMedian(pairs.map(([value, weight]) => ({ value, weight })));
    expect(weighed([0.9, 1], [0.6, 5], [0.7, 3])).to.equal(0.6);
    expect(weighed([0.9, 6], [0.6, 1], [0.7, 3])).to.equal(0.9);
    expect(weighed([0.9, 0])).to.equal(0);
  });

  it('when the values hold a negative zero or NaN, then the median is still the one a sort gives', () => {
    const zeros = [...Array.from({ length: 50 }, () => -0), ...Array.from({ length: 51 }, () => 0)];
    expect(Object.is(medianOf(zeros), sortedMedian(zeros))).to.equal(true);
    const withNaN = [...Array.from({ length: 100 }, (_, i) => i), NaN, NaN];
    expect(medianOf(withNaN)).to.equal(sortedMedian(withNaN));
  });

  it("when a page's paper and ink levels are read, then they are the percentiles of its every seventh pixel", () => {
    const random = randomValues(5);
    const data = Uint8Array.from({ length: 301 * 97 }, () => Math.floor(random() * 256));
    const sample = data.filter((_, i) => i % 7 === 0).sort();
    const at = (share: number) => sample[Math.floor(share * sample.length)];
    expect(pageLevels({ data, width: 301, height: 97 })).to.deep.equal({ paper: at(0.6), ink: at(0.01) });
  });
});
