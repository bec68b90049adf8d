import path from 'node:path';
import { expect } from 'chai';
import { ESLint } from 'eslint';
import madge from 'madge';

const ROOT = path.resolve(__dirname, '../..');

/** The import graph of the shipped code, file by file; type-only imports count, since they couple folders too. */
async function importGraph(skipTypeImports: boolean): Promise<Record<string, string[]>> {
  const result = await madge(['worker', 'service', 'cli'], {
    baseDir: ROOT,
    fileExtensions: ['ts'],
    tsConfig: path.join(ROOT, 'tsconfig.json'),
    excludeRegExp: [/generated\//, /node_modules/],
    detectiveOptions: { ts: { skipTypeImports }, tsx: { skipTypeImports } },
  });
  return result.obj();
}

const folderOf = (file: string) => path.dirname(file);

/** Cycles in the folder graph: a folder that, through others, imports itself. */
function folderCycles(files: Record<string, string[]>): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const [file, imports] of Object.entries(files)) {
    for (const target of imports) {
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (folder: string) => {
    state.set(folder, 'open');
    stack.push(folder);
    for (const next of edges.get(folder) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(folder, 'done');
  };
  for (const folder of edges.keys()) if (!state.has(folder)) visit(folder);
  return cycles;
}

describe('import structure', function () {
  this.timeout(120_000);
  let withTypes: Record<string, string[]>;

  before(async () => {
    withTypes = await importGraph(false);
  });

  it('when the folders of worker/, service/ and cli/ are read as a graph, then no folder imports itself through others', () => {
    expect(folderCycles(withTypes).map((c) => c.join(' → '))).to.deep.equal([]);
  });

  it('when files are read as a graph of what runs, then no file imports itself through others', async () => {
    const running = await madge(['worker', 'service', 'cli'], {
      baseDir: ROOT,
      fileExtensions: ['ts'],
      tsConfig: path.join(ROOT, 'tsconfig.json'),
      excludeRegExp: [/generated\//],
      detectiveOptions: { ts: { skipTypeImports: true } },
    });
    expect(running.circular().map((c) => c.join(' → '))).to.deep.equal([]);
  });

  describe('the lint rule on import paths', () => {
    const eslint = new ESLint({ cwd: ROOT });
    const messages = async (filePath: string, code: string) =>
      (await eslint.lintText(code, { filePath: path.join(ROOT, filePath) }))[0]!.messages.map((m) => m.ruleId);

    it('when service/ or cli/ imports a worker module past its public face, then lint fails', async () => {
      expect(await messages('service/documents/probe.ts', "export { loadConfig } from '../../worker/config';\n")).to.include(
        'no-restricted-imports',
      );
      expect(
        await messages('cli/probe.ts', "export { PostgresDocumentRepository } from '../worker/adapters/postgres/document-repository';\n"),
      ).to.include('no-restricted-imports');
    });

    it('when service/ imports the public face, then lint passes', async () => {
      expect(await messages('service/documents/probe.ts', "export { loadConfig } from '../../worker';\n")).to.deep.equal([]);
    });

    it('when a stage or check imports Sequelize or an adapter, then lint fails', async () => {
      expect(await messages('worker/pipeline/probe.ts', "export { Op } from 'sequelize';\n")).to.include('no-restricted-imports');
      expect(await messages('worker/verification/probe.ts', "export { S3DocumentStore } from '../storage/s3';\n")).to.include(
        'no-restricted-imports',
      );
    });
  });
});
