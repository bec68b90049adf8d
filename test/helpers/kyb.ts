import { execFile } from 'node:child_process';
import path from 'node:path';
import type { TestApp } from './app';

const ROOT = path.resolve(__dirname, '..', '..');

export interface KybRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `kyb <args>` from the sources, against the test app's database and data folder. */
export function kybAgainst(t: TestApp, ...args: string[]): Promise<KybRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'cli/index.ts'), ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.config.DATABASE_URL, DATA_DIR: t.dataDir },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
