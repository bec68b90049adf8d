import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { QueryTypes } from 'sequelize';
import { ApiKey, Tenant } from './models';

export interface Principal {
  tenant_id: string;
  tenant: string;
  key_id: string;
}

const KEY_PREFIX = 'kyb_';

/** Keys are 32 random bytes, so a fast hash is enough: nothing to brute-force, only the stored copy to protect. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function lookupPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 8);
}

export async function ensureTenant(name: string): Promise<Tenant> {
  const [tenant] = await Tenant.findOrCreate({ where: { name }, defaults: { name } });
  return tenant;
}

/** Creates a key for the tenant (creating the tenant if new). The plain key is returned once and never stored. */
export async function createApiKey(
  tenantName: string,
  options: { key?: string; label?: string } = {},
): Promise<{ key: string; id: string; tenant_id: string }> {
  const tenant = await ensureTenant(tenantName);
  const key = options.key ?? `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await ApiKey.create({
    tenant_id: tenant.id,
    prefix: lookupPrefix(key),
    key_hash: hashKey(key),
    label: options.label ?? null,
    revoked_at: null,
    last_used_at: null,
  });
  return { key, id: row.id, tenant_id: tenant.id };
}

/**
 * Who a key belongs to, remembered briefly: every API request authenticates, and without this
 * each would cost a database round trip. A revocation here clears it at once; one made by
 * another process takes effect within the TTL.
 */
const principals = new LRUCache<string, { principal: Principal | null }>({ max: 10_000, ttl: 10_000 });

/** Finds the tenant a key belongs to, or null for an unknown or revoked key. */
export async function authenticateKey(key: string): Promise<Principal | null> {
  if (key.length < 16 || key.length > 200) return null;
  const hash = hashKey(key);
  const cached = principals.get(hash);
  if (cached) return cached.principal;
  const sequelize = ApiKey.sequelize;
  if (!sequelize) throw new Error('Models are not initialised');
  const [row] = await sequelize.query<Principal & { key_hash: string }>(
    `SELECT k.id AS key_id, k.key_hash, t.id AS tenant_id, t.name AS tenant
       FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      WHERE k.key_hash = :hash AND k.revoked_at IS NULL`,
    { replacements: { hash }, type: QueryTypes.SELECT },
  );
  const principal =
    row && timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(hash))
      ? { tenant_id: row.tenant_id, tenant: row.tenant, key_id: row.key_id }
      : null;
  principals.set(hash, { principal });
  return principal;
}

export async function hasKey(key: string): Promise<boolean> {
  return (await ApiKey.count({ where: { key_hash: hashKey(key) } })) > 0;
}

/** Revokes by key id or by the plain key; returns how many keys were revoked. */
export async function revokeApiKey(idOrKey: string): Promise<number> {
  const where = /^[0-9a-f-]{36}$/i.test(idOrKey) ? { id: idOrKey } : { key_hash: hashKey(idOrKey) };
  const [count] = await ApiKey.update({ revoked_at: new Date() }, { where: { ...where, revoked_at: null } });
  principals.clear();
  return count;
}
