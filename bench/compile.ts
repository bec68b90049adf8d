import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './processes';

/** Inside the project, so packages left out of a bundle resolve from its node_modules. */
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'kyb-bench');

/**
 * Compiles a bench child to one CommonJS file run by plain node, as deployed code runs: no
 * TypeScript loader in the measured process. `external` lists packages to leave out of the
 * bundle, or 'all' to load every package from node_modules as compiled code would.
 */
export async function compileChild(entry: string, external: string[] | 'all'): Promise<string> {
  const outfile = path.join(OUT_DIR, `${path.basename(entry, path.extname(entry))}.cjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    ...(external === 'all' ? { packages: 'external' as const } : { external }),
    keepNames: true,
    logLevel: 'error',
    logOverride: { 'empty-import-meta': 'silent', 'require-resolve-not-external': 'silent' },
  });
  return path.relative(ROOT, outfile);
}
