import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { corsFor } from '../../service/http/cors';

/** An app with only the CORS this configuration gets, answering one route. */
function appWith(origins: string[]) {
  const app = express();
  const cors = corsFor(origins);
  if (cors) app.use(cors);
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  return supertest(app);
}

describe('CORS', () => {
  it('when no origins are configured, then no middleware is mounted and neither a call nor a preflight carries Access-Control headers', async () => {
    expect(corsFor([])).to.equal(undefined);
    const call = await appWith([]).get('/health').set('Origin', 'https://onboarding.example.com');
    expect(call.status).to.equal(200);
    expect(Object.keys(call.headers).filter((name) => name.startsWith('access-control-'))).to.deep.equal([]);
    const preflight = await appWith([])
      .options('/health')
      .set('Origin', 'https://onboarding.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).to.deep.equal([]);
  });

  it('when an origin is configured, then its calls are allowed with the request id and Retry-After exposed, and another origin is not', async () => {
    const allowed = await appWith(['https://onboarding.example.com']).get('/health').set('Origin', 'https://onboarding.example.com');
    expect(allowed.headers['access-control-allow-origin']).to.equal('https://onboarding.example.com');
    expect(allowed.headers['access-control-expose-headers']).to.equal('X-Request-Id,Retry-After');
    const denied = await appWith(['https://onboarding.example.com']).get('/health').set('Origin', 'https://evil.example.net');
    expect(denied.headers['access-control-allow-origin']).to.equal(undefined);
  });
});
