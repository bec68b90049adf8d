import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEPLOYED_APP, startFlags } from '../../bench/processes';

describe('bench processes: the app as deployed', () => {
  it("when the Dockerfile's start command carries node flags, then they are read from its last exec-form CMD only", () => {
    const dockerfile = [
      'FROM node:24',
      'HEALTHCHECK --interval=30s \\',
      '  CMD ["node", "-e", "process.exit(0)"]',
      'CMD ["node", "--single-threaded-gc", "--max-semi-space-size=16", "dist/service/server.js"]',
    ].join('\n');
    expect(startFlags(dockerfile)).to.deep.equal(['--single-threaded-gc', '--max-semi-space-size=16']);
  });

  it('when the Dockerfile has no exec-form CMD, then reading its flags fails with a clear error', () => {
    expect(() => startFlags('FROM node:24\nCMD node server.js')).to.throw('the Dockerfile has no CMD in exec form');
  });

  it("when the bench starts the app as deployed, then it runs with the image's node flags", () => {
    const dockerfile = readFileSync(path.resolve(__dirname, '../../service/Dockerfile'), 'utf8');
    expect(DEPLOYED_APP.nodeArgs).to.deep.equal(startFlags(dockerfile)).and.to.include('--single-threaded-gc');
  });
});
