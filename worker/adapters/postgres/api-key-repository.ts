import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { QueryTypes } from 'sequelize';
import { isUuid } from '../../domain/ids';
import type { ApiKeyListing, ApiKeyRepository, Principal, Role, TenantRecord } from '../../persistence/port';
import { plain } from './columns';
import type { Connection } from './models';

const KEY_PREFIX = 'kyb_';

/** Keys are 32 random bytes, so a fast hash is enough: nothing to brute-force, only the stored copy to protect. */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

function lookupPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 8);
}

export class PostgresApiKeyRepository implements ApiKeyRepository {
  /**
   * Who a key belongs to, remembered briefly: every API request authenticates, and without this
   * each would cost a database round trip. A revocation here clears it at once; one made by
   * another process takes effect within the TTL.
   */
  private readonly principals = new LRUCache<string, { principal: Principal | null }>({ max: 10_000, ttl: 10_000 });

  constructor(private readonly db: Connection) {}

  async ensureTenant(name: string): Promise<TenantRecord> {
    const [tenant] = await this.db.models.Tenant.findOrCreate({ where: { name }, defaults: { name } });
    return plain(tenant);
  }

  async findTenant(nameOrId: string): Promise<TenantRecord | null> {
    return plain(await this.db.models.Tenant.findOne({ where: isUuid(nameOrId) ? { id: nameOrId } : { name: nameOrId } }));
  }

  /** The plain key is returned once and never stored. */
  async create(
    tenantName: string,
    options: { key?: string; label?: string; role?: Role } = {},
  ): Promise<{ key: string; id: string; tenant_id: string; role: Role }> {
    const tenant = await this.ensureTenant(tenantName);
    const key = options.key ?? `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.db.models.ApiKey.create({
      tenant_id: tenant.id,
      prefix: lookupPrefix(key),
      key_hash: hashKey(key),
      label: options.label ?? null,
      role: options.role ?? 'submitter',
      revoked_at: null,
      last_used_at: null,
    });
    return { key, id: row.id, tenant_id: tenant.id, role: row.role };
  }

  async authenticate(key: string, digest?: string): Promise<Principal | null> {
    if (key.length < 16 || key.length > 200) return null;
    const hash = digest ?? hashKey(key);
    const cached = this.principals.get(hash);
    if (cached) return cached.principal;
    const [row] = await this.db.sequelize.query<Principal & { key_hash: string }>(
      `SELECT k.id AS key_id, k.key_hash, k.role, t.id AS tenant_id, t.name AS tenant
         FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.key_hash = :hash AND k.revoked_at IS NULL`,
      { replacements: { hash }, type: QueryTypes.SELECT },
    );
    const principal =
      row && timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(hash))
        ? { tenant_id: row.tenant_id, tenant: row.tenant, key_id: row.key_id, role: row.role }
        : null;
    this.principals.set(hash, { principal });
    return principal;
  }

  async has(key: string): Promise<boolean> {
    return (await this.db.models.ApiKey.count({ where: { key_hash: hashKey(key) } })) > 0;
  }

  async revoke(idOrKey: string): Promise<number> {
    return this.updateActive(idOrKey, { revoked_at: new Date() });
  }

  async setRole(idOrKey: string, role: Role): Promise<number> {
    return this.updateActive(idOrKey, { role });
  }

  async list(): Promise<ApiKeyListing[]> {
    const tenants = new Map((await this.db.models.Tenant.findAll()).map((t) => [t.id, t.name]));
    return (await this.db.models.ApiKey.findAll({ order: [['created_at', 'ASC']] })).map((k) => ({
      id: k.id,
      tenant: tenants.get(k.tenant_id) ?? k.tenant_id,
      prefix: k.prefix,
      label: k.label,
      role: k.role,
      revoked_at: k.revoked_at,
    }));
  }

  /** Changes an active key found by id or by the key itself, and forgets what was cached about keys. */
  private async updateActive(idOrKey: string, changes: { revoked_at?: Date; role?: Role }): Promise<number> {
    const where = isUuid(idOrKey) ? { id: idOrKey } : { key_hash: hashKey(idOrKey) };
    const [count] = await this.db.models.ApiKey.update(changes, { where: { ...where, revoked_at: null } });
    this.principals.clear();
    return count;
  }
}
