import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSecretsManager {
  endpoint: string;
  /** GetSecretValue calls per secret id. */
  calls: Map<string, number>;
  put(arn: string, value: string): void;
  stop(): Promise<void>;
}

/**
 * Secrets Manager's GetSecretValue over its JSON protocol (POST, `X-Amz-Target:
 * secretsmanager.GetSecretValue`, `application/x-amz-json-1.1`), enough for the real SDK client.
 */
export async function startFakeSecretsManager(): Promise<FakeSecretsManager> {
  const secrets = new Map<string, string>();
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        return reply(400, { __type: 'InvalidRequestException', message: `unsupported ${String(req.headers['x-amz-target'])}` });
      }
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId?: string };
      calls.set(SecretId ?? '', (calls.get(SecretId ?? '') ?? 0) + 1);
      const value = SecretId ? secrets.get(SecretId) : undefined;
      if (value === undefined) {
        return reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
      }
      reply(200, {
        ARN: SecretId,
        Name: SecretId?.split(':').pop(),
        VersionId: '00000000-0000-4000-8000-000000000001',
        SecretString: value,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: Date.now() / 1000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    put: (arn, value) => secrets.set(arn, value),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
