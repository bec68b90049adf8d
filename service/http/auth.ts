import type { Request } from 'express';
import type { ApiKeyRepository, Principal } from '../../worker';
import { ApiError } from './errors';

/** The request after authentication: tsoa puts what expressAuthentication returns on `user`. */
export type AuthedRequest = Request & { user: Principal };

const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'Send a valid API key as `Authorization: Bearer <key>`.', undefined, {
    'WWW-Authenticate': 'Bearer',
  });

/** tsoa's authentication hook: resolves the tenant behind a bearer key, or refuses with 401. */
export async function expressAuthentication(req: Request, securityName: string): Promise<Principal> {
  if (securityName !== 'api_key') throw unauthorized();
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized();
  // The app's services (service/services.ts) carry the key repository the runtime built.
  const { apiKeys } = req.app.locals.services as { apiKeys: ApiKeyRepository };
  const principal = await apiKeys.authenticate(match[1]);
  if (!principal) throw unauthorized();
  return principal;
}
