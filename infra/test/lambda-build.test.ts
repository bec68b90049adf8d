import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  hostMatchesLambda,
  lambdaZipProblems,
  REQUIRED_FILES,
  targetInstallArgs,
  unzipInto,
  zipEntries,
  zipFolder,
} from '../../scripts/build-lambda';

describe('infra: the Lambda artefact, built on any machine', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kyb-lambda-build-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A package folder with every file the function loads at run time, and a handler. */
  function fakePackage(): string {
    const dir = path.join(tmp, 'package');
    for (const file of REQUIRED_FILES) {
      const target = path.join(dir, file === 'lambda.js' || path.extname(file) ? file : path.join(file, 'placeholder'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, 'x');
    }
    fs.writeFileSync(path.join(dir, 'lambda.js'), 'exports.handler = async () => ({ batchItemFailures: [] });');
    return dir;
  }

  it('when a package folder is zipped in Node, then the zip lists every file, unpacks to the same bytes and its handler loads', () => {
    const zip = path.join(tmp, 'worker.zip');
    zipFolder(fakePackage(), zip);
    expect(zipEntries(zip)).to.include.members(['lambda.js', 'node_modules/pdfjs-dist/legacy/build/pdf.mjs']);
    expect(lambdaZipProblems(zip)).to.deep.equal([]);
    const task = path.join(tmp, 'task');
    unzipInto(zip, task);
    const loaded = execFileSync(process.execPath, ['-e', "process.stdout.write(typeof require('./lambda.js').handler)"], {
      cwd: task,
      encoding: 'utf8',
    });
    expect(loaded).to.equal('function');
  });

  it('when the same folder is zipped twice, then the zips are byte for byte equal (no change for Pulumi to deploy)', () => {
    const dir = fakePackage();
    zipFolder(dir, path.join(tmp, 'a.zip'));
    zipFolder(dir, path.join(tmp, 'b.zip'));
    expect(fs.readFileSync(path.join(tmp, 'a.zip')).equals(fs.readFileSync(path.join(tmp, 'b.zip')))).to.equal(true);
  });

  it('when the zip is missing or lacks the linux-x64 sharp binary, then the check names it', () => {
    expect(lambdaZipProblems(path.join(tmp, 'absent.zip'))[0]).to.match(/does not exist: run make build-lambda$/);
    const dir = fakePackage();
    fs.rmSync(path.join(dir, 'node_modules', '@img', 'sharp-linux-x64'), { recursive: true });
    zipFolder(dir, path.join(tmp, 'worker.zip'));
    expect(lambdaZipProblems(path.join(tmp, 'worker.zip'))).to.deep.equal(['the zip lacks node_modules/@img/sharp-linux-x64/lib']);
  });

  it('when the build runs on macOS, Windows, arm64 or musl, then it installs the linux-x64 glibc builds with npm, same versions', () => {
    expect(hostMatchesLambda({ os: 'linux', cpu: 'x64', libc: 'glibc' })).to.equal(true);
    for (const host of [
      { os: 'darwin', cpu: 'arm64' },
      { os: 'win32', cpu: 'x64' },
      { os: 'linux', cpu: 'arm64', libc: 'glibc' },
      { os: 'linux', cpu: 'x64', libc: 'musl' },
    ])
      expect(hostMatchesLambda(host), JSON.stringify(host)).to.equal(false);
    const args = targetInstallArgs({ sharp: '0.35.5', '@napi-rs/canvas': '0.1.100' });
    expect(args).to.include.members(['install', '--os=linux', '--cpu=x64', '--libc=glibc', 'sharp@0.35.5', '@napi-rs/canvas@0.1.100']);
  });
});
