import type { Check, CheckStatus } from '../domain';
import { RegistryError } from '../registries/errors';

export function check(
  id: string,
  status: CheckStatus,
  reason_code: string,
  message: string,
  evidence: Record<string, unknown> = {},
): Check {
  return { id, status, reason_code, message, evidence };
}

/** The reason code of a check whose registry nobody configured. */
export const NOT_CONFIGURED = 'not_configured';

/** The check needs a registry nobody configured: it could not run, which is never a pass and lowers the score. */
export function notConfigured(id: string, what: string): Check {
  return check(id, 'not_applicable', NOT_CONFIGURED, `${what} is not configured, so this was not checked.`);
}

/** The check's dependency failed: recorded as an error with the failure's own code. */
export function errored(id: string, error: unknown): Check {
  if (error instanceof RegistryError) {
    return check(id, 'error', error.code, error.message, { registry: error.registry, http_status: error.status ?? null });
  }
  return check(id, 'error', 'check_failed', `The check could not be completed: ${(error as Error)?.message ?? String(error)}`);
}
