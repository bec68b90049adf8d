import type { Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/** helmet's settings for this API: its defaults, with a policy that lets ReDoc and the example page run. */
export function helmetOptions(production: boolean): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: {
      directives: {
        // ReDoc renders in a web worker made from a blob and styles itself inline.
        'worker-src': ["'self'", 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // Behind the ALB's TLS listener in production; plain http on a laptop or LAN otherwise.
        'upgrade-insecure-requests': production ? [] : null,
      },
    },
  };
}

/**
 * The headers a middleware sets when none of its values depends on the request (helmet's, with no
 * nonce functions), read off once and then set in one step per request. helmet itself runs a dozen
 * middlewares per request, each setting one header whose value it fixed at start-up: 5% of a kept
 * document read's time in its profile.
 */
export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const headers = new Map<string, string>();
  const removed = new Set<string>();
  const recorder = {
    setHeader: (name: string, value: string) => void headers.set(name, value),
    removeHeader: (name: string) => void removed.add(name),
  };
  middleware({} as Request, recorder as unknown as Response, () => undefined);
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    res.setHeaders(headers);
    next();
  };
}

/** helmet's security headers for every answer, set as `fixedHeaders` does. */
export function securityHeaders(production: boolean): RequestHandler {
  return fixedHeaders(helmet(helmetOptions(production)));
}
