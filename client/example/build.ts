import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { BUNDLE_PATH } from './paths';

const options: BuildOptions = {
  entryPoints: [path.join(__dirname, 'src', 'main.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** Writes the bundle to BUNDLE_PATH and returns that path. */
export async function writeExampleBundle(): Promise<string> {
  const esbuild = await import('esbuild');
  await esbuild.build({ ...options, outfile: BUNDLE_PATH, write: true });
  return BUNDLE_PATH;
}
