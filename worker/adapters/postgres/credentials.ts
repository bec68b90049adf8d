import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Sequelize } from 'sequelize';

/** A database login as AWS's rotation keeps it: the username alternates (kyb_app, kyb_app_clone) with the password. */
export interface Credentials {
  username: string;
  password: string;
}

export interface RotatingCredentials {
  /** The login for a new connection: read from the secret, kept for at most maxAgeMs. */
  get(): Promise<Credentials>;
  /** After the server refused a login: the next connection reads the secret again. */
  invalidate(): void;
}

/** Multi-user rotation keeps the previous login valid for a whole rotation period, so an hour-old copy is always good. */
export const DEFAULT_MAX_AGE_MS = 15 * 60_000;

export function parseCredentials(text: string): Credentials {
  const secret = JSON.parse(text) as Partial<Record<string, unknown>>;
  if (typeof secret.username !== 'string' || typeof secret.password !== 'string')
    throw new Error('The database login secret has no username or password');
  return { username: secret.username, password: secret.password };
}

/** Reads the secret each time it is asked (no cache of its own: rotatingCredentials decides when). */
export function secretReader(client: Pick<SecretsManagerClient, 'send'>, secretId: string): () => Promise<string> {
  return async () => {
    // Loaded on first read: a database without a rotating login never needs the SDK's modules.
    const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (typeof out.SecretString !== 'string') throw new Error(`Secret ${secretId} has no text value`);
    return out.SecretString;
  };
}

export function rotatingCredentials(
  read: () => Promise<string>,
  options: { maxAgeMs?: number; now?: () => number } = {},
): RotatingCredentials {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  let cached: { value: Promise<Credentials>; at: number } | undefined;
  return {
    get() {
      if (!cached || now() - cached.at >= maxAgeMs) {
        const value = read().then(parseCredentials);
        const entry = { value, at: now() };
        cached = entry;
        // A failed read is not kept: the next connection tries again.
        value.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.value;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** PostgreSQL's invalid_password (28P01) and invalid_authorization_specification (28000), however deep the wrapping. */
export function isAuthenticationFailure(error: unknown): boolean {
  for (let e = error as { code?: unknown; original?: unknown; parent?: unknown } | undefined; e; e = (e.original ?? e.parent) as typeof e) {
    if (e.code === '28P01' || e.code === '28000') return true;
    if (e === e.original || e === e.parent) break;
  }
  return false;
}

/** The one place Sequelize opens a pg connection: Sequelize's beforeConnect hook sees no failure, this does. */
interface DialectConnector {
  connect(config: unknown): Promise<unknown>;
}

/**
 * Every new pooled connection logs in with the current credentials instead of a password fixed at
 * start; a login the server refuses (a rotation we had not read yet) drops the cached copy, so the
 * next connection reads the secret again.
 */
export function useRotatingCredentials(sequelize: Sequelize, credentials: RotatingCredentials): void {
  sequelize.addHook('beforeConnect', async (config) => {
    const login = await credentials.get();
    config.username = login.username;
    config.password = login.password;
  });
  const connector = sequelize.connectionManager as unknown as DialectConnector;
  const connect = connector.connect.bind(connector);
  connector.connect = async (config) => {
    try {
      return await connect(config);
    } catch (error) {
      if (isAuthenticationFailure(error)) credentials.invalidate();
      throw error;
    }
  };
}
