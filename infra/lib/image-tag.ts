import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What service/Dockerfile copies into the image (the `!` lines of /.dockerignore): the files whose
 * contents decide the image. A test keeps this list and .dockerignore in step.
 */
export const IMAGE_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'service', 'worker', 'client'];
/** Inside the inputs, what .dockerignore leaves out again (the Dockerfile itself is hashed: it shapes the image). */
const EXCLUDED = /(^|\/)node_modules(\/|$)|^client\/example\/dist(\/|$)|\.test\.ts$|(^|\/)\.DS_Store$/;

function filesUnder(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/**
 * A tag that names the image's contents: the same sources give the same tag (nothing is pushed
 * again), changed sources a new one, so the repository can stay IMMUTABLE.
 */
export function contentTag(root: string, inputs: readonly string[] = IMAGE_INPUTS): string {
  const hash = createHash('sha256');
  const files = inputs
    .flatMap((entry) => filesUnder(root, entry))
    .filter((f) => !EXCLUDED.test(f))
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return `src-${hash.digest('hex').slice(0, 24)}`;
}
