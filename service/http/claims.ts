import { z } from 'zod';
import type { Claims } from '../../worker';
import { ServiceError } from '../errors';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // Postgres cannot keep a NUL in JSON, and no real claim has control characters.
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed')
    .optional()
    .transform((v) => (v ? v : undefined));

const claimsSchema = z.object({
  company_number: text(16).refine((v) => v === undefined || /^[A-Za-z0-9 ]+$/.test(v), 'letters and digits only'),
  company_name: text(300),
  vat_number: text(20).refine((v) => v === undefined || /^(GB)?[0-9 ]+$/i.test(v), 'digits, optionally after GB'),
});

/** Validates what the applicant claims; present but malformed values are refused rather than ignored. */
export function parseClaims(input: Record<string, unknown>): Claims {
  // Most uploads claim nothing, and there is then nothing to check: zod's walk was 1% of an upload's time.
  if (Object.values(input).every((value) => value === undefined)) return {};
  const parsed = claimsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServiceError('invalid', 'invalid_claims', `${String(issue?.path[0])}: ${issue?.message}`, {
      field: String(issue?.path[0]),
    });
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Claims;
}
