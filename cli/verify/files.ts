import fs from 'node:fs/promises';
import path from 'node:path';

/** Names that are never documents: hidden files and the fixture generator's manifest. */
const SKIP = (name: string) => name.startsWith('.') || name === 'manifest.json';

/** The file itself, or every file under the folder (recursively), in a stable order. */
export async function listDocuments(target: string): Promise<string[]> {
  const stat = await fs.stat(target);
  if (stat.isFile()) return [path.resolve(target)];
  const entries = await fs.readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !SKIP(e.name))
    .map((e) => path.resolve(e.parentPath, e.name))
    .sort();
}
