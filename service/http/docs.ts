import { Router, type Request, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import spec from '../generated/openapi.json';

const redocScript = require.resolve('redoc/bundles/redoc.standalone.js');

const redocPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>KYB Document Verification API - ReDoc</title>
  </head>
  <body>
    <div id="redoc" data-spec-url="/api/openapi.json"></div>
    <script src="/api/redoc/redoc.standalone.js"></script>
    <script src="/api/redoc/init.js"></script>
  </body>
</html>`;

const redocInit = `Redoc.init(document.getElementById('redoc').dataset.specUrl, { hideDownloadButton: false }, document.getElementById('redoc'));`;

/** The spec, Swagger UI and ReDoc, all served from this process and node_modules: no CDN. */
export function docsRouter(): Router {
  const router = Router();
  router.get('/api/openapi.json', (_req: Request, res: Response) => {
    res.json(spec);
  });
  router.use('/api/docs', swaggerUi.serve, swaggerUi.setup(spec, { customSiteTitle: 'KYB Document Verification API' }));
  router.get('/api/redoc', (_req, res) => {
    res.type('html').send(redocPage);
  });
  router.get('/api/redoc/init.js', (_req, res) => {
    res.type('application/javascript').send(redocInit);
  });
  router.get('/api/redoc/redoc.standalone.js', (_req, res) => {
    res.sendFile(redocScript, { maxAge: '1d' });
  });
  return router;
}
