import type { Request } from 'express';
import { hashKey, type ApiKeyRepository, type Principal } from '../../worker';
import { ApiError } from './errors';

/** The request after authentication: tsoa puts what expressAuthentication returns on `user`. */
export type AuthedRequest = Request & { user: Principal };

const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'Send a valid API key as `Authorization: Bearer <key>`.', undefined, {
    'WWW-Authenticate': 'Bearer',
  });

/** The key of an `Authorization: Bearer <key>` header, however it is spaced; undefined for anything else. */
function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** A request's bearer key and its digest, as keys are stored. */
export interface BearerKey {
  key: string;
  digest: string;
}

declare module 'http' {
  interface IncomingMessage {
    /** The bearer key once `bearerKey` has parsed it; null when there is none. */
    bearer?: BearerKey | null;
  }
}

/**
 * The request's bearer key, parsed and hashed once however often it is asked for: the rate limits
 * key on the digest, and authentication looks the same digest up. Kept on the request rather than
 * in a WeakMap, whose entries every young-generation collection would have to visit.
 */
export function bearerKey(req: Request): BearerKey | undefined {
  if (req.bearer === undefined) {
    const key = bearerToken(req);
    req.bearer = key === undefined ? null : { key, digest: hashKey(key) };
  }
  return req.bearer ?? undefined;
}

const forbidden = (roles: string[]) =>
  new ApiError(403, 'insufficient_role', `This route needs a key with the ${roles.join(' or ')} role (or admin).`, { roles });

/**
 * tsoa's authentication hook: resolves the tenant behind a bearer key, or refuses with 401. The
 * route's scopes name the roles that may call it (none: any key); admin keys may call every route.
 */
export async function expressAuthentication(req: Request, securityName: string, roles: string[] = []): Promise<Principal> {
  if (securityName !== 'api_key') throw unauthorized();
  const bearer = bearerKey(req);
  if (!bearer) throw unauthorized();
  // The app's services (service/services.ts) carry the key repository the runtime built.
  const { apiKeys } = req.app.locals.services as { apiKeys: ApiKeyRepository };
  const principal = await apiKeys.authenticate(bearer.key, bearer.digest);
  if (!principal) throw unauthorized();
  if (roles.length > 0 && principal.role !== 'admin' && !roles.includes(principal.role)) throw forbidden(roles);
  return principal;
}
