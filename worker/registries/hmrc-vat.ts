import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { RegistryError } from './errors';
import { createHttpClient, type HttpPolicy } from './http';
import { WindowLimiter } from './rate-limit';
import type { HmrcVatLookup } from './port';

const text = z.string().optional().catch(undefined);

const lookupSchema = z.object({
  target: z
    .object({
      name: text,
      vatNumber: text,
      address: z
        .object({ line1: text, line2: text, line3: text, line4: text, line5: text, postcode: text, countryCode: text })
        .partial()
        .optional()
        .catch(undefined),
    })
    .partial()
    .optional()
    .catch(undefined),
  processingDate: text,
  requester: text,
  consultationNumber: text,
});

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });

export type VatRegistration = z.infer<typeof lookupSchema>;
export type VatLookup =
  | {
      found: true;
      registration: VatRegistration;
      /** The body as HMRC sent it, and when: kept as evidence. */ raw?: unknown;
      fetched_at?: string;
    }
  | { found: false; processingDate?: string };

export interface HmrcVatOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** When set, lookups are verified checks that return a consultation number. */
  requesterVrn?: string;
  http: HttpPolicy;
  /** Renew the token this long before HMRC says it expires. */
  tokenMarginSeconds?: number;
  /** HMRC's default allowance is 3 requests per second per application. */
  rateLimit?: { limit: number; windowMs: number; maxWaitMs: number };
  now?: () => number;
}

/** The sandbox's own test numbers fail the checksum, so a sandbox base URL relaxes that check. */
export function isSandbox(baseUrl: string): boolean {
  return baseUrl.includes('test-api');
}

/** HMRC "Check a UK VAT number" v2: OAuth client credentials, then the lookup. */
export class HmrcVatClient implements HmrcVatLookup {
  private readonly send;
  private readonly baseUrl: string;
  private readonly now: () => number;
  private token: { value: string; renewAt: number } | undefined;
  private tokenRequest: Promise<string> | undefined;
  private readonly cache = new LRUCache<string, VatLookup>({ max: 5_000, ttl: 60_000 });

  constructor(private readonly options: HmrcVatOptions) {
    const rate = options.rateLimit ?? { limit: 3, windowMs: 1_000, maxWaitMs: 10_000 };
    this.send = createHttpClient({ registry: 'hmrc', policy: options.http, limiter: new WindowLimiter(rate) });
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
  }

  get sandbox(): boolean {
    return isSandbox(this.baseUrl);
  }

  /** `fresh` skips the short cache, for monitoring, which must see a change as soon as it asks. */
  async lookup(vrn: string, options: { fresh?: boolean } = {}): Promise<VatLookup> {
    const cached = options.fresh ? undefined : this.cache.get(vrn);
    if (cached) return cached;
    const path = this.options.requesterVrn ? `${vrn}/${this.options.requesterVrn}` : vrn;
    const url = `${this.baseUrl}/organisations/vat/check-vat-number/lookup/${path}`;
    let res = await this.get(url, await this.accessToken());
    if (res.status === 401) {
      // A token revoked early: take a new one once, then believe the answer.
      this.token = undefined;
      res = await this.get(url, await this.accessToken());
    }
    const lookup = this.interpret(res.status, res.body);
    this.cache.set(vrn, lookup);
    return lookup;
  }

  private get(url: string, token: string) {
    return this.send(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.hmrc.2.0+json' } });
  }

  private interpret(status: number, body: unknown): VatLookup {
    const parsed = lookupSchema.safeParse(body ?? {});
    const data = parsed.success ? parsed.data : {};
    if (status === 404) return { found: false, processingDate: data.processingDate };
    if (status === 401)
      throw new RegistryError('hmrc', 'registry_auth_failed', `HMRC refused the access token (${errorCode(body)})`, status);
    if (status === 403) throw new RegistryError('hmrc', 'registry_auth_failed', `HMRC refused the request (${errorCode(body)})`, status);
    if (status !== 200)
      throw new RegistryError('hmrc', 'registry_bad_request', `HMRC answered HTTP ${status} (${errorCode(body)})`, status);
    if (!parsed.success || typeof body !== 'object' || body === null) {
      throw new RegistryError('hmrc', 'registry_bad_response', 'HMRC sent a lookup that is not JSON', status);
    }
    return { found: true, registration: data, raw: body, fetched_at: new Date().toISOString() };
  }

  /** One token request at a time; the token is kept until shortly before it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async requestToken(): Promise<string> {
    const form = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      grant_type: 'client_credentials',
      scope: 'read:vat',
    });
    const res = await this.send(`${this.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      throw new RegistryError('hmrc', 'registry_auth_failed', `HMRC refused the client credentials (${errorCode(res.body)})`, res.status);
    }
    const parsed = tokenSchema.safeParse(res.body);
    if (res.status !== 200 || !parsed.success) {
      throw new RegistryError(
        'hmrc',
        'registry_bad_response',
        `HMRC's token endpoint answered HTTP ${res.status} without a token`,
        res.status,
      );
    }
    const lifetime = (parsed.data.expires_in ?? 14_400) * 1000;
    const margin = Math.min((this.options.tokenMarginSeconds ?? 60) * 1000, lifetime / 2);
    this.token = { value: parsed.data.access_token, renewAt: this.now() + lifetime - margin };
    return this.token.value;
  }
}

/** HMRC's error bodies: `{code, message}` from the API, `{error, error_description}` from OAuth. */
function errorCode(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.code === 'string') return b.code;
    if (typeof b.error === 'string') return b.error;
  }
  return 'no error code';
}
