import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from './errors';

/** What Node's parser and timers refuse before Express sees a request, as the API's own errors. */
const REFUSALS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request did not arrive in time.'],
};
const MALFORMED: [number, string, string] = [400, 'malformed_request', 'The request is not valid HTTP.'];

/** The socket's answer in progress, which Node keeps on it: once its head is out, nothing more may be written. */
const answering = (socket: Duplex) => (socket as Duplex & { _httpMessage?: { headersSent: boolean } })._httpMessage?.headersSent === true;

/**
 * Answers the requests Node itself refuses (headers over its limit, a request line or framing it cannot
 * parse, a client too slow to send its request) with the same `{ code, message }` body as every other
 * error, where Node would answer with its status and no body. A socket already reset, or already
 * answering, is closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || answering(socket)) {
      socket.destroy();
      return;
    }
    const [status, code, message] = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ code, message } satisfies ErrorBody);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
