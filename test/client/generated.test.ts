import { expect } from 'chai';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_PATH, SPEC_PATH, writeSchema } from '../../client/scripts/generate';

describe('generated client types', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-client-'));
  });
  after(async () => fs.rm(dir, { recursive: true, force: true }));

  it('when the types are regenerated from the committed spec, then they equal the committed client (else run make client)', async () => {
    const fresh = await fs.readFile(await writeSchema(path.join(dir, 'schema.ts')), 'utf8');
    const committed = await fs.readFile(SCHEMA_PATH, 'utf8');
    expect(
      committed === fresh,
      'client/src/generated/schema.ts is stale against service/generated/openapi.json: run `make client` and commit the result',
    ).to.equal(true);
  });

  it('when the spec gains an endpoint, then the regenerated types differ from the committed ones', async () => {
    const spec = JSON.parse(await fs.readFile(SPEC_PATH, 'utf8'));
    spec.paths['/api/v1/extra'] = { get: { operationId: 'Extra', responses: { 200: { description: 'Ok' } } } };
    const changedSpec = path.join(dir, 'openapi.json');
    await fs.writeFile(changedSpec, JSON.stringify(spec));
    const regenerated = await fs.readFile(await writeSchema(path.join(dir, 'changed.ts'), changedSpec), 'utf8');
    expect(regenerated).to.contain('"/api/v1/extra"');
    expect(regenerated).to.not.equal(await fs.readFile(SCHEMA_PATH, 'utf8'));
  });

  it('when a multipart upload is typed, then its file part is a Blob, so a browser File can be passed', async () => {
    const committed = await fs.readFile(SCHEMA_PATH, 'utf8');
    expect(committed).to.match(/"multipart\/form-data": \{[^}]*file\?: Blob;/s);
  });
});
