import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

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
      for (const file of ['openapi.json', 'routes.ts']) {
        const fresh = fs.readFileSync(path.join(out, file), 'utf8');
        const committed = fs.readFileSync(path.join('service/generated', file), 'utf8');
        expect(fresh, `${file} is stale: run make generate`).to.equal(committed);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
