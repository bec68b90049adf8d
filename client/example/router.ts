import fs from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { BUNDLE_PATH } from './paths';

const PUBLIC_DIR = path.join(__dirname, 'public');

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

function unavailable(req: Request, res: Response): void {
  res.status(503).json({
    code: 'app_unavailable',
    message: 'The example page is not built: run `make client`.',
    request_id: (req as Request & { id?: unknown }).id?.toString(),
  });
}

/** The example page at its mount point (e.g. `/app`): HTML, stylesheet and script, all self-hosted for a strict CSP. */
export function exampleAppRouter(): Router {
  const router = Router();
  let bundle: Promise<string> | undefined;

  router.get('/', (req, res) => {
    // Relative asset URLs need the trailing slash: /app → /app/.
    if (!req.originalUrl.split('?')[0]?.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    res.set('Cache-Control', 'no-cache').sendFile(path.join(PUBLIC_DIR, 'index.html'));
  });
  router.get('/app.js', async (req, res, next) => {
    // Built ahead (make dev and make test build it first); the API never loads a bundler.
    bundle ??= fs.readFile(BUNDLE_PATH, 'utf8');
    try {
      const script = await bundle;
      res.type('application/javascript').set('Cache-Control', 'no-cache').send(script);
    } catch (error) {
      bundle = undefined;
      if (codeOf(error) === 'ENOENT') return unavailable(req, res);
      next(error);
    }
  });
  router.use(express.static(PUBLIC_DIR, { index: false, maxAge: 0 }));
  return router;
}
