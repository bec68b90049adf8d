import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the OpenAI Chat Completions API, answering in the real wire shapes:
 * `chat.completion` objects with `message.refusal`, error bodies `{ error: { message, type,
 * param, code } }`, 401 for a wrong key and 429 with the rate-limit headers the SDK reads.
 */

export type FakeReply =
  | { kind: 'json'; content: unknown }
  | { kind: 'text'; content: string }
  | { kind: 'refusal'; refusal: string }
  | { kind: 'rate_limited' }
  | { kind: 'server_error' }
  /** Never answers: the client's timeout must fire. */
  | { kind: 'hang' };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, any>;
}

export interface FakeOpenAI {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Replies in order; the last one repeats. */
  script(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

function errorBody(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${randomBytes(12).toString('hex')}`, ...headers });
  res.end(JSON.stringify(body));
}

function completion(model: string, message: { content: string | null; refusal: string | null }) {
  return {
    id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', ...message, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 812,
      completion_tokens: 96,
      total_tokens: 908,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fake0001',
  };
}

/** Checks what the real API would refuse with 400 before any model runs. */
function requestProblem(body: Record<string, any>): string | undefined {
  if (typeof body.model !== 'string') return 'you must provide a model parameter';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "Missing required parameter: 'messages'.";
  const format = body.response_format;
  if (format && format.type === 'json_schema') {
    if (typeof format.json_schema?.name !== 'string' || typeof format.json_schema?.schema !== 'object') {
      return "Missing required parameter: 'response_format.json_schema.name'.";
    }
  }
  return undefined;
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, any> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function startFakeOpenAI(apiKey = `sk-test-${randomBytes(8).toString('hex')}`): Promise<FakeOpenAI> {
  let replies: FakeReply[] = [{ kind: 'json', content: {} }];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    const body = await readJson(req);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return send(res, 404, errorBody(`Invalid URL (${req.method} ${req.url})`, 'invalid_request_error', null));
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      const shown = (req.headers.authorization ?? '').replace(/^Bearer\s+/, '');
      return send(
        res,
        401,
        errorBody(
          `Incorrect API key provided: ${shown.slice(0, 3)}****${shown.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    if (!body) return send(res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error', null));
    const problem = requestProblem(body);
    if (problem) return send(res, 400, errorBody(problem, 'invalid_request_error', null));
    requests.push({ path: req.url, headers: req.headers, body });
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    switch (reply.kind) {
      case 'json':
        return send(res, 200, completion(body.model, { content: JSON.stringify(reply.content), refusal: null }));
      case 'text':
        return send(res, 200, completion(body.model, { content: reply.content, refusal: null }));
      case 'refusal':
        return send(res, 200, completion(body.model, { content: null, refusal: reply.refusal }));
      case 'rate_limited':
        return send(
          res,
          429,
          errorBody(
            `Rate limit reached for ${body.model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20ms.`,
            'requests',
            'rate_limit_exceeded',
          ),
          {
            'retry-after-ms': '20',
            'x-ratelimit-limit-requests': '3',
            'x-ratelimit-remaining-requests': '0',
            'x-ratelimit-reset-requests': '20ms',
            'x-ratelimit-limit-tokens': '40000',
            'x-ratelimit-remaining-tokens': '39000',
            'x-ratelimit-reset-tokens': '1.5s',
          },
        );
      case 'server_error':
        return send(res, 500, errorBody('The server had an error while processing your request. Sorry about that!', 'server_error', null));
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return undefined;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    script: (...next) => {
      replies = next.length > 0 ? next : [{ kind: 'json', content: {} }];
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
