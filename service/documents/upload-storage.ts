import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import type { AuthedRequest } from '../http/auth';
import { storeStream, type IntakeDeps, type StoredUpload } from './intake';

/** The file part as the storage engine leaves it for the controller: what multer knows, and what was stored. */
export interface UploadedPart {
  originalname: string;
  stored?: StoredUpload;
}

/**
 * A multer storage engine that writes the file part to the document store as it arrives (type
 * sniffed from the head, bytes counted and hashed on the way). An object the request ends without
 * recording (refused claims, a failed form, a client gone) is removed once the response is over.
 */
export function streamingStorage(deps: IntakeDeps): StorageEngine {
  return {
    _handleFile(req: Request, file, callback) {
      const stream = file.stream as typeof file.stream & { truncated?: boolean };
      // The file is part of the request's body: its length, when sent, bounds the file's.
      const length = Number(req.headers['content-length']);
      const atMostBytes = Number.isSafeInteger(length) ? length : undefined;
      storeStream(deps, (req as AuthedRequest).user.tenant_id, stream, () => stream.truncated === true, atMostBytes).then((stored) => {
        req.res?.once('close', () => void stored.discard());
        callback(null, { stored } as Partial<Express.Multer.File>);
      }, callback);
    },
    _removeFile(_req, file, callback) {
      const { stored } = file as UploadedPart;
      if (!stored) return callback(null);
      stored.discard().then(() => callback(null), callback);
    },
  };
}
