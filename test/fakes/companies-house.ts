import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompanyOfficer, CompanyProfile, SignificantControl } from '../../worker/registries/companies-house';
import { FAKE_CH_API_KEY, SEED_COMPANIES } from './registry-data';

/** What the next request gets instead of the normal answer; tests queue these to stage an outage. */
export type Scripted =
  { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> } | { kind: 'slow'; ms: number } | { kind: 'drop' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Shared by both fakes: a server on 127.0.0.1 with a random port, a script queue and a request log. */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly script: Scripted[] = [];
  private server?: http.Server;
  url = '';

  constructor(private readonly handle: (req: RecordedRequest, res: http.ServerResponse) => void) {}

  /** The next `times` requests get this behaviour, in order, before normal service resumes. */
  enqueue(behaviour: Scripted, times = 1): this {
    for (let i = 0; i < times; i++) this.script.push(behaviour);
    return this;
  }

  /** Every request from now on gets this until `clearScript`. */
  outage(behaviour: Scripted): this {
    return this.enqueue(behaviour, 10_000);
  }

  clearScript(): void {
    this.script.length = 0;
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(recorded);
        const next = this.script.shift();
        if (!next) return this.handle(recorded, res);
        if (next.kind === 'drop') return req.socket.destroy();
        if (next.kind === 'slow') {
          const timer = setTimeout(() => this.handle(recorded, res), next.ms);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        sendJson(res, next.status, next.body, next.headers);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'Content-Type': 'application/json' } : {}), ...headers });
  res.end(text);
}

export interface FakeCompaniesHouseOptions {
  apiKey?: string;
  /** Requests per window before 429; the live service allows 600 per 5 minutes. */
  rateLimit?: number;
  windowSeconds?: number;
  /** Which of the two 404 bodies in use the fake sends for an unknown company. */
  notFoundShape?: 'errors' | 'error';
}

/**
 * A stand-in for the Companies House Public Data API: Basic auth with the key as username, the
 * company profile resource, X-Ratelimit-* headers on every answer and 429 past the limit, 404
 * in either body shape, a 500 for a malformed number, plus scripted failures and slow replies.
 */
export class FakeCompaniesHouse extends FakeServer {
  readonly companies = new Map<string, CompanyProfile>();
  /** Officers and PSCs by company number; a known company without an entry has none. */
  readonly officers = new Map<string, CompanyOfficer[]>();
  readonly pscs = new Map<string, SignificantControl[]>();
  apiKey: string;
  rateLimit: number;
  windowSeconds: number;
  notFoundShape: 'errors' | 'error';
  private used = 0;
  private windowEnds = 0;

  constructor(options: FakeCompaniesHouseOptions = {}) {
    super((req, res) => this.serve(req, res));
    this.apiKey = options.apiKey ?? FAKE_CH_API_KEY;
    this.rateLimit = options.rateLimit ?? 600;
    this.windowSeconds = options.windowSeconds ?? 300;
    this.notFoundShape = options.notFoundShape ?? 'errors';
    for (const s of SEED_COMPANIES) this.companies.set(s.profile.company_number!, structuredClone(s.profile));
  }

  /** Requests that reached the profile resource. */
  profileRequests(): RecordedRequest[] {
    return this.requests.filter((r) => /^\/company\/[^/?]+$/.test(r.path));
  }

  private rateHeaders(): Record<string, string> {
    const now = Math.floor(Date.now() / 1000);
    if (now >= this.windowEnds) {
      this.used = 0;
      this.windowEnds = now + this.windowSeconds;
    }
    return {
      'X-Ratelimit-Limit': String(this.rateLimit),
      'X-Ratelimit-Remain': String(Math.max(0, this.rateLimit - this.used)),
      'X-Ratelimit-Reset': String(this.windowEnds),
      'X-Ratelimit-Window': `${Math.round(this.windowSeconds / 60)}m`,
    };
  }

  /** The list resources' paging (items_per_page, start_index) and shape; 404 for a company the fake does not know. */
  private serveList(number: string, resource: string, url: URL, res: http.ServerResponse, headers: Record<string, string>): void {
    if (!this.companies.has(number))
      return sendJson(res, 404, { errors: [{ type: 'ch:service', error: 'company-profile-not-found' }] }, headers);
    const all: unknown[] = (resource === 'officers' ? this.officers.get(number) : this.pscs.get(number)) ?? [];
    const size = Math.min(100, Number(url.searchParams.get('items_per_page') ?? 35));
    const start = Number(url.searchParams.get('start_index') ?? 0);
    const kind = resource === 'officers' ? 'officer-list' : 'persons-with-significant-control#list';
    sendJson(
      res,
      200,
      { kind, items: all.slice(start, start + size), items_per_page: size, start_index: start, total_results: all.length },
      headers,
    );
  }

  private serve(req: RecordedRequest, res: http.ServerResponse): void {
    const auth = req.headers.authorization;
    if (!auth) return sendJson(res, 401, { error: 'Empty Authorization header', type: 'ch:service' });
    const [scheme, encoded] = auth.split(' ');
    const key = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8').replace(/:$/, '') : '';
    if (key !== this.apiKey) return sendJson(res, 401, { error: 'Invalid Authorization', type: 'ch:service' });
    let headers = this.rateHeaders();
    if (this.used >= this.rateLimit) return sendJson(res, 429, undefined, headers);
    this.used += 1;
    headers = { ...headers, 'X-Ratelimit-Remain': String(this.rateLimit - this.used) };
    const url = new URL(req.path, 'http://fake');
    const listMatch = /^\/company\/([^/]+)\/(officers|persons-with-significant-control)$/.exec(url.pathname);
    if (listMatch && req.method === 'GET')
      return this.serveList(decodeURIComponent(listMatch[1]!).toUpperCase(), listMatch[2]!, url, res, headers);
    const match = /^\/company\/([^/?]+)$/.exec(req.path);
    if (!match || req.method !== 'GET') return sendJson(res, 404, { error: 'Not Found', type: 'ch:service' }, headers);
    const number = decodeURIComponent(match[1]!).toUpperCase();
    if (number.length !== 8) {
      return sendJson(res, 500, { exception_id: randomBytes(6).toString('hex'), error: 'Internal server error' }, headers);
    }
    const profile = this.companies.get(number);
    if (!profile) {
      const body =
        this.notFoundShape === 'errors'
          ? { errors: [{ type: 'ch:service', error: 'company-profile-not-found' }] }
          : { error: 'Not Found', type: 'ch:service' };
      return sendJson(res, 404, body, headers);
    }
    sendJson(
      res,
      200,
      {
        ...profile,
        links: { self: `/company/${number}` },
        etag: randomBytes(20).toString('hex'),
        can_file: profile.company_status === 'active',
      },
      headers,
    );
  }
}

export async function startFakeCompaniesHouse(options: FakeCompaniesHouseOptions = {}, port = 0): Promise<FakeCompaniesHouse> {
  return new FakeCompaniesHouse(options).start(port);
}
