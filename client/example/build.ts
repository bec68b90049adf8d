import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/** Where `make client` writes the page's script, and where the router looks for it when esbuild is absent. */
export const BUNDLE_PATH = path.join(__dirname, 'dist', 'app.js');

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

/** The page's script (client included) bundled for the browser, in memory. */
export async function bundleExample(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...options, outfile: BUNDLE_PATH, write: false });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('esbuild produced no output for the example page');
  return output.text;
}

/** Writes the bundle to BUNDLE_PATH and returns that path. */
export async function writeExampleBundle(): Promise<string> {
  const esbuild = await import('esbuild');
  await esbuild.build({ ...options, outfile: BUNDLE_PATH, write: true });
  return BUNDLE_PATH;
}
