import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { writeExampleBundle } from '../example/build';
import { writeSchema } from './generate';

const root = path.resolve(__dirname, '..');

/** The package's JavaScript in both module formats; its dependencies stay external for the consumer's bundler. */
async function buildLibrary(): Promise<void> {
  const common: BuildOptions = {
    entryPoints: [path.join(root, 'src', 'index.ts')],
    bundle: true,
    platform: 'neutral',
    target: ['es2022'],
    external: ['openapi-fetch', 'eventsource-parser'],
    sourcemap: true,
    logLevel: 'warning',
  };
  await Promise.all([
    build({ ...common, format: 'esm', outfile: path.join(root, 'dist', 'index.mjs') }),
    build({ ...common, format: 'cjs', outfile: path.join(root, 'dist', 'index.cjs') }),
  ]);
}

async function main(): Promise<void> {
  const schema = await writeSchema();
  process.stdout.write(`types    ${path.relative(process.cwd(), schema)}\n`);
  await buildLibrary();
  process.stdout.write(`library  ${path.relative(process.cwd(), path.join(root, 'dist'))}/index.{mjs,cjs}\n`);
  const page = await writeExampleBundle();
  process.stdout.write(`page     ${path.relative(process.cwd(), page)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
