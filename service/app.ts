import express, { type Express, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { LocalDocumentStore, type Runtime } from '../worker';
import { RegisterRoutes } from './generated/routes';
import { exampleAppRouter } from '../client/example/router';
import { corsFor } from './http/cors';
import { docsRouter } from './http/docs';
import { ApiError, errorHandler, sendError } from './http/errors';
import { jsonDepth } from './http/json-depth';
import { rateLimits } from './http/rate-limit';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { requestSpans } from './http/tracing';
import { buildServices } from './services';
import { localPostRouter } from './documents/local-post';
import { streamingStorage } from './documents/upload-storage';

/** Multipart limits beyond the file size: one file, a few small fields, nothing else. The file goes where `storage` puts it. */
export function uploadParser(maxBytes: number, storage: multer.StorageEngine): multer.Multer {
  return multer({
    storage,
    // Browsers send UTF-8 filenames without declaring a charset.
    defParamCharset: 'utf8',
    // Busboy would reduce a name such as ".." to nothing and treat the file as a text field;
    // cleanFilename makes the display name from the full path instead.
    preservePath: true,
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 16, headerPairs: 100 },
  });
}

/** A multipart Content-Type's boundary parameter with a value (quoted or not): multer passes over a form whose boundary is empty. */
const BOUNDARY = /;\s*boundary=(?:"[^"]+"|[^\s;"]+)/i;

/**
 * Multer leaves `req.files` unset for a body that is not multipart, or a form whose boundary is empty,
 * and Express 5 leaves `req.body` unset for one no parser took (none, or plain text): tsoa then fails
 * reading either (a 500). An empty form lets the controller answer `file_required`, after
 * authentication; a form with no boundary to split it by is malformed.
 */
const noFilesUnlessMultipart: RequestHandler = (req, _res, next) => {
  if (!req.is('multipart/form-data')) {
    (req as Request & { files?: unknown }).files = {};
    req.body = {};
  } else if (!BOUNDARY.test(req.headers['content-type'] ?? '')) {
    return next(new ApiError(400, 'invalid_multipart', 'The multipart body has no boundary to split it by.'));
  }
  next();
};

const MULTIPART = /^multipart\//i;

/** Far deeper than any request of this API nests (a few levels of objects and lists). */
const MAX_JSON_DEPTH = 32;

/** Refuses a body nested deeper than MAX_JSON_DEPTH before it is parsed (`jsonDepth`). */
function shallowJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonDepth(raw) > MAX_JSON_DEPTH)
    throw new ApiError(400, 'json_too_deep', `The request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays.`);
}

/**
 * JSON bodies parsed, up to 64 KiB and MAX_JSON_DEPTH levels; a multipart body (an upload) passes by
 * without body-parser parsing its Content-Type, which it would only do to find it is not JSON.
 */
function jsonBodies(): RequestHandler {
  const json = express.json({ limit: '64kb', verify: shallowJson });
  return (req, res, next) => (MULTIPART.test(req.headers['content-type'] ?? '') ? next() : json(req, res, next));
}

/** The HTTP application, without listening: server.ts listens, tests use supertest. */
export function createApp(runtime: Runtime): Express {
  const { config, log } = runtime;
  const app = express();
  app.disable('x-powered-by');
  // Hops of proxies whose X-Forwarded-For is believed: none by default, the ALB's one in AWS.
  app.set('trust proxy', config.TRUST_PROXY);
  app.locals.services = buildServices(runtime);

  app.use(requestLog(log));
  app.use(requestSpans());
  app.use(securityHeaders(config.NODE_ENV === 'production'));
  const cors = corsFor(config.CORS_ORIGINS);
  if (cors) app.use(cors);
  app.use(jsonBodies());
  app.use(
    '/api/v1',
    rateLimits({ perKeyPerMinute: config.RATE_LIMIT_PER_MINUTE, failedAuthPerMinute: config.RATE_LIMIT_FAILED_AUTH_PER_MINUTE }),
  );

  app.get('/', (_req, res) => {
    res.json({ name: 'KYB Document Verification API', docs: '/api/docs', redoc: '/api/redoc', openapi: '/api/openapi.json' });
  });
  app.use(docsRouter());
  app.post('/api/v1/documents/upload', noFilesUnlessMultipart);
  if (runtime.store instanceof LocalDocumentStore) app.use(localPostRouter(runtime.store, config.MAX_UPLOAD_BYTES));
  RegisterRoutes(app, {
    multer: uploadParser(config.MAX_UPLOAD_BYTES, streamingStorage({ store: runtime.store, storagePrefix: config.S3_PREFIX, log })),
  });
  app.use('/app', exampleAppRouter());

  app.use((req, res) => sendError(res, req, new ApiError(404, 'not_found', `No route for ${req.method} ${req.path}.`)));
  app.use(errorHandler(log, runtime.isUnavailable));
  return app;
}
