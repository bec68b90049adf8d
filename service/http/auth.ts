import type { Request } from 'express';
import type { ApiKeyRepository, Principal } from '../../worker';
import { ApiError } from './errors';

/** The request after authentication: tsoa puts what expressAuthentication returns on `user`. */
export type AuthedRequest = Request & { user: Principal };

const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'Send a valid API key as `Authorization: Bearer <key>`.', undefined, {
    'WWW-Authenticate': 'Bearer',
  });

const forbidden = (roles: string[]) =>
  new ApiError(403, 'insufficient_role', `This route needs a key with the ${roles.join(' or ')} role (or admin).`, { roles });

/**
 * tsoa's authentication hook: resolves the tenant behind a bearer key, or refuses with 401. The
 * route's scopes name the roles that may call it (none: any key); admin keys may call every route.
 */
export async function expressAuthentication(req: Request, securityName: string, roles: string[] = []): Promise<Principal> {
  if (securityName !== 'api_key') throw unauthorized();
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized();
  // The app's services (service/services.ts) carry the key repository the runtime built.
  const { apiKeys } = req.app.locals.services as { apiKeys: ApiKeyRepository };
  const principal = await apiKeys.authenticate(match[1]);
  if (!principal) throw unauthorized();
  if (roles.length > 0 && principal.role !== 'admin' && !roles.includes(principal.role)) throw forbidden(roles);
  return principal;
}
