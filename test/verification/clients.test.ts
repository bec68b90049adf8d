import { expect } from 'chai';
import { CompaniesHouseClient } from '../../worker/registries/companies-house';
import { RegistryError } from '../../worker/registries/errors';
import { HmrcVatClient } from '../../worker/registries/hmrc-vat';
import type { HttpPolicy } from '../../worker/registries/http';
import { canonicalVrn, vatChecksum } from '../../worker/registries/vat-number';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { ACTIVE, DISSOLVED, FAKE_CH_API_KEY, FAKE_HMRC_CLIENT, REQUESTER_VRN, STUB, UNKNOWN_VAT_NUMBER } from '../fakes/registry-data';

const fast: HttpPolicy = { timeoutMs: 200, retries: 2, initialDelayMs: 5, maxDelayMs: 20 };

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(RegistryError);
    return error as RegistryError;
  }
  throw new Error('expected a RegistryError');
}

describe('Companies House client against the fake registry', () => {
  let ch: FakeCompaniesHouse;
  const client = (overrides: Partial<ConstructorParameters<typeof CompaniesHouseClient>[0]> = {}) =>
    new CompaniesHouseClient({ baseUrl: ch.url, apiKey: FAKE_CH_API_KEY, http: fast, cacheSeconds: 60, ...overrides });

  beforeEach(async () => {
    ch = await startFakeCompaniesHouse();
  });
  afterEach(() => ch.close());

  it('when a company exists, then its profile comes back, asked with the key as the Basic-auth username', async () => {
    const lookup = await client().profile('9446231');
    expect(lookup.found).to.equal(true);
    expect(lookup.found && lookup.profile.company_name).to.equal(ACTIVE.profile.company_name);
    const auth = ch.profileRequests()[0]!.headers.authorization!;
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).to.equal(`${FAKE_CH_API_KEY}:`);
    expect(ch.profileRequests()[0]!.path).to.equal('/company/09446231');
  });

  it('when the profile is a stub without locality or dates, then it still parses', async () => {
    const lookup = await client().profile(STUB.profile.company_number!);
    expect(lookup.found && lookup.profile.registered_office_address?.locality).to.equal(undefined);
    expect(lookup.found && lookup.profile.date_of_creation).to.equal(undefined);
  });

  it('when a member has an unexpected type, then that member is dropped rather than the profile refused', async () => {
    ch.companies.set('99000001', { company_name: 42, company_status: 'active' } as never);
    const lookup = await client().profile('99000001');
    expect(lookup.found && lookup.profile.company_name).to.equal(undefined);
    expect(lookup.found && lookup.profile.company_status).to.equal('active');
  });

  for (const shape of ['errors', 'error'] as const) {
    it(`when the company is unknown and the 404 body has the "${shape}" shape, then it is reported not found`, async () => {
      ch.notFoundShape = shape;
      expect(await client().profile('99999999')).to.deep.equal({ found: false });
    });
  }

  it('when the API key is wrong, then the failure says the key was refused and is not retried', async () => {
    const error = await rejection(client({ apiKey: 'wrong' }).profile(ACTIVE.company.number));
    expect(error.code).to.equal('registry_auth_failed');
    expect(ch.profileRequests()).to.have.length(1);
  });

  it('when the registry answers 5xx twice, then the third attempt succeeds', async () => {
    ch.enqueue({ kind: 'status', status: 502 }).enqueue({ kind: 'status', status: 503 });
    const lookup = await client().profile(ACTIVE.company.number);
    expect(lookup.found).to.equal(true);
    expect(ch.profileRequests()).to.have.length(3);
  });

  it('when the registry stays down, then the client gives up with registry_unavailable', async () => {
    ch.outage({ kind: 'status', status: 500, body: { error: 'Internal server error' } });
    expect((await rejection(client().profile(ACTIVE.company.number))).code).to.equal('registry_unavailable');
    expect(ch.profileRequests()).to.have.length(3);
  });

  it('when replies are slower than the timeout, then the client gives up with registry_timeout', async () => {
    ch.outage({ kind: 'slow', ms: 2_000 });
    expect((await rejection(client().profile(ACTIVE.company.number))).code).to.equal('registry_timeout');
  });

  it('when the connection drops, then the request is retried', async () => {
    ch.enqueue({ kind: 'drop' });
    expect((await client().profile(ACTIVE.company.number)).found).to.equal(true);
  });

  it('when a 429 with rate-limit headers arrives, then the client waits for the reset and retries', async () => {
    const reset = String(Math.floor(Date.now() / 1000));
    ch.enqueue({
      kind: 'status',
      status: 429,
      headers: { 'X-Ratelimit-Remain': '0', 'X-Ratelimit-Reset': reset, 'X-Ratelimit-Limit': '600' },
    });
    expect((await client().profile(ACTIVE.company.number)).found).to.equal(true);
    expect(ch.profileRequests()).to.have.length(2);
  });

  it('when every answer is 429, then the client gives up with registry_rate_limited', async () => {
    ch.outage({ kind: 'status', status: 429 });
    expect((await rejection(client().profile(ACTIVE.company.number))).code).to.equal('registry_rate_limited');
  });

  it('when the registry says the budget is spent, then the client holds back instead of drawing 429s', async () => {
    ch.rateLimit = 2;
    ch.windowSeconds = 1;
    const c = client();
    for (const s of [ACTIVE, DISSOLVED, STUB]) expect((await c.profile(s.company.number)).found).to.equal(true);
    expect(ch.profileRequests()).to.have.length(3);
  });

  it('when the window reopens later than the caller can wait, then it fails fast as rate limited', async () => {
    ch.rateLimit = 1;
    const c = client({ rateLimit: { limit: 600, windowMs: 300_000, maxWaitMs: 50 } });
    await c.profile(ACTIVE.company.number);
    expect((await rejection(c.profile(DISSOLVED.company.number))).code).to.equal('registry_rate_limited');
    expect(ch.profileRequests()).to.have.length(1);
  });

  it('when a profile was fetched recently, then it is served from the cache until it expires', async () => {
    const c = client({ cacheSeconds: 0.2 });
    await c.profile(ACTIVE.company.number);
    await c.profile(ACTIVE.company.number);
    expect(ch.profileRequests()).to.have.length(1);
    await new Promise((r) => setTimeout(r, 250));
    await c.profile(ACTIVE.company.number);
    expect(ch.profileRequests()).to.have.length(2);
  });
});

