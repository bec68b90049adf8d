import { expect } from 'chai';
import { describePaired, pairedFigure, type RoundResult } from '../../bench/load';

const run = (requestsPerSecond: number, load = 1): RoundResult => ({ requestsPerSecond, p99Ms: 10, requests: requestsPerSecond * 2, load });

describe('bench load: paired rounds', () => {
  it('when the machine speeds up and slows down between rounds, then the figure is the median of the pair ratios, not of the rates', () => {
    const rounds = [
      { app: run(100), bare: run(200) },
      { app: run(300, 4), bare: run(500, 5) },
      { app: run(40), bare: run(100) },
    ];
    const figure = pairedFigure(rounds, 'app', 'bare');
    expect(figure.measured.requestsPerSecond / figure.baseline.requestsPerSecond).to.equal(0.5);
    expect(figure.ratios).to.deep.equal([0.4, 0.5, 0.6]);
    expect(figure.load).to.deep.equal({ min: 1, max: 5 });
  });

  it('when the rounds are read, then the description gives the median, the spread, the rounds and the load', () => {
    const figure = pairedFigure(
      [
        { app: run(61, 2.25), bare: run(100) },
        { app: run(48), bare: run(100, 9.75) },
        { app: run(70), bare: run(100) },
      ],
      'app',
      'bare',
    );
    expect(describePaired(figure)).to.equal('median 61% (spread 48%-70%, 3 rounds, load 1.0-9.8)');
  });

  it('when there are no rounds, then asking for a figure throws rather than inventing one', () => {
    expect(() => pairedFigure([], 'app', 'bare')).to.throw(RangeError);
  });
});
