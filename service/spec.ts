import fs from 'node:fs';
import { uploadFormExample } from './documents/documents.examples';

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

/**
 * tsoa 6 drops the `@example` of a parameter whose schema is a named one (it returns the `$ref`
 * early), so each such parameter naming an enum gets the enum's first value as its example.
 */
export function exemplifyEnumParameters<T>(spec: T): T {
  const schemas = isObject(spec) && isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  const paths = isObject(spec) && isObject(spec.paths) ? Object.values(spec.paths) : [];
  for (const operation of paths.flatMap((path) => (isObject(path) ? Object.values(path) : []))) {
    const parameters: unknown[] = isObject(operation) && Array.isArray(operation.parameters) ? operation.parameters : [];
    for (const parameter of parameters) {
      if (!isObject(parameter) || parameter.example !== undefined || !isObject(parameter.schema)) continue;
      const ref = parameter.schema.$ref;
      const target = typeof ref === 'string' ? schemas[ref.replace('#/components/schemas/', '')] : undefined;
      if (isObject(target) && Array.isArray(target.enum) && target.enum.length > 0) parameter.example = target.enum[0];
    }
  }
  return spec;
}

/** Form fields' examples by operation id: tsoa 6 keeps only the schema of an `@FormField`, never its `@example`. */
const formExamples: Record<string, Json> = { Upload: uploadFormExample };

export function exemplifyFormFields<T>(spec: T): T {
  const paths = isObject(spec) && isObject(spec.paths) ? Object.values(spec.paths) : [];
  for (const operation of paths.flatMap((path) => (isObject(path) ? Object.values(path) : []))) {
    const examples = isObject(operation) && typeof operation.operationId === 'string' ? formExamples[operation.operationId] : undefined;
    const body = isObject(operation) ? operation.requestBody : undefined;
    const form = isObject(body) && isObject(body.content) ? body.content['multipart/form-data'] : undefined;
    const properties = isObject(form) && isObject(form.schema) ? form.schema.properties : undefined;
    if (!examples || !isObject(properties)) continue;
    for (const [field, example] of Object.entries(examples)) {
      const property = properties[field];
      if (isObject(property)) property.example = example;
    }
  }
  return spec;
}

/** Rewrites a spec file in place, keeping tsoa's layout (tabs, no final newline). */
export function completeSpecFile(file: string): void {
  const spec = exemplifyFormFields(exemplifyEnumParameters(typeNullableRefs(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown)));
  fs.writeFileSync(file, JSON.stringify(spec, null, '\t'));
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) completeSpecFile(file);
}
