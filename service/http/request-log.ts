import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../worker';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;
/** The document a route is about, when its path names one. */
const DOCUMENT_IN_PATH = /\/(?:documents|verification)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** A handler that creates a document names it here, so its request line carries the id. */
export function noteDocument(res: Response | undefined, documentId: string): void {
  if (res) res.locals.document_id = documentId;
}

function documentOf(req: IncomingMessage, res: ServerResponse): string | undefined {
  const noted = (res as Response).locals?.document_id as string | undefined;
  return noted ?? DOCUMENT_IN_PATH.exec(req.url ?? '')?.[1];
}

/** Who the request was for and which document it was about, when known. */
function about(req: IncomingMessage, res: ServerResponse): { tenant_id?: string; document_id?: string } {
  const tenant = (req as Request & { user?: { tenant_id: string } }).user?.tenant_id;
  const document = documentOf(req, res);
  return { ...(tenant ? { tenant_id: tenant } : {}), ...(document ? { document_id: document } : {}) };
}

/**
 * One line per request with what an operator filters on (method, path, status, duration, request
 * id, tenant, document) and nothing else: no header sets, which cost work on every request and
 * leak more than they tell.
 */
export function requestLog(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/health' },
    // The request's own logger binds only its id, under the name every other log line uses.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'request_id' },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id: string }) => ({ method: req.method, path: (req as Request).originalUrl ?? req.url }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    // Tenant and a new document are known only once the response is sent: added to the line itself
    // rather than bound in a child logger (pino-http's customProps), which would cost two per request.
    customSuccessObject: (req, res, line: object) => ({ ...line, ...about(req, res) }),
    customErrorObject: (req, res, _error, line: object) => ({ ...line, ...about(req, res) }),
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode} failed`,
  });
}
