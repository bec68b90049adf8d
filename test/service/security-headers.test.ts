import { expect } from 'chai';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import supertest from 'supertest';
import { helmetOptions, securityHeaders } from '../../service/http/security-headers';

/** The headers an app with only this middleware answers with, less those every answer varies in. */
async function headersFrom(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => void res.json({ ok: true }));
  const { headers } = await supertest(app).get('/');
  const { date: _date, etag: _etag, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers as Record<string, string>;
  return rest;
}

describe('security headers', () => {
  for (const production of [true, false]) {
    it(`when any route answers (production ${production}), then it carries exactly helmet's headers and values, with no X-Powered-By`, async () => {
      const ours = await headersFrom(securityHeaders(production));
      expect(ours).to.deep.equal(await headersFrom(helmet(helmetOptions(production))));
      expect(ours['content-security-policy']).to.contain("default-src 'self'");
      expect(ours['strict-transport-security']).to.match(/^max-age=\d+/);
      expect(ours).to.not.have.property('x-powered-by');
      expect(ours['content-security-policy']?.includes('upgrade-insecure-requests')).to.equal(production);
    });
  }
});
