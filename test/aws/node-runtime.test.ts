import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

describe('Node 24 from laptop to Lambda: the test process', () => {
  it('when the suite runs, then it runs on Node 24, the major of the node package the project pins and puts first on the PATH', () => {
    expect(major(process.versions.node)).to.equal(24);
    expect(major(process.versions.node)).to.equal(major(manifest.devDependencies.node ?? ''));
  });
});
