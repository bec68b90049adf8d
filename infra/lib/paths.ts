import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * A repository path relative to the working directory Pulumi runs in, so state does not record
 * one machine's absolute checkout path.
 */
export function repoPath(...segments: string[]): string {
  return path.relative(process.cwd(), path.join(REPO_ROOT, ...segments)) || '.';
}
