import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { completeSpecFile, typeNullableRefs } from '../../service/spec';

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
});
