import fs from 'node:fs';

type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** The type of a named schema, following the aliases tsoa writes as a single-entry allOf. */
function typeOf(schemas: Json, ref: string, seen = new Set<string>()): string | undefined {
  const name = ref.replace('#/components/schemas/', '');
  const target = schemas[name];
  if (!isObject(target) || seen.has(name)) return undefined;
  seen.add(name);
  if (typeof target.type === 'string') return target.type;
  if (isObject(target.properties)) return 'object';
  const [only] = Array.isArray(target.allOf) ? target.allOf : [];
  return isObject(only) && typeof only.$ref === 'string' ? typeOf(schemas, only.$ref, seen) : undefined;
}

/**
 * tsoa writes `X | null`, for a named X, as `{ allOf: [{ $ref: X }], nullable: true }`; OpenAPI 3.0
 * reads `nullable` only beside a `type` (Redocly's nullable-type-sibling), so each such schema gets
 * the type of the schema it names. Nothing else changes, and the client's types stay `X | null`.
 */
export function typeNullableRefs<T>(spec: T): T {
  const schemas = isObject(spec) && isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    const [only] = Array.isArray(node.allOf) ? node.allOf : [];
    if (node.nullable === true && node.type === undefined && isObject(only) && typeof only.$ref === 'string') {
      const type = typeOf(schemas, only.$ref);
      if (type) node.type = type;
    }
    Object.values(node).forEach(visit);
  };
  visit(spec);
  return spec;
}

/** Rewrites a spec file in place, keeping tsoa's layout (tabs, no final newline). */
export function completeSpecFile(file: string): void {
  const spec = typeNullableRefs(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown);
  fs.writeFileSync(file, JSON.stringify(spec, null, '\t'));
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) completeSpecFile(file);
}
