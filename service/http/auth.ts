import type { Request } from 'express';
import type { ApiKeyRepository, Principal } from '../../worker';
import { ApiError } from './errors';

/** The request after authentication: tsoa puts what expressAuthentication returns on `user`. */
export type AuthedRequest = Request & { user: Principal };

const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'Send a valid API key as `Authorization: Bearer <key>`.', undefined, {
    'WWW-Authenticate': 'Bearer',
  });

/** The key of an `Authorization: Bearer <key>` header, however it is spaced; undefined for anything else. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** tsoa's authentication hook: resolves the tenant behind a bearer key, or refuses with 401. */
export async function expressAuthentication(req: Request, securityName: string): Promise<Principal> {
  if (securityName !== 'api_key') throw unauthorized();
  const token = bearerToken(req);
  if (!token) throw unauthorized();
  // The app's services (service/services.ts) carry the key repository the runtime built.
  const { apiKeys } = req.app.locals.services as { apiKeys: ApiKeyRepository };
  const principal = await apiKeys.authenticate(token);
  if (!principal) throw unauthorized();
  return principal;
}
