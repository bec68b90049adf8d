import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const SUFFIX = '_SECRET_ARN';
const SSL_MODES = ['disable', 'no-verify', 'require', 'verify-ca', 'verify-full'] as const;

/** A secret that exists but cannot be used; start-up stops with this code rather than run half-configured. */
export class SecretError extends Error {
  constructor(
    readonly code: 'secret_format' | 'secret_unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface LoadSecretsOptions {
  client?: Pick<SecretsManagerClient, 'send'>;
}

/** Fetched values by ARN: one call per secret per container, however many invocations follow. */
const fetched = new Map<string, Promise<string>>();
let defaultClient: SecretsManagerClient | undefined;

/**
 * The Secrets Manager SDK, loaded only when a secret is read: a process configured without any (the
 * embedded defaults, an API given its values directly) never holds its modules.
 */
const secretsSdk = () => import('@aws-sdk/client-secrets-manager');

function fetchSecret(client: Pick<SecretsManagerClient, 'send'>, arn: string): Promise<string> {
  let value = fetched.get(arn);
  if (!value) {
    value = secretsSdk().then(async ({ GetSecretValueCommand }) => {
      const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      if (typeof out.SecretString !== 'string') throw new SecretError('secret_format', `Secret ${arn} has no text value`);
      return out.SecretString;
    });
    // A failed read is not remembered, so the next invocation tries again.
    value.catch(() => fetched.delete(arn));
    fetched.set(arn, value);
  }
  return value;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface DatabaseLocation {
  host?: string;
  port?: string;
  dbname?: string;
}

/**
 * The JSON that RDS and Secrets Manager rotation keep for a database user, as a connection URL.
 * An RDS-managed master secret holds only the username and password, so where the server is comes
 * from DATABASE_HOST, DATABASE_PORT and DATABASE_NAME.
 */
export function databaseUrlFromSecret(text: string, sslmode: string, location: DatabaseLocation = {}): string {
  const secret = { ...withoutEmpty(location), ...parseObject(text) };
  const field = (name: string) => {
    const value = secret?.[name];
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new SecretError('secret_format', `The database secret has no ${name}`);
    return String(value);
  };
  if (!(SSL_MODES as readonly string[]).includes(sslmode))
    throw new SecretError('secret_format', `DATABASE_SSLMODE must be one of ${SSL_MODES.join(', ')}`);
  const port = secret?.port === undefined ? '5432' : field('port');
  const dbname = secret?.dbname === undefined ? 'postgres' : field('dbname');
  const url = new URL(`postgres://${field('host')}`);
  url.username = field('username');
  url.password = field('password');
  url.port = port;
  url.pathname = `/${encodeURIComponent(dbname)}`;
  url.searchParams.set('sslmode', sslmode);
  return url.toString();
}

function withoutEmpty(location: DatabaseLocation): Record<string, string> {
  return Object.fromEntries(Object.entries(location).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Record<string, string>;
}

/** A plain secret is the value itself; a JSON one holds it under the variable's own name. */
function valueFromSecret(name: string, text: string): string {
  const object = parseObject(text);
  if (!object) return text;
  const value = object[name];
  if (typeof value !== 'string') throw new SecretError('secret_format', `Secret for ${name} is JSON without a "${name}" text field`);
  return value;
}

/**
 * For every `<NAME>_SECRET_ARN` in the environment, reads the secret and sets NAME (the database
 * secret becomes DATABASE_URL). A NAME already set is left alone, so a local override wins.
 * Returns the names it set.
 */
export async function loadSecrets(env: NodeJS.ProcessEnv = process.env, options: LoadSecretsOptions = {}): Promise<string[]> {
  const wanted = Object.entries(env).filter(([key, arn]) => key.endsWith(SUFFIX) && key.length > SUFFIX.length && arn?.trim());
  if (wanted.length === 0) return [];
  const client =
    options.client ?? (defaultClient ??= new (await secretsSdk()).SecretsManagerClient({ region: env.AWS_REGION?.trim() || 'eu-west-2' }));
  const set: string[] = [];
  await Promise.all(
    wanted.map(async ([key, arn]) => {
      const base = key.slice(0, -SUFFIX.length);
      const target = base === 'DATABASE' ? 'DATABASE_URL' : base;
      if (env[target]?.trim()) return;
      let text: string;
      try {
        text = await fetchSecret(client, (arn as string).trim());
      } catch (error) {
        if (error instanceof SecretError) throw error;
        throw new SecretError('secret_unreadable', `Could not read ${key}: ${(error as Error).message}`);
      }
      env[target] =
        base === 'DATABASE'
          ? databaseUrlFromSecret(text, env.DATABASE_SSLMODE?.trim() || 'verify-full', {
              host: env.DATABASE_HOST,
              port: env.DATABASE_PORT,
              dbname: env.DATABASE_NAME,
            })
          : valueFromSecret(base, text);
      set.push(target);
    }),
  );
  return set.sort();
}
