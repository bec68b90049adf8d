import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { generateDocument } from '../../fixtures';
import { serviceBuild } from '../aws/helpers/built';
import { testDatabaseUrl } from '../helpers/database';
import { readmeCommands } from './commands';
import { scratchDir } from '../helpers/scratch';

const ROOT = path.resolve(__dirname, '..', '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const COMMANDS = readmeCommands(README);

/** Commands the README shows that cannot run on a machine without an AWS account and the Pulumi CLI, or that are this suite. */
const NOT_HERE: Array<[RegExp, string]> = [
  [/^make test$/, 'it is the command running this test'],
  [/^pulumi /, 'needs the Pulumi CLI and an AWS account'],
  [/^make deploy /, 'needs the Pulumi CLI and an AWS account'],
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one README command in bash, from the project folder, as a reader would paste it. */
function bash(command: string, env: NodeJS.ProcessEnv, timeout = 180_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd: ROOT, env, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `make dev` in a pseudo-terminal (util-linux `script`), as a person runs it, in its own process group. */
function startMakeDevInTerminal(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn('script', ['-qfec', 'make dev', '/dev/null'], { cwd: ROOT, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { child, output: () => out };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen in ${timeoutMs} ms: ${describe()}`);
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

describe('README commands', function () {
  this.timeout(300_000);
  let work: string;
  let env: NodeJS.ProcessEnv;
  const ran = new Set<string>();
  const command = (pattern: RegExp): string => {
    const found = COMMANDS.find((c) => pattern.test(c));
    if (!found) throw new Error(`README.md no longer shows a command matching ${pattern}`);
    ran.add(found);
    return found;
  };

  before(async () => {
    work = await scratchDir('kyb-readme-');
    env = {
      PATH: process.env.PATH,
      HOME: work,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: await testDatabaseUrl(),
      DATA_DIR: path.join(work, 'data'),
      npm_config_prefix: path.join(work, 'global'),
      npm_config_update_notifier: 'false',
    };
  });
  after(async () => fs.rm(work, { recursive: true, force: true }));

  it('when the README is parsed, then it shows the two commands first and at least the CLI and deploy commands', () => {
    expect(COMMANDS.slice(0, 2)).to.deep.equal(['make dev', 'make test']);
    expect(readmeCommands('```sh\nmake x \\\n  --flag   # note\n# only a comment\n```\n')).to.deep.equal(['make x --flag']);
  });

  it('when make dev runs in a terminal, then it prints readable log lines and the curl commands upload, follow and read a document', async () => {
    const dev = startMakeDevInTerminal({ ...env, PORT: '0', HOST: '127.0.0.1', TERM: 'xterm' });
    ran.add(command(/^make dev$/));
    try {
      const url = await waitFor(
        'the API URL',
        () => /API\s+(http:\/\/\S+)\/api\/v1/.exec(stripAnsi(dev.output()))?.[1],
        90_000,
        dev.output,
      );
      const certificate = await generateDocument({ type: 'certificate_of_incorporation', rendering: 'text_pdf', seed: 7 });
      await fs.writeFile(path.join(work, 'certificate.pdf'), certificate.bytes);
      const local = (c: string) =>
        c
          .replaceAll('.data/', `${env.DATA_DIR}/`)
          .replaceAll('http://localhost:8000', url)
          .replaceAll('@certificate.pdf', `@${path.join(work, 'certificate.pdf')}`);
      const key = `${local(command(/^KEY=\$\(cat \.data\/dev-api-key\)$/))}; `;
      const upload = await bash(key + local(command(/^curl .*documents\/upload$/)), env);
      expect(upload.code, upload.stderr).to.equal(0);
      const accepted = JSON.parse(upload.stdout) as { document_id: string; task_id: string; status: string };
      expect(accepted.status).to.equal('queued');
      const progress = await bash(
        `${key}${local(command(/^curl -N .*progress\/<task_id>$/)).replace('<task_id>', accepted.task_id)} --max-time 60`,
        env,
      );
      expect(progress.stdout).to.match(/"state":"completed"/);
      const view = await bash(
        key + local(command(/^curl .*documents\/<document_id>$/)).replace('<document_id>', accepted.document_id),
        env,
      );
      expect(JSON.parse(view.stdout)).to.include({ document_id: accepted.document_id, status: 'completed' });

      const lines = stripAnsi(dev.output()).split(/\r?\n/);
      const upLine = lines.find((l) => l.includes('POST /api/v1/documents/upload 202'));
      expect(upLine, 'a request line a person can read').to.match(
        /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/api\/v1\/documents\/upload 202 \d+ ms /,
      );
      expect(
        lines.filter((l) => l.trimStart().startsWith('{"level"')),
        'no raw JSON lines on a terminal',
      ).to.deep.equal([]);
    } finally {
      process.kill(-dev.child.pid!, 'SIGTERM');
      await new Promise((resolve) => (dev.child.exitCode === null ? dev.child.once('exit', resolve) : resolve(null)));
    }
  });

  it('when make verify and make kyb run as shown, then they report on the documents and list the verbs', async () => {
    const docs = path.join(work, 'docs');
    await fs.mkdir(docs, { recursive: true });
    const doc = await generateDocument({ type: 'certificate_of_incorporation', rendering: 'text_pdf', seed: 8 });
    await fs.writeFile(path.join(docs, doc.filename), doc.bytes);
    const verify = await bash(
      command(/^make verify FILE=docs\//)
        .replace('FILE=docs/', `FILE=${docs}/`)
        .replace('out.csv', path.join(work, 'out.csv')),
      env,
    );
    // make itself exits 2 when the command does not exit 0; the CLI's own code is in its last line's counts.
    expect(verify.stdout, verify.stderr).to.match(/^1 documents: [01] verified, [01] not verified, 0 errors$/m);
    expect((await fs.readFile(path.join(work, 'out.csv'), 'utf8')).trim().split('\r\n')).to.have.length(2);
    const help = await bash(command(/^make kyb ARGS=--help$/), env);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.include('verify').and.include('api-key').and.include('redrive');
  });

  it('when make build then npx kyb and npm install -g . run as shown, then both put a working kyb in reach', async () => {
    await serviceBuild();
    const statements = path.join(work, 'statements');
    await fs.mkdir(statements, { recursive: true });
    for (const seed of [9, 10]) {
      const doc = await generateDocument({ type: 'bank_statement', rendering: 'text_pdf', seed });
      await fs.writeFile(path.join(statements, `statement-${seed}.pdf`), doc.bytes);
    }
    const png = await generateDocument({ type: 'certificate_of_incorporation', rendering: 'scan_image', seed: 11 });
    await fs.writeFile(path.join(work, 'certificate.jpg'), png.bytes);
    const npx = await bash(
      command(/^make build && npx kyb verify /)
        .replace('make build && ', 'make -o install build >/dev/null && ')
        .replace('statements/', `${statements}/`)
        .replace('certificate.jpg', path.join(work, 'certificate.jpg')),
      env,
    );
    expect(npx.code, npx.stderr + npx.stdout).to.be.oneOf([0, 1]);
    expect(npx.stdout.trim().split('\n').at(-1)).to.match(/^3 documents: /);
    const global = await bash(
      command(/^npm install -g \. && kyb --help$/).replace('kyb --help', `"$npm_config_prefix/bin/kyb" --help`),
      env,
    );
    expect(global.code, global.stderr).to.equal(0);
    expect(global.stdout).to.match(/^Usage: kyb /m);
  });

  it('when every README command is accounted for, then each one either ran above or says why it cannot run here', () => {
    const unaccounted = COMMANDS.filter((c) => !ran.has(c) && !NOT_HERE.some(([pattern]) => pattern.test(c)));
    expect(unaccounted).to.deep.equal([]);
  });

  it('when the README names a make target, then make help lists it', () => {
    const help = stripAnsi(execFileSync('make', ['--no-print-directory', 'help'], { cwd: ROOT, encoding: 'utf8' }));
    const targets = new Set(help.split('\n').map((line) => /^\s+([a-z][\w-]*)\s/.exec(line)?.[1]));
    const named = new Set([...README.matchAll(/`make ([a-z][\w-]*)/g)].map((m) => m[1]));
    expect([...named].filter((t) => !targets.has(t))).to.deep.equal([]);
  });
});
