import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { program } from '../../cli/index';
import { generateDocument } from '../../fixtures';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { ACTIVE, DISSOLVED, fakeRegistryEnv } from '../fakes/registry-data';
import { testDatabaseUrl } from '../helpers/database';
import { scratchDir } from '../helpers/scratch';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = path.resolve(__dirname, '..', '..');

describe('command line: kyb verify on a folder of documents', function () {
  this.timeout(60_000);
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;
  let work: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    [ch, hmrc] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc()]);
    work = await scratchDir('kyb-cli-test-');
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: await testDatabaseUrl(),
      DATA_DIR: path.join(work, 'data'),
      ...fakeRegistryEnv(ch, hmrc),
      REGISTRY_RETRIES: '0',
    };
  });
  after(async () => {
    await Promise.all([ch?.close(), hmrc?.close()]);
    await fs.rm(work, { recursive: true, force: true });
  });

  /** `npx tsx cli/index.ts ...` without npx's own start-up; stdout is a pipe, so not a TTY; `stdin` is piped in when given. */
  const kybWith = (options: { stdin?: string; env?: NodeJS.ProcessEnv }, ...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'cli/index.ts'), ...args],
        { cwd: ROOT, env: options.env ?? env },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
      child.stdin?.end(options.stdin ?? '');
    });
  const kyb = (...args: string[]): Promise<Run> => kybWith({}, ...args);

  async function folder(name: string, docs: { filename: string; bytes: Buffer }[]): Promise<string> {
    const dir = path.join(work, name);
    await fs.mkdir(dir, { recursive: true });
    for (const d of docs) await fs.writeFile(path.join(dir, d.filename), d.bytes);
    return dir;
  }
  const certificate = (company = ACTIVE.company, seed: number) =>
    generateDocument({ type: 'certificate_of_incorporation', rendering: 'text_pdf', seed, company });

  it('when every document is verified, then the exit code is 0 and the JSON report has one verified row per document', async () => {
    const dir = await folder('clean', [await certificate(ACTIVE.company, 101), await certificate(ACTIVE.company, 102)]);
    const out = path.join(work, 'clean.json');
    const run = await kyb('verify', dir, '--company-number', ACTIVE.company.number, '--json', out, '--concurrency', '2');
    expect(run.code, run.stderr + run.stdout).to.equal(0);
    const report = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(report.summary).to.deep.include({ documents: 2, verified: 2, not_verified: 0, errors: 0, exit_code: 0 });
    for (const row of report.documents) {
      expect(row).to.include({ document_type: 'certificate_of_incorporation', decision: 'verified', error: null });
      expect(row.key_fields).to.include({ company_number: ACTIVE.company.number });
      expect(row.failed_checks).to.deep.equal([]);
    }
  });

  it('when one document is of a dissolved company, then the exit code is 1, the CSV names its failed check and each document gets a plain line', async () => {
    const dir = await folder('mixed', [await certificate(ACTIVE.company, 103), await certificate(DISSOLVED.company, 104)]);
    const out = path.join(work, 'mixed.csv');
    const run = await kyb('verify', dir, '--csv', out);
    expect(run.code, run.stderr + run.stdout).to.equal(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => /^\[\d\/2\] /.test(l))).to.have.length(2);
    expect(lines.at(-1)).to.equal('2 documents: 1 verified, 1 not verified, 0 errors');
    const csv = (await fs.readFile(out, 'utf8')).trim().split('\r\n');
    expect(csv[0]).to.equal('file,document_id,document_type,pages,decision,score,key_fields,failed_checks,error_code,error_message');
    const dissolved = csv.find((l) => l.includes('copper-forge'));
    expect(dissolved).to.include('rejected').and.to.include('companies_house.status_active:company_dissolved');
  });

  it('when a file cannot be processed, then the exit code is 2 and its row carries the error code', async () => {
    const broken = await generateDocument({ type: 'utility_bill', rendering: 'truncated_pdf', seed: 105 });
    const dir = await folder('broken', [broken, { filename: 'notes.txt', bytes: Buffer.from('just some notes\n') }]);
    const out = path.join(work, 'broken.json');
    const run = await kyb('verify', dir, '--json', out);
    expect(run.code, run.stderr + run.stdout).to.equal(2);
    const report = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(report.documents.map((r: { error: { code: string } }) => r.error.code).sort()).to.deep.equal([
      'pdf_corrupt',
      'unsupported_type',
    ]);
  });

  it('when several files, a folder and a quoted glob are given, then every document gets exactly one row', async () => {
    const dir = await folder('many', [await certificate(ACTIVE.company, 106), await certificate(ACTIVE.company, 107)]);
    const more = await folder('many-more', [await certificate(ACTIVE.company, 108)]);
    const [first, second] = (await fs.readdir(dir)).sort().map((f) => path.join(dir, f));
    const out = path.join(work, 'many.json');
    const run = await kyb('verify', first!, second!, more, path.join(dir, '*.pdf'), '--json', out);
    expect(run.code, run.stderr + run.stdout).to.equal(0);
    const report = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(report.summary).to.deep.include({ documents: 3, verified: 3 });
    expect(new Set(report.documents.map((r: { file: string }) => r.file)).size).to.equal(3);
  });

  it('when - is given, then the paths on standard input are verified, one row each', async () => {
    const dir = await folder('stdin', [await certificate(ACTIVE.company, 109), await certificate(DISSOLVED.company, 110)]);
    const listed = (await fs.readdir(dir)).map((f) => path.join(dir, f));
    const run = await kybWith({ stdin: `${listed.join('\n')}\n` }, 'verify', '-');
    expect(run.code, run.stderr + run.stdout).to.equal(1);
    expect(run.stdout.trim().split('\n').at(-1)).to.equal('2 documents: 1 verified, 1 not verified, 0 errors');
  });

  it('when a named file does not exist, then the exit code is 2 and the message names it', async () => {
    const run = await kyb('verify', path.join(work, 'nowhere.pdf'));
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include('No such file or folder').and.include('nowhere.pdf');
  });

  it('when no registry is configured, then the document is in review below a full score and its line says why in words', async () => {
    const dir = await folder('unconfigured', [await certificate(ACTIVE.company, 111)]);
    const out = path.join(work, 'unconfigured.json');
    const bare = Object.fromEntries(Object.entries(env).filter(([name]) => !/^(COMPANIES_HOUSE|HMRC)_/.test(name))) as NodeJS.ProcessEnv;
    const run = await kybWith({ env: bare }, 'verify', dir, '--json', out);
    expect(run.code, run.stderr + run.stdout).to.equal(1);
    const [row] = JSON.parse(await fs.readFile(out, 'utf8')).documents;
    expect(row.decision).to.equal('review');
    expect(row.score).to.be.below(100);
    expect(row.reasons.join(' ')).to.include('Companies House is not configured');
    expect(run.stdout).to.include('why: ').and.include('is not configured');
  });

  it('when asked for help, then every verb describes itself', async () => {
    const help = await kyb('verify', '--help');
    expect(help.code).to.equal(0);
    expect(help.stdout)
      .to.match(/^Usage: kyb verify /)
      .and.include('--company-number')
      .and.include('Exit code');
    const verbs = program().commands;
    expect(verbs.map((c) => c.name())).to.deep.equal(['verify', 'serve', 'api-key', 'redrive', 'evidence']);
    for (const verb of verbs) expect(verb.description(), verb.name()).to.have.length.above(20);
  });
});
