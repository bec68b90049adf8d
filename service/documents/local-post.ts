import { Router, type ErrorRequestHandler, type Request } from 'express';
import multer from 'multer';
import { LOCAL_POST_PATH, PostPolicyRefused, type LocalDocumentStore } from '../../worker';
import { ApiError, sendError } from '../http/errors';

const REFUSALS: Record<PostPolicyRefused['code'], [number, string]> = {
  AccessDenied: [403, 'policy_refused'],
  EntityTooLarge: [413, 'file_too_large'],
  EntityTooSmall: [400, 'empty_file'],
};

const refused: ErrorRequestHandler = (error, req, res, next) => {
  if (!(error instanceof PostPolicyRefused)) return next(error);
  const [status, code] = REFUSALS[error.code];
  sendError(res, req, new ApiError(status, code, error.message));
};

/**
 * The local store's stand-in for S3's POST upload: the form's signed policy is checked (fields come
 * before the file, as S3 requires) and the file is streamed to the key it names, within its size range.
 */
export function localPostRouter(store: LocalDocumentStore, maxBytes: number): Router {
  const form = multer({
    storage: {
      _handleFile(req: Request, file, callback) {
        store.acceptPost(req.body as Record<string, unknown>, file.stream).then((policy) => callback(null, { path: policy.key }), callback);
      },
      _removeFile(_req, file, callback) {
        store.delete(file.path).then(() => callback(null), callback);
      },
    },
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 8 * 1024, parts: 12 },
  });
  const router = Router();
  router.post(LOCAL_POST_PATH, form.single('file'), (req, res) => {
    if (!req.file)
      return sendError(res, req, new ApiError(400, 'file_required', 'Post the file in a part named "file", after the fields.'));
    res.status(204).end();
  });
  router.use(refused);
  return router;
}
