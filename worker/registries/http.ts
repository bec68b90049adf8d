import { ExponentialBackoff, handleWhen, retry, TaskCancelledError, timeout, TimeoutStrategy } from 'cockatiel';
import { RegistryError, type RegistryName } from './errors';
import { RateLimitWaitTooLong, type WindowLimiter } from './rate-limit';
import { metrics } from '../telemetry/metrics';
import { inSpan } from '../telemetry/tracing';

export interface HttpPolicy {
  /** Per attempt, covering the whole response body. */
  timeoutMs: number;
  /** Further attempts after the first, for 429, 5xx, timeouts and network failures. */
  retries: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultHttpPolicy: HttpPolicy = { timeoutMs: 10_000, retries: 3, initialDelayMs: 250, maxDelayMs: 5_000 };

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A response the registry may answer differently next time. */
class TransientStatus extends Error {
  constructor(readonly response: HttpResponse) {
    super(`HTTP ${response.status}`);
  }
}

const isTransient = (error: Error) => error instanceof TransientStatus || error instanceof TaskCancelledError || error instanceof TypeError;

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function finalError(registry: RegistryName, error: unknown): RegistryError {
  if (error instanceof RegistryError) return error;
  if (error instanceof RateLimitWaitTooLong) {
    return new RegistryError(
      registry,
      'registry_rate_limited',
      `Rate limit reached; the window reopens in ${Math.ceil(error.waitMs / 1000)} s`,
      429,
    );
  }
  if (error instanceof TransientStatus) {
    const status = error.response.status;
    return status === 429
      ? new RegistryError(registry, 'registry_rate_limited', 'The registry kept answering 429 Too Many Requests', status)
      : new RegistryError(registry, 'registry_unavailable', `The registry kept answering HTTP ${status}`, status);
  }
  if (error instanceof TaskCancelledError) return new RegistryError(registry, 'registry_timeout', 'The registry did not answer in time');
  return new RegistryError(registry, 'registry_unavailable', `The registry could not be reached: ${(error as Error).message}`);
}

export interface HttpClientOptions {
  registry: RegistryName;
  policy: HttpPolicy;
  limiter?: WindowLimiter;
}

/**
 * Sends requests with a per-attempt timeout, retrying transient failures with exponential
 * backoff and decorrelated jitter. Every attempt first takes its place in the shared rate budget,
 * and the registry's rate headers correct that budget. Non-transient statuses are returned for
 * the caller to interpret; anything left failing becomes one RegistryError.
 */
export function createHttpClient({ registry, policy, limiter }: HttpClientOptions) {
  const retryPolicy = retry(handleWhen(isTransient), {
    maxAttempts: policy.retries,
    backoff: new ExponentialBackoff({ initialDelay: policy.initialDelayMs, maxDelay: policy.maxDelayMs }),
  });
  const timeoutPolicy = timeout(policy.timeoutMs, TimeoutStrategy.Aggressive);

  const attempt = (url: string, init: RequestInit) =>
    retryPolicy.execute(async () => {
      await limiter?.acquire();
      return timeoutPolicy.execute(async ({ signal }) => {
        const res = await fetch(url, { ...init, signal });
        limiter?.observeHeaders(res.headers);
        const response = { status: res.status, headers: res.headers, body: await readBody(res) };
        if (res.status === 429 || res.status >= 500) throw new TransientStatus(response);
        return response;
      });
    });

  return function send(url: string, init: RequestInit): Promise<HttpResponse> {
    const attributes = { 'kyb.registry': registry, 'http.request.method': init.method ?? 'GET', 'url.path': new URL(url).pathname };
    return inSpan(`registry ${registry}`, attributes, async (span) => {
      const started = performance.now();
      try {
        const response = await attempt(url, init);
        span.setAttribute('http.response.status_code', response.status);
        metrics().registryCall(registry, 'ok', performance.now() - started);
        return response;
      } catch (error) {
        metrics().registryCall(registry, 'error', performance.now() - started);
        throw finalError(registry, error);
      }
    });
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
