import net from 'node:net';

export interface RawAnswer {
  /** Everything the server sent back. */
  text: string;
  /** Whether the server closed the connection (rather than our own safety limit cutting it). */
  closed: boolean;
}

interface Target {
  host: string;
  port: number;
}

/** How long a test waits for the server before giving up on it: far beyond its configured timeouts. */
const SAFETY_MS = 15_000;

function converse(target: Target, start: (socket: net.Socket) => void, onEnd: () => void = () => undefined): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(target.port, target.host);
    let text = '';
    const safety = setTimeout(() => {
      onEnd();
      socket.destroy();
      resolve({ text, closed: false });
    }, SAFETY_MS);
    socket.on('connect', () => start(socket));
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the server answered is the server closing on us: that is the point.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      clearTimeout(safety);
      onEnd();
      resolve({ text, closed: true });
    });
  });
}

/** Sends `head`, then `drip` every 300 ms, until the server answers or hangs up (a slowloris client). */
export function trickle(options: Target & { head: string; drip: string }): Promise<RawAnswer> {
  let timer: NodeJS.Timeout | undefined;
  return converse(
    options,
    (socket) => {
      socket.write(options.head);
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(options.drip);
      }, 300);
    },
    () => clearInterval(timer),
  );
}

/** Sends bytes as they are, optionally half-closing after them, and reads whatever comes back. */
export function rawExchange(options: Target & { send: string; endAfterSend?: boolean }): Promise<RawAnswer> {
  return converse(options, (socket) => {
    if (options.send) socket.write(options.send, 'latin1');
    if (options.endAfterSend) socket.end();
  });
}

/** The `code` of the JSON error a raw answer carries, if it carries one. */
export function errorCode(text: string): string | undefined {
  try {
    return (JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { code?: string }).code;
  } catch {
    return undefined;
  }
}
