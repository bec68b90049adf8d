import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app';

/** A JSON text nesting `depth` objects under one key of an otherwise valid case. */
const nestedCase = (depth: number) =>
  `{"company_number":"09446231","company_name":"Acme Ltd","reference":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

describe('JSON request bodies', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  const post = (path: string, body: string) => t.request.post(path).set(t.auth).set('Content-Type', 'application/json').send(body);

  it('when a body nests objects thousands deep inside the size limit, then it answers 400 json_too_deep as JSON and keeps serving', async () => {
    for (const body of [nestedCase(5_000), `${'['.repeat(20_000)}${']'.repeat(20_000)}`]) {
      const res = await post('/api/v1/cases', body);
      expect(res.status, res.text.slice(0, 200)).to.equal(400);
      expect(res.type).to.equal('application/json');
      expect(res.body.code).to.equal('json_too_deep');
      expect(res.text).not.to.contain('RangeError');
    }
    expect((await t.request.get('/health')).status).to.equal(200);
  });

  it('when brackets are only inside strings, then they do not count as nesting and the body is judged as usual', async () => {
    const res = await post('/api/v1/cases', `{"company_number":"09446231","company_name":"${'[{'.repeat(100)}\\"${']'.repeat(50)}"}`);
    expect(res.body.code).not.to.equal('json_too_deep');
  });

  it('when a body nests a few levels, as the API documents, then it is not refused for its depth', async () => {
    const res = await post('/api/v1/cases', nestedCase(3));
    expect(res.body.code).not.to.equal('json_too_deep');
  });
});
