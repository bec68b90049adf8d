import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { VatRegistration } from '../../worker/registries/hmrc-vat';
import { FakeServer, sendJson, type RecordedRequest } from './companies-house';
import { FAKE_HMRC_CLIENT, HMRC_SANDBOX_VAT, SEED_COMPANIES } from './registry-data';

export interface FakeHmrcOptions {
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens; HMRC issues 4-hour tokens. */
  tokenSeconds?: number;
  /** Requests per second before 429 (HMRC's default allowance is 3; the fake is generous unless told). */
  ratePerSecond?: number;
}

const LOOKUP = /^\/organisations\/vat\/check-vat-number\/lookup\/([^/]+)(?:\/([^/]+))?$/;
const VRN = /^(\d{9}|\d{12})$/;

/**
 * A stand-in for HMRC's OAuth token endpoint and "Check a UK VAT number" v2: client credentials
 * with scope read:vat, the v2 Accept header, both lookup forms (with a requester VRN it returns a
 * consultation number), and HMRC's own error bodies for each refusal.
 */
export class FakeHmrc extends FakeServer {
  readonly registrations = new Map<string, NonNullable<VatRegistration['target']>>();
  private readonly tokens = new Map<string, number>();
  clientId: string;
  clientSecret: string;
  tokenSeconds: number;
  ratePerSecond: number;
  private second = 0;
  private inSecond = 0;

  constructor(options: FakeHmrcOptions = {}) {
    super((req, res) => this.serve(req, res));
    this.clientId = options.clientId ?? FAKE_HMRC_CLIENT.id;
    this.clientSecret = options.clientSecret ?? FAKE_HMRC_CLIENT.secret;
    this.tokenSeconds = options.tokenSeconds ?? 14_400;
    this.ratePerSecond = options.ratePerSecond ?? 1_000;
    for (const s of SEED_COMPANIES)
      if (s.vat) this.registrations.set(s.company.vat_number, structuredClone(s.vat) as NonNullable<VatRegistration['target']>);
    this.registrations.set(HMRC_SANDBOX_VAT.vatNumber, structuredClone(HMRC_SANDBOX_VAT));
  }

  tokenRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/oauth/token');
  }

  lookupRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/organisations/'));
  }

  /** Invalidates every token issued so far, as a revocation on HMRC's side would. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  private serve(req: RecordedRequest, res: http.ServerResponse): void {
    if (this.throttled()) {
      return sendJson(res, 429, {
        code: 'MESSAGE_THROTTLED_OUT',
        message: 'The request for the API is throttled as you have exceeded your quota.',
      });
    }
    if (req.path === '/oauth/token' && req.method === 'POST') return this.token(req, res);
    const match = LOOKUP.exec(req.path);
    if (!match || req.method !== 'GET')
      return sendJson(res, 404, {
        code: 'MATCHING_RESOURCE_NOT_FOUND',
        message: 'A resource with the name in the request can not be found in the API',
      });
    if (req.headers.accept !== 'application/vnd.hmrc.2.0+json') {
      return sendJson(res, 406, { code: 'ACCEPT_HEADER_INVALID', message: 'The accept header is missing or invalid' });
    }
    const auth = req.headers.authorization;
    if (!auth) return sendJson(res, 401, { code: 'MISSING_CREDENTIALS', message: 'Authentication information is not provided' });
    const expires = this.tokens.get(auth.replace(/^Bearer\s+/i, ''));
    if (expires === undefined || expires < Date.now()) {
      return sendJson(res, 401, { code: 'INVALID_CREDENTIALS', message: 'Invalid Authentication information provided' });
    }
    this.lookup(match[1]!, match[2], res);
  }

  private throttled(): boolean {
    const now = Math.floor(Date.now() / 1000);
    if (now !== this.second) {
      this.second = now;
      this.inSecond = 0;
    }
    this.inSecond += 1;
    return this.inSecond > this.ratePerSecond;
  }

  private token(req: RecordedRequest, res: http.ServerResponse): void {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials') {
      return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type is missing or not supported' });
    }
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'invalid client id or secret' });
    }
    if (form.get('scope') !== 'read:vat') return sendJson(res, 400, { error: 'invalid_scope', error_description: 'scope is invalid' });
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, Date.now() + this.tokenSeconds * 1000);
    sendJson(res, 200, { access_token: token, scope: 'read:vat', expires_in: this.tokenSeconds, token_type: 'bearer' });
  }

  private lookup(target: string, requester: string | undefined, res: http.ServerResponse): void {
    if (!VRN.test(target))
      return sendJson(res, 400, { code: 'INVALID_REQUEST', message: 'Invalid targetVrn - Vrn parameters should be 9 or 12 digits' });
    if (requester !== undefined && !VRN.test(requester)) {
      return sendJson(res, 400, { code: 'INVALID_REQUEST', message: 'Invalid requesterVrn - Vrn parameters should be 9 or 12 digits' });
    }
    if (requester !== undefined && !this.registrations.has(requester.slice(0, 9))) {
      return sendJson(res, 403, { code: 'INVALID_REQUEST', message: 'requesterVrn does not match a registered company' });
    }
    const registration = this.registrations.get(target.slice(0, 9));
    if (!registration) return sendJson(res, 404, { code: 'NOT_FOUND', message: 'targetVrn does not match a registered company' });
    const processingDate = new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const body = requester
      ? { target: registration, requester, consultationNumber: randomBytes(7).toString('base64url').slice(0, 9), processingDate }
      : { target: registration, processingDate };
    sendJson(res, 200, body);
  }
}

export async function startFakeHmrc(options: FakeHmrcOptions = {}, port = 0): Promise<FakeHmrc> {
  return new FakeHmrc(options).start(port);
}
