import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { promisify } from 'node:util';
import { testDatabaseUrl } from '../helpers/database';
import { serviceBuild } from './helpers/built';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join('dist', 'service', 'server.js');

/** Resolves with the health URL the server prints once it listens. */
function healthUrlOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Health\s+(http:\/\/\S+\/health)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`the compiled server exited with ${code}: ${err || out}`)));
  });
}

/** The version of the Node binary a running process was started from (Linux: its /proc entry). */
async function nodeVersionOf(child: ChildProcess): Promise<string> {
  const binary = fs.readlinkSync(`/proc/${child.pid}/exe`);
  const { stdout } = await promisify(execFile)(binary, ['--version']);
  return stdout.trim();
}

describe('compiled service (make build → node dist/service/server.js)', function () {
  this.timeout(180_000);
  let child: ChildProcess | undefined;
  let dataDir: string;

  before(async () => {
    await serviceBuild();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyb-built-service-'));
  });
  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the compiled server starts with plain node, then it runs on Node 24, /health answers ok and the example page is served', async () => {
    // `node` from the PATH, as the image and `make` run it: under make that is the project's Node 24.
    child = spawn('node', [SERVER], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        DATABASE_URL: await testDatabaseUrl(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const health = await healthUrlOf(child);
    expect(await nodeVersionOf(child)).to.match(/^v24\./);
    const res = await fetch(health);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: 'ok' });
    const page = await fetch(health.replace(/\/health$/, '/app/'));
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
  });
});
