import { expect } from 'chai';
import { topFrames } from '../../bench/profile-top';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

/** root → handler → recurse → recurse → leaf, and root → (idle); one tick per sample, 1 ms apart. */
const profile = {
  startTime: 0,
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 6] },
    { id: 2, callFrame: frame('handler', 'file:///srv/node_modules/express/lib/app.js'), children: [3] },
    { id: 3, callFrame: frame('recurse', 'file:///srv/app.js'), children: [4] },
    { id: 4, callFrame: frame('recurse', 'file:///srv/app.js'), children: [5] },
    { id: 5, callFrame: frame('leaf', 'file:///srv/app.js') },
    { id: 6, callFrame: frame('(idle)') },
  ],
  samples: [6, 6, 5, 5, 4, 3, 2, 6],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('bench profile summary', () => {
  it('when a function recurses, then its inclusive time counts each sample once and idle time is left out', () => {
    const { frames, busy } = topFrames(profile);
    const of = (name: string) => frames.find((f) => f.name.startsWith(`${name} `) || f.name === name)!;
    expect(busy).to.equal(5000);
    expect(of('recurse')).to.include({ self: 2000, inclusive: 4000 });
    expect(of('handler')).to.include({ self: 1000, inclusive: 5000 });
    expect(of('leaf')).to.include({ self: 2000, inclusive: 2000 });
    expect(of('handler').name).to.equal('handler express:lib/app.js:1');
  });

  it('when the start-up is skipped, then only samples from that time on count', () => {
    const { frames, busy } = topFrames(profile, 0.0045);
    expect(busy).to.equal(3000);
    expect(frames.find((f) => f.name.startsWith('leaf '))).to.include({ self: 0, inclusive: 0 });
  });

  it('when the ticks come unevenly (a preempted profiler), then each sample weighs the time until the next one', () => {
    const late = { ...profile, timeDeltas: [1000, 1000, 1000, 9000, 1000, 1000, 1000, 1000] };
    const { frames, busy } = topFrames(late);
    expect(busy).to.equal(13000);
    expect(frames.find((f) => f.name.startsWith('leaf '))).to.include({ self: 10000 });
  });
});
