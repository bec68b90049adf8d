import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ProjectFile {
  name: string;
  config: Record<string, { default?: unknown; value?: unknown }>;
}

/**
 * Plain config as the CLI would pass it to the program: the project's defaults and values from
 * Pulumi.yaml, then Pulumi.<stack>.yaml, then `overrides`; keys are namespaced (`project:key`).
 * Secrets stay as their encrypted form; only their presence matters to readers of this.
 */
export function stackConfig(root: string, stack: string, overrides: Record<string, unknown> = {}): Record<string, string> {
  const project = parse(readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8')) as ProjectFile;
  const stackFile = parse(readFileSync(path.join(root, `Pulumi.${stack}.yaml`), 'utf8')) as { config?: Record<string, unknown> } | null;
  const merged: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(project.config)) {
    const value = spec.value ?? spec.default;
    if (value !== undefined) merged[key.includes(':') ? key : `${project.name}:${key}`] = value;
  }
  Object.assign(merged, stackFile?.config ?? {}, overrides);
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
