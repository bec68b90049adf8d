import { expect } from 'chai';
import { LlmExtractor, type LlmReply } from '../../worker/extraction/openai';
import { OcrPool } from '../../worker/ocr/pool';
import { generateDocument, type GeneratedDocument } from '../../fixtures';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { readDocument } from './reader';

function replyFor(doc: GeneratedDocument, overrides: Partial<LlmReply['fields']> = {}): LlmReply {
  const fields = Object.fromEntries(
    [
      'company_name',
      'company_number',
      'incorporation_date',
      'vat_number',
      'address',
      'postcode',
      'document_date',
      'statement_period',
      'sort_code',
      'account_number',
    ].map((n) => [n, null]),
  ) as LlmReply['fields'];
  return { document_type: doc.truth.document_type, fields: { ...fields, ...doc.truth.fields, ...overrides } };
}

describe('reading: OpenAI extraction against a local fake', () => {
  let fake: FakeOpenAI;
  let ocr: OcrPool;
  let statement: GeneratedDocument;

  before(async () => {
    fake = await startFakeOpenAI();
    // Text PDFs never reach OCR; the pool is here because the text stage requires one.
    ocr = new OcrPool({ size: 1, recycleAfter: 10 });
    statement = await generateDocument({ type: 'bank_statement', rendering: 'text_pdf', seed: 42 });
  });
  after(async () => {
    await ocr.close();
    await fake.close();
  });

  const extractor = (overrides: { apiKey?: string; timeoutMs?: number } = {}) =>
    new LlmExtractor({
      apiKey: overrides.apiKey ?? fake.apiKey,
      baseURL: fake.url,
      model: 'gpt-4o-mini',
      timeoutMs: overrides.timeoutMs ?? 5000,
      maxRetries: 1,
    });

  it('when the model agrees with the rules, then the fields come from both with higher confidence', async () => {
    fake.script({ kind: 'json', content: replyFor(statement) });
    const withModel = await readDocument(statement.bytes, { ocr, llm: extractor() });
    const rulesOnly = await readDocument(statement.bytes, { ocr });
    expect(withModel.fields.sort_code).to.include({ value: statement.truth.fields.sort_code, source: 'rules+llm' });
    expect(withModel.fields.sort_code!.confidence).to.be.greaterThan(rulesOnly.fields.sort_code!.confidence);
    expect(withModel.fields.company_name!.source).to.equal('rules+llm');
  });

  it('when the request is sent, then it is a chat completion with a strict JSON schema and the document text', async () => {
    fake.script({ kind: 'json', content: replyFor(statement) });
    const before = fake.requests.length;
    await readDocument(statement.bytes, { ocr, llm: extractor() });
    const request = fake.requests[before]!;
    expect(request.body.model).to.equal('gpt-4o-mini');
    expect(request.body.response_format.type).to.equal('json_schema');
    expect(request.body.response_format.json_schema.strict).to.equal(true);
    expect(request.body.response_format.json_schema.schema.properties.fields.required).to.include('sort_code');
    expect(JSON.stringify(request.body.messages)).to.contain(statement.truth.fields.account_number);
  });

  it('when the model disagrees with a confident rule, then the rule value stays and the disagreement is recorded', async () => {
    fake.script({ kind: 'json', content: replyFor(statement, { account_number: '99999999' }) });
    const state = await readDocument(statement.bytes, { ocr, llm: extractor() });
    expect(state.fields.account_number).to.deep.include({ value: statement.truth.fields.account_number, source: 'rules' });
    expect(state.fields.account_number!.disagreement).to.deep.equal({ source: 'llm', value: '99999999' });
  });

  it('when the model finds a field the rules missed, then it is kept with the model as its source', async () => {
    const certificate = await generateDocument({ type: 'vat_registration_certificate', rendering: 'text_pdf', seed: 5 });
    fake.script({ kind: 'json', content: replyFor(certificate, { company_number: 'sc 123456' }) });
    const state = await readDocument(certificate.bytes, { ocr, llm: extractor() });
    expect(state.fields.company_number).to.deep.include({ value: 'SC123456', source: 'llm', page: null });
    expect(state.fields.vat_number!.source).to.equal('rules+llm');
  });

  for (const [what, reply] of [
    ['the model refuses', { kind: 'refusal', refusal: "I'm sorry, I can't help with that." }],
    ['the reply is not JSON', { kind: 'text', content: 'Here are the fields: company...' }],
    ['the reply does not match the schema', { kind: 'json', content: { document_type: 'passport', fields: {} } }],
    ['the API keeps rate limiting', { kind: 'rate_limited' }],
    ['the API keeps failing', { kind: 'server_error' }],
  ] as const) {
    it(`when ${what}, then the rules' fields stand alone`, async () => {
      fake.script(reply);
      const state = await readDocument(statement.bytes, { ocr, llm: extractor() });
      expect(state.fields.sort_code).to.include({ value: statement.truth.fields.sort_code, source: 'rules' });
      expect(state.fields.account_number!.disagreement).to.equal(undefined);
    });
  }

  it('when the API is rate limited once, then the client retries after the advertised delay and uses the answer', async () => {
    fake.script({ kind: 'rate_limited' }, { kind: 'json', content: replyFor(statement) });
    const state = await readDocument(statement.bytes, { ocr, llm: extractor() });
    expect(state.fields.sort_code!.source).to.equal('rules+llm');
  });

  it('when the key is wrong, then the API answers 401 and the outcome says unauthorized', async () => {
    const outcome = await extractor({ apiKey: 'sk-wrong-key-0000' }).extract(['Sort code 12-34-56'], 'bank_statement');
    expect(outcome).to.include({ ok: false, reason: 'unauthorized' });
    expect((outcome as { detail: string }).detail).to.contain('Incorrect API key');
  });

  it('when the model does not answer in time, then the outcome is a timeout', async () => {
    fake.script({ kind: 'hang' });
    const outcome = await new LlmExtractor({
      apiKey: fake.apiKey,
      baseURL: fake.url,
      model: 'gpt-4o-mini',
      timeoutMs: 300,
      maxRetries: 0,
    }).extract(['x'], 'unknown');
    expect(outcome).to.include({ ok: false, reason: 'timeout' });
  });
});
