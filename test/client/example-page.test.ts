import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app';

describe('example page at /app', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  it('when /app is opened without a trailing slash, then it redirects to /app/ so relative assets resolve', async () => {
    const res = await t.request.get('/app');
    expect(res.status).to.equal(301);
    expect(res.headers.location).to.equal('/app/');
  });

  it("when the page is served, then it loads only self-hosted assets and no inline script, under the API's CSP", async () => {
    const res = await t.request.get('/app/');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('text/html');
    expect(res.headers['content-security-policy']).to.contain("script-src 'self'");
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[2]?.trim())).to.deep.equal(['']);
    expect(res.text).to.not.match(/(src|href)="(https?:)?\/\//);
    expect(res.text)
      .to.match(/<label for="api-key">/)
      .and.match(/<label for="file">/);
    expect(res.text).to.match(/aria-live="polite"/);
  });

  it('when the script and stylesheet are asked for, then the bundled client and the styles are served', async () => {
    const script = await t.request.get('/app/app.js');
    expect(script.status).to.equal(200);
    expect(script.headers['content-type']).to.contain('javascript');
    expect(script.text).to.contain('/api/v1/documents/upload').and.contain('text/event-stream');
    const css = await t.request.get('/app/app.css');
    expect(css.status).to.equal(200);
    expect(css.headers['content-type']).to.contain('text/css');
  });
});