describe('HMRC VAT client against the fake registry', () => {
  let hmrc: FakeHmrc;
  const client = (overrides: Partial<ConstructorParameters<typeof HmrcVatClient>[0]> = {}) =>
    new HmrcVatClient({
      baseUrl: hmrc.url,
      clientId: FAKE_HMRC_CLIENT.id,
      clientSecret: FAKE_HMRC_CLIENT.secret,
      http: fast,
      rateLimit: { limit: 100, windowMs: 1_000, maxWaitMs: 1_000 },
      ...overrides,
    });

  beforeEach(async () => {
    hmrc = await startFakeHmrc();
  });
  afterEach(() => hmrc.close());

  it('when a VAT number is registered, then name, address and processing date come back with the v2 Accept header', async () => {
    const lookup = await client().lookup(ACTIVE.company.vat_number);
    expect(lookup.found && lookup.registration.target?.name).to.equal(ACTIVE.vat?.name);
    expect(lookup.found && lookup.registration.processingDate).to.be.a('string');
    expect(hmrc.lookupRequests()[0]!.headers.accept).to.equal('application/vnd.hmrc.2.0+json');
    expect(new URLSearchParams(hmrc.tokenRequests()[0]!.body).get('scope')).to.equal('read:vat');
  });

  it('when a requester VRN is configured, then the verified lookup keeps the consultation number', async () => {
    const lookup = await client({ requesterVrn: REQUESTER_VRN }).lookup(DISSOLVED.company.vat_number);
    expect(lookup.found && lookup.registration.consultationNumber).to.match(/^\S{9}$/);
    expect(hmrc.lookupRequests()[0]!.path).to.match(new RegExp(`/${REQUESTER_VRN}$`));
  });

  it('when HMRC does not know the number, then it is reported not found', async () => {
    expect((await client().lookup(UNKNOWN_VAT_NUMBER)).found).to.equal(false);
  });

  it('when the client secret is wrong, then the failure says the credentials were refused', async () => {
    expect((await rejection(client({ clientSecret: 'nope' }).lookup(ACTIVE.company.vat_number))).code).to.equal('registry_auth_failed');
  });

  it('when several lookups run, then one token serves them all until shortly before it expires', async () => {
    let now = Date.now();
    hmrc.tokenSeconds = 600;
    const c = client({ now: () => now, tokenMarginSeconds: 60 });
    await Promise.all([c.lookup(ACTIVE.company.vat_number), c.lookup(DISSOLVED.company.vat_number)]);
    expect(hmrc.tokenRequests()).to.have.length(1);
    now += 541_000;
    await c.lookup(STUB.company.vat_number).catch(() => undefined);
    expect(hmrc.tokenRequests()).to.have.length(2);
  });

  it('when HMRC revokes the token, then the client takes a new one once and the lookup succeeds', async () => {
    const c = client();
    await c.lookup(ACTIVE.company.vat_number);
    hmrc.revokeTokens();
    expect((await c.lookup(DISSOLVED.company.vat_number)).found).to.equal(true);
    expect(hmrc.tokenRequests()).to.have.length(2);
  });

  it('when HMRC throttles with 429 once, then the lookup is retried and succeeds', async () => {
    const c = client();
    await c.lookup(ACTIVE.company.vat_number);
    hmrc.enqueue({ kind: 'status', status: 429, body: { code: 'MESSAGE_THROTTLED_OUT', message: 'throttled' } });
    expect((await c.lookup(DISSOLVED.company.vat_number)).found).to.equal(true);
  });

  it('when HMRC is down, then the client gives up with registry_unavailable', async () => {
    hmrc.outage({ kind: 'status', status: 503, body: { code: 'SERVER_ERROR', message: 'Service unavailable' } });
    expect((await rejection(client().lookup(ACTIVE.company.vat_number))).code).to.equal('registry_unavailable');
  });
});

describe('VAT number checksum', () => {
  it('when a number is of the original series, then it is valid', () => {
    expect(vatChecksum('123456782')).to.include({ valid: true, series: 'mod97' });
  });

  it('when a number is of the newer +55 series, then it is valid', () => {
    const first7 = '1000000';
    const weighted = 8;
    const check = (97 - ((weighted + 55) % 97)) % 97;
    expect(vatChecksum(first7 + String(check).padStart(2, '0'))).to.include({ valid: true, series: 'mod9755' });
  });

  it('when a digit is changed, then the checksum fails', () => {
    expect(vatChecksum('123456789').valid).to.equal(false);
    expect(vatChecksum('553557881').valid).to.equal(false);
  });

  it('when the number is printed with GB and spaces, then it is read as its 9 digits', () => {
    expect(canonicalVrn('GB 123 4567 82')).to.equal('123456782');
    expect(canonicalVrn('12345')).to.equal(null);
  });
});
