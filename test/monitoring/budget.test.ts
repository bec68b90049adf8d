import { expect } from 'chai';
import {
  capacityPerInterval,
  checksPerTick,
  COMPANIES_HOUSE_RATE,
  nextCheckAt,
  paceOffsets,
  runWindowMs,
  type MonitoringBudget,
} from '../../worker/monitoring/budget';

const budget: MonitoringBudget = { ...COMPANIES_HOUSE_RATE, share: 0.5, callsPerCheck: 3, tickSeconds: 60 };

/** Requests sent in every sliding window of `windowMs`, for rounds of checks started at the given times. */
function busiestWindow(requestTimes: number[], windowMs: number): number {
  const sorted = [...requestTimes].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('monitoring: the rate budget', () => {
  it("when half the Companies House allowance is monitoring's and a check costs three requests, then a one-minute round takes 20 checks", () => {
    expect(checksPerTick(budget)).to.equal(20);
    expect(capacityPerInterval(budget, 24)).to.equal(20 * 24 * 60);
  });

  it('when the share is tiny, then a round still checks one company rather than none', () => {
    expect(checksPerTick({ ...budget, share: 0.001 })).to.equal(1);
  });

  it('when a round has checks to run, then they start evenly apart across the window, not together', () => {
    const offsets = paceOffsets(4, 48_000);
    expect(offsets).to.deep.equal([0, 12_000, 24_000, 36_000]);
    expect(paceOffsets(0, 48_000)).to.deep.equal([]);
  });

  it('when the run limit is shorter than the round, then the window fits inside the run limit', () => {
    expect(runWindowMs(60, 300)).to.equal(48_000);
    expect(runWindowMs(600, 300)).to.equal(240_000);
  });

  it("when 1000 companies fall due at once, then no five-minute window ever spends more than monitoring's share of the allowance", () => {
    let due = 1000;
    const requests: number[] = [];
    const window = runWindowMs(budget.tickSeconds, 300);
    for (let round = 0; due > 0; round++) {
      const taken = Math.min(due, checksPerTick(budget));
      for (const offset of paceOffsets(taken, window)) {
        const start = round * budget.tickSeconds * 1000 + offset;
        // One check's three requests go one after another.
        requests.push(start, start + 100, start + 200);
      }
      due -= taken;
    }
    expect(busiestWindow(requests, COMPANIES_HOUSE_RATE.windowSeconds * 1000)).to.be.at.most(COMPANIES_HOUSE_RATE.limit * budget.share);
    // 1000 companies at 20 a round: all checked within the first hour, not in one burst.
    expect(Math.max(...requests)).to.be.below(60 * 60_000);
  });

  it("when a check ran, then the next one is one interval later, keeping each company's own phase", () => {
    const ran = new Date('2025-01-01T10:17:00Z');
    expect(nextCheckAt(ran, 24).toISOString()).to.equal('2025-01-02T10:17:00.000Z');
  });
});
