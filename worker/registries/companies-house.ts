import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { RegistryError } from './errors';
import { createHttpClient, type HttpPolicy } from './http';
import { WindowLimiter } from './rate-limit';
import type { CompaniesHouseRegistry } from './port';

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

/** One page of a Companies House list resource; items are parsed one by one so a strange item cannot hide the rest. */
const listPageSchema = z.object({
  items: z.array(z.unknown()).optional().catch(undefined),
  total_results: z.number().optional().catch(undefined),
});

const officerSchema = z.object({
  name: text,
  officer_role: text,
  appointed_on: text,
  resigned_on: text,
  links: z
    .object({ officer: z.object({ appointments: text }).partial().optional().catch(undefined) })
    .partial()
    .optional()
    .catch(undefined),
});

const pscSchema = z.object({
  name: text,
  kind: text,
  notified_on: text,
  ceased_on: text,
  links: z.object({ self: text }).partial().optional().catch(undefined),
});

export type CompanyOfficer = z.infer<typeof officerSchema>;
export type SignificantControl = z.infer<typeof pscSchema>;

/** Items per page the API allows at most; a company with more officers than a few pages is rare. */
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

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

export type ProfileLookup =
  | {
      found: true;
      profile: CompanyProfile;
      /** The body exactly as the registry sent it (etag included), and when: kept as evidence. */
      raw?: unknown;
      etag?: string;
      fetched_at?: string;
    }
  | { found: false };

/** Upper case, no spaces: the registry's own form of a company number, zero-padded to 8 when numeric. */
export function canonicalCompanyNumber(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  return /^\d{1,8}$/.test(compact) ? compact.padStart(8, '0') : compact;
}

/** Companies House Public Data API: the company profile, cached, within the published rate limit. */
export class CompaniesHouseClient implements CompaniesHouseRegistry {
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

  /** The company's profile, or `found: false` when the registry has no such number. `fresh` skips the cache (monitoring). */
  async profile(companyNumber: string, options: { fresh?: boolean } = {}): Promise<ProfileLookup> {
    const number = canonicalCompanyNumber(companyNumber);
    const cached = options.fresh ? undefined : this.cache.get(number);
    if (cached) return cached;
    const res = await this.send(`${this.baseUrl}/company/${encodeURIComponent(number)}`, {
      headers: { Authorization: this.auth, Accept: 'application/json' },
    });
    const lookup = this.interpret(res.status, res.body);
    this.cache.set(number, lookup);
    return lookup;
  }

  /** Every officer, current and resigned; empty when the registry has none for this number. */
  officers(companyNumber: string): Promise<CompanyOfficer[]> {
    return this.list(companyNumber, 'officers', officerSchema);
  }

  /** Every person with significant control, current and ceased; empty when the company keeps no PSC register. */
  personsWithSignificantControl(companyNumber: string): Promise<SignificantControl[]> {
    return this.list(companyNumber, 'persons-with-significant-control', pscSchema);
  }

  private async list<T>(companyNumber: string, resource: string, schema: z.ZodType<T>): Promise<T[]> {
    const number = canonicalCompanyNumber(companyNumber);
    const items: T[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = `${this.baseUrl}/company/${encodeURIComponent(number)}/${resource}?items_per_page=${PAGE_SIZE}&start_index=${page * PAGE_SIZE}`;
      const res = await this.send(url, { headers: { Authorization: this.auth, Accept: 'application/json' } });
      if (res.status === 404) return items;
      // Every status but 200 and 404 ends in the same errors as the profile's.
      if (res.status !== 200) this.interpret(res.status, res.body);
      const parsed = listPageSchema.safeParse(res.body);
      if (!parsed.success || typeof res.body !== 'object' || res.body === null) {
        throw new RegistryError(
          'companies_house',
          'registry_bad_response',
          `Companies House sent a ${resource} list that is not JSON`,
          res.status,
        );
      }
      const pageItems = parsed.data.items ?? [];
      for (const item of pageItems) {
        const one = schema.safeParse(item);
        if (one.success) items.push(one.data);
      }
      if (pageItems.length < PAGE_SIZE || (page + 1) * PAGE_SIZE >= (parsed.data.total_results ?? 0)) return items;
    }
    return items;
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
    const etag = (body as { etag?: unknown }).etag;
    return {
      found: true,
      profile: parsed.data,
      raw: body,
      etag: typeof etag === 'string' ? etag : undefined,
      fetched_at: new Date().toISOString(),
    };
  }
}
