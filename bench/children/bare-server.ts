import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import express from 'express';
import multer from 'multer';
import { Pool } from 'pg';
import { childChannel, failChild } from './channel';

/**
 * multer's disk storage with the app's durability: each file is flushed to disk (fsync on close)
 * before it is answered, so the comparison with the app measures the same disk work.
 */
function flushedDiskStorage(destination: string): multer.StorageEngine {
  return {
    _handleFile(_req, file, callback) {
      const filename = randomUUID();
      const target = path.join(destination, filename);
      pipeline(file.stream, createWriteStream(target, { flush: true })).then(
        () => callback(null, { filename, path: target }),
        (error: Error) => callback(error),
      );
    },
    _removeFile(_req, file, callback) {
      fs.rm(file.path, { force: true }).then(() => callback(null), callback);
    },
  };
}

/**
 * What a hand-written durable upload does besides storing the file: one row per upload, committed
 * (autocommit, so one WAL flush each) before the answer. Its table is made on start.
 */
async function rowRecorder(databaseUrl: string): Promise<{ handler: express.RequestHandler; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_bare_uploads (id uuid PRIMARY KEY, filename text NOT NULL, path text NOT NULL)');
  const handler: express.RequestHandler = (req, _res, next) => {
    const file = req.file;
    if (!file) return next(new Error('no file'));
    pool
      .query('INSERT INTO bench_bare_uploads (id, filename, path) VALUES ($1, $2, $3)', [file.filename, file.originalname, file.path])
      .then(() => next(), next);
  };
  return { handler, close: () => pool.end() };
}

/**
 * The baseline: plain Express in the same kind of process, with no auth, database or queue. It
 * answers the document route with a body held in memory and stores uploads on disk with multer:
 * as multer does by default, (under /durable) flushed to disk as the app's local store does, and
 * (under /committed, given BENCH_DATABASE_URL) flushed and then recorded by a committed row.
 */
async function main(): Promise<void> {
  const { BENCH_DOCUMENT_FILE: documentFile, BENCH_UPLOAD_DIR: uploadDir = os.tmpdir(), BENCH_DATABASE_URL: databaseUrl } = process.env;
  const document: unknown = documentFile ? JSON.parse(await fs.readFile(documentFile, 'utf8')) : { status: 'completed' };
  const upload = multer({ storage: multer.diskStorage({ destination: uploadDir, filename: (_req, _file, cb) => cb(null, randomUUID()) }) });
  const durableUpload = multer({ storage: flushedDiskStorage(uploadDir) });

  const app = express();
  app.disable('x-powered-by');
  app.get('/api/v1/documents/:id', (_req, res) => {
    res.json(document);
  });
  const accepted: express.RequestHandler = (req, res) => {
    res.status(202).json({ document_id: req.file?.filename, status: 'queued' });
  };
  app.post('/api/v1/documents/upload', upload.single('file'), accepted);
  app.post('/durable/api/v1/documents/upload', durableUpload.single('file'), accepted);
  const rows = databaseUrl ? await rowRecorder(databaseUrl) : undefined;
  if (rows) app.post('/committed/api/v1/documents/upload', durableUpload.single('file'), rows.handler, accepted);
  // Aborted uploads (the load generator stopping mid-request) end quietly, as in the real app.
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (!res.headersSent) res.status(400).end();
  });
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
  const channel = childChannel(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rows?.close();
  });
  channel.send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

main().catch(failChild);
