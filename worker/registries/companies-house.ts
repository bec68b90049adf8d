import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { RegistryError } from './errors';
import { createHttpClient, type HttpPolicy } from './http';
import { WindowLimiter } from './rate-limit';

const text = z.string().optional().catch(undefined);

/** Every member optional: stub profiles and addresses without a locality are real. */
const addressSchema = z
  .object({
    care_of: text,
    po_box: text,
    premises: text,
    address_line_1: text,
    address_line_2: text,
    locality: text,
    region: text,
    postal_code: text,
    country: text,
  })
  .partial();

const profileSchema = z.object({
  company_number: text,
  company_name: text,
  company_status: text,
  company_status_detail: text,
  type: text,
  jurisdiction: text,
  date_of_creation: text,
  date_of_cessation: text,
  has_insolvency_history: z.boolean().optional().catch(undefined),
  registered_office_address: addressSchema.optional().catch(undefined),
  previous_company_names: z
    .array(z.object({ name: text, effective_from: text, ceased_on: text }))
    .optional()
    .catch(undefined),
});

export type CompanyProfile = z.infer<typeof profileSchema>;
export type RegisteredAddress = z.infer<typeof addressSchema>;

export interface CompaniesHouseOptions {
  baseUrl: string;
  apiKey: string;
  http: HttpPolicy;
  cacheSeconds: number;
  /** Requests per window; the published limit is 600 per 5 minutes. */
  rateLimit?: { limit: number; windowMs: number; maxWaitMs: number };
}

export type ProfileLookup = { found: true; profile: CompanyProfile } | { found: false };

/** Upper case, no spaces: the registry's own form of a company number, zero-padded to 8 when numeric. */
export function canonicalCompanyNumber(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  return /^\d{1,8}$/.test(compact) ? compact.padStart(8, '0') : compact;
}

/** Companies House Public Data API: the company profile, cached, within the published rate limit. */
export class CompaniesHouseClient {
  private readonly send;
  private readonly cache: LRUCache<string, ProfileLookup>;
  private readonly auth: string;
  private readonly baseUrl: string;

  constructor(options: CompaniesHouseOptions) {
    const rate = options.rateLimit ?? { limit: 600, windowMs: 5 * 60_000, maxWaitMs: 15_000 };
    this.send = createHttpClient({ registry: 'companies_house', policy: options.http, limiter: new WindowLimiter(rate) });
    this.cache = new LRUCache({ max: 5_000, ttl: options.cacheSeconds * 1000 });
    // The key is the Basic-auth username with an empty password.
    this.auth = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** The company's profile, or `found: false` when the registry has no such number. */
  async profile(companyNumber: string): Promise<ProfileLookup> {
    const number = canonicalCompanyNumber(companyNumber);
    const cached = this.cache.get(number);
    if (cached) return cached;
    const res = await this.send(`${this.baseUrl}/company/${encodeURIComponent(number)}`, {
      headers: { Authorization: this.auth, Accept: 'application/json' },
    });
    const lookup = this.interpret(res.status, res.body);
    this.cache.set(number, lookup);
    return lookup;
  }

  /** Decided by the status code: the two 404 body shapes in use carry nothing more. */
  private interpret(status: number, body: unknown): ProfileLookup {
    if (status === 404) return { found: false };
    if (status === 401 || status === 403) {
      throw new RegistryError('companies_house', 'registry_auth_failed', 'Companies House refused the API key', status);
    }
    if (status !== 200)
      throw new RegistryError('companies_house', 'registry_bad_request', `Companies House answered HTTP ${status}`, status);
    const parsed = profileSchema.safeParse(body);
    if (!parsed.success || typeof body !== 'object' || body === null) {
      throw new RegistryError('companies_house', 'registry_bad_response', 'Companies House sent a profile that is not JSON', status);
    }
    return { found: true, profile: parsed.data };
  }
}
