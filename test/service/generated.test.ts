import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { completeSpecFile, exemplifyEnumParameters, typeNullableRefs } from '../../service/spec';

type MediaType = {
  schema?: { format?: string; properties?: Record<string, { example?: unknown; format?: string }> };
  example?: unknown;
  examples?: object;
};
type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; example?: unknown; examples?: object }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
};

const committedOperations = (): Operation[] => {
  const spec = JSON.parse(fs.readFileSync('service/generated/openapi.json', 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.values(spec.paths).flatMap((path) => Object.values(path));
};
const hasExample = (media: MediaType) => media.example !== undefined || media.examples !== undefined;
/** File bytes (a download, an uploaded file) have no example worth showing. */
const isFile = (schema: { format?: string } | undefined) => schema?.format === 'binary' || schema?.format === 'byte';
const isFileDownload = (media: MediaType) =>
  isFile(media.schema) || ((media.schema as { anyOf?: { format?: string }[] } | undefined)?.anyOf ?? []).some(isFile);

describe('generated files', function () {
  this.timeout(120_000);

  it('when tsoa regenerates the routes and the OpenAPI spec, then they equal what is committed', () => {
    // A sibling of service/generated, so the relative imports tsoa writes come out the same.
    const out = fs.mkdtempSync(path.join('service', '.tsoa-check-'));
    try {
      const config = JSON.parse(fs.readFileSync('service/tsoa.json', 'utf8'));
      config.spec.outputDirectory = out;
      config.routes.routesDir = out;
      const configFile = path.join(out, 'tsoa.json');
      fs.writeFileSync(configFile, JSON.stringify(config));
      execFileSync(process.execPath, [require.resolve('tsoa/dist/cli.js'), 'spec-and-routes', '-c', configFile], { stdio: 'pipe' });
      completeSpecFile(path.join(out, 'openapi.json'));
      for (const file of ['openapi.json', 'routes.ts']) {
        const fresh = fs.readFileSync(path.join(out, file), 'utf8');
        const committed = fs.readFileSync(path.join('service/generated', file), 'utf8');
        expect(fresh, `${file} is stale: run make generate`).to.equal(committed);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('when tsoa writes a nullable reference without a type, then it gets the type of the schema it names, aliases followed', () => {
    const spec = typeNullableRefs({
      components: {
        schemas: {
          Decision: { type: 'string', enum: ['verified', 'review'] },
          Alias: { allOf: [{ $ref: '#/components/schemas/Decision' }] },
          Info: { properties: { code: { type: 'string' } } },
          View: {
            properties: {
              decision: { allOf: [{ $ref: '#/components/schemas/Alias' }], nullable: true },
              error: { allOf: [{ $ref: '#/components/schemas/Info' }], nullable: true },
              required: { allOf: [{ $ref: '#/components/schemas/Info' }] },
            },
          },
        },
      },
    });
    const view = spec.components.schemas.View.properties;
    expect(view.decision).to.deep.equal({ allOf: [{ $ref: '#/components/schemas/Alias' }], nullable: true, type: 'string' });
    expect(view.error).to.include({ type: 'object', nullable: true });
    expect(view.required).to.not.have.property('type');
  });

  it('when the committed spec is read, then every operation has a summary, a description and an example of each success body', () => {
    const missing = committedOperations().flatMap((op) => {
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      const bodies = success.flatMap(([status, response]) =>
        Object.entries(response.content ?? {}).map(([type, media]) => ({ where: `${status} ${type}`, media })),
      );
      return [
        ...(op.summary ? [] : [`${op.operationId}: summary`]),
        ...(op.description ? [] : [`${op.operationId}: description`]),
        ...bodies
          .filter(({ media }) => !hasExample(media) && !isFileDownload(media))
          .map(({ where }) => `${op.operationId}: example of ${where}`),
      ];
    });
    expect(missing).to.deep.equal([]);
  });

  it('when the committed spec is read, then every parameter and every request body has an example', () => {
    const missing = committedOperations().flatMap((op) => [
      ...(op.parameters ?? [])
        .filter((p) => p.example === undefined && p.examples === undefined)
        .map((p) => `${op.operationId}: ${p.name}`),
      ...Object.entries(op.requestBody?.content ?? {}).flatMap(([type, media]) => {
        if (type !== 'multipart/form-data') return hasExample(media) ? [] : [`${op.operationId}: ${type} body`];
        const fields = Object.entries(media.schema?.properties ?? {}).filter(([, field]) => !isFile(field) && field.example === undefined);
        return fields.map(([name]) => `${op.operationId}: form field ${name}`);
      }),
    ]);
    expect(missing).to.deep.equal([]);
  });

  it('when a parameter names an enum and has no example, then it gets the first value of the enum, and a given example stays', () => {
    const spec = exemplifyEnumParameters({
      components: { schemas: { Decision: { type: 'string', enum: ['verified', 'review'] } } },
      paths: {
        '/documents': {
          get: {
            parameters: [
              { name: 'decision', schema: { $ref: '#/components/schemas/Decision' } },
              { name: 'given', schema: { $ref: '#/components/schemas/Decision' }, example: 'review' },
            ],
          },
        },
      },
    });
    const [decision, given] = spec.paths['/documents'].get.parameters;
    expect(decision).to.have.property('example', 'verified');
    expect(given).to.have.property('example', 'review');
  });
});
