import fs from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Names that are never documents: hidden files and the fixture generator's manifest. */
const SKIP = (name: string) => name.startsWith('.') || name === 'manifest.json';

/** What `-` stands for: one path per line, as `find` or `ls` print them. */
export type ReadList = () => Promise<string>;

export const readStdin: ReadList = async () => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !SKIP(e.name))
    .map((e) => path.resolve(e.parentPath, e.name))
    .sort();
}

/** One argument as given: a file, a folder (searched recursively), or a pattern the shell left unexpanded (quoted). */
async function expand(target: string): Promise<string[]> {
  const stat = await fs.stat(target).catch(() => undefined);
  if (stat?.isFile()) return [path.resolve(target)];
  if (stat?.isDirectory()) return filesUnder(target);
  if (isDynamicPattern(target)) {
    const matches = await glob(target, { absolute: true, onlyFiles: true, dot: false, expandDirectories: false });
    return matches.filter((file) => !SKIP(path.basename(file))).sort();
  }
  throw new Error(`No such file or folder: ${target}`);
}

/**
 * Every document the arguments name, in the order given, each once. `-` reads more arguments from
 * standard input, so `find . -name '*.pdf' | kyb verify -` works as well as `kyb verify statements/*.pdf`.
 */
export async function listDocuments(targets: string[], readList: ReadList = readStdin): Promise<string[]> {
  const expanded: string[] = [];
  for (const target of targets) {
    if (target !== '-') {
      expanded.push(...(await expand(target)));
      continue;
    }
    const lines = (await readList())
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    for (const line of lines) expanded.push(...(await expand(line)));
  }
  return [...new Set(expanded)];
}
