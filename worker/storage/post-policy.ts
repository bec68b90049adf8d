import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DirectUploadForm, DirectUploadPolicy } from './port';

/**
 * The local store's presigned POST: the policy document S3 uses (an expiry and the conditions the
 * form must meet), base64 in the `Policy` field, signed with an HMAC of the server's key instead of
 * SigV4. The form the client posts is the same either way: these fields, then the file.
 */
export const SIGNATURE_FIELD = 'x-kyb-signature';

interface PolicyDocument {
  expiration: string;
  conditions: [{ key: string }, ['eq', '$Content-Type', string], ['content-length-range', number, number]];
}

/** Why a posted form was refused, with the S3 error code a client of S3 would see for it. */
export class PostPolicyRefused extends Error {
  constructor(
    readonly code: 'AccessDenied' | 'EntityTooLarge' | 'EntityTooSmall',
    message: string,
  ) {
    super(message);
    this.name = 'PostPolicyRefused';
  }
}

function sign(secret: Buffer, policy: string): string {
  return createHmac('sha256', secret).update(policy).digest('hex');
}

export function signPostPolicy(secret: Buffer, url: string, policy: DirectUploadPolicy): DirectUploadForm {
  const document: PolicyDocument = {
    expiration: policy.expiresAt.toISOString(),
    conditions: [{ key: policy.key }, ['eq', '$Content-Type', policy.contentType], ['content-length-range', 1, policy.maxBytes]],
  };
  const encoded = Buffer.from(JSON.stringify(document)).toString('base64');
  return {
    url,
    fields: { key: policy.key, 'Content-Type': policy.contentType, Policy: encoded, [SIGNATURE_FIELD]: sign(secret, encoded) },
  };
}

/** The policy a posted form carries, once its signature, expiry, key and type are checked; the size is checked as the file streams. */
export function verifyPostPolicy(secret: Buffer, fields: Record<string, unknown>, now = new Date()): DirectUploadPolicy {
  const { Policy: policy, key } = fields;
  const signature = fields[SIGNATURE_FIELD];
  if (typeof policy !== 'string' || typeof signature !== 'string' || typeof key !== 'string') {
    throw new PostPolicyRefused('AccessDenied', 'The form needs the key, policy and signature fields before the file.');
  }
  const expected = Buffer.from(sign(secret, policy));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new PostPolicyRefused('AccessDenied', 'The policy signature does not match.');
  }
  const document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as PolicyDocument;
  const [{ key: allowedKey }, [, , contentType], [, , maxBytes]] = document.conditions;
  const expiresAt = new Date(document.expiration);
  if (!(expiresAt.getTime() > now.getTime())) throw new PostPolicyRefused('AccessDenied', 'The policy has expired.');
  if (key !== allowedKey) throw new PostPolicyRefused('AccessDenied', 'The key is not the one the policy allows.');
  if (fields['Content-Type'] !== contentType)
    throw new PostPolicyRefused('AccessDenied', 'The Content-Type is not the one the policy allows.');
  return { key: allowedKey, contentType, maxBytes, expiresAt };
}
