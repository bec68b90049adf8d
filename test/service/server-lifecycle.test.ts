import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { expect } from 'chai';
import { textPdf } from '../helpers/pdf';
import { pollUntil } from '../helpers/poll';
import { scratchDir } from '../helpers/scratch';

interface DevServer {
  child: ChildProcess;
  url: string;
  key: string;
  exited: Promise<number | null>;
}

/** Starts `service/server.ts` as `make dev` does, in its own process, on a free port. */
async function startDevServer(dataDir: string): Promise<DevServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/server.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      DATABASE_URL: '',
      DEV_API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let out = '';
  const announced = new Promise<{ url: string; key: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /API\s+(http:\/\/\S+)\/api\/v1/.exec(out)?.[1];
      const key = /API key\s+(\S+)/.exec(out)?.[1];
      if (url && key) {
        clearTimeout(timer);
        resolve({ url, key });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => reject(new Error(`server exited early: ${out}`)));
  });
  try {
    return { child, exited, ...(await announced) };
  } catch (error) {
    // A server too slow to announce itself is stopped here: the suite's clean-up knows only servers that started.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    throw error;
  }
}

function postgresProcessesFor(dataDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(dataDir) && /postgres/.test(line));
}

describe('dev server lifecycle', function () {
  this.timeout(120_000);
  let dataDir: string;
  const started: DevServer[] = [];
  const start = async () => {
    const server = await startDevServer(dataDir);
    started.push(server);
    return server;
  };
  before(async () => {
    dataDir = await scratchDir('kyb-dev-');
  });
  // A failed assertion must not leave a server (and its embedded Postgres) running past the suite.
  after(async () => {
    for (const server of started.filter((s) => s.child.exitCode === null && s.child.signalCode === null)) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('when the dev server is stopped with SIGINT and started again, then it exits 0, leaves no postgres behind, and still serves earlier documents with the same key', async () => {
    const first = await start();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await textPdf([['Kept across restarts']]))]), 'kept.pdf');
    const up = await fetch(`${first.url}/api/v1/documents/upload`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${first.key}` },
    });
    expect(up.status).to.equal(202);
    const { document_id } = (await up.json()) as { document_id: string };
    // Polled up to a deadline well inside the test's timeout: a cold dev server on a busy machine may take tens of seconds.
    const status = await pollUntil(
      async () => {
        const doc = await fetch(`${first.url}/api/v1/documents/${document_id}`, { headers: { Authorization: `Bearer ${first.key}` } });
        return ((await doc.json()) as { status: string }).status;
      },
      (s) => s === 'completed',
      { timeoutMs: 60_000, everyMs: 100 },
    );
    expect(status).to.equal('completed');

    first.child.kill('SIGINT');
    expect(await first.exited).to.equal(0);
    expect(postgresProcessesFor(dataDir)).to.deep.equal([]);

    const second = await start();
    try {
      expect(second.key).to.equal(first.key);
      const doc = await fetch(`${second.url}/api/v1/documents/${document_id}`, { headers: { Authorization: `Bearer ${second.key}` } });
      expect(doc.status).to.equal(200);
      const body = (await doc.json()) as { status: string; text: string };
      expect(body.status).to.equal('completed');
      expect(body.text).to.contain('Kept across restarts');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).to.equal(0);
    }
    expect(postgresProcessesFor(dataDir)).to.deep.equal([]);
  });
});
