import fs from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { BUNDLE_PATH, bundleExample } from './build';

const PUBLIC_DIR = path.join(__dirname, 'public');
const MISSING_MODULE = new Set(['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND']);

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * The page's script: bundled from source on first use where esbuild is installed (so `make dev`
 * always serves the current code), otherwise the bundle `make client` wrote.
 */
async function loadBundle(): Promise<string> {
  try {
    return await bundleExample();
  } catch (error) {
    if (!MISSING_MODULE.has(String(codeOf(error)))) throw error;
    return fs.readFile(BUNDLE_PATH, 'utf8');
  }
}

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
    bundle ??= loadBundle();
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
