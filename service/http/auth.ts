import type { Request } from 'express';
import type { Principal } from '../../worker';
import type { AppServices } from '../services';
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
  const principal = await (req.app.locals.services as AppServices).apiKeys.authenticate(match[1]);
  if (!principal) throw unauthorized();
  return principal;
}
