/**
 * `make preflight STACK=…`: checks what a first `make deploy` of this stack depends on and says
 * exactly what to do about each gap. Facts come from the stack files, the tools on the PATH and the
 * AWS CLI (with the caller's credentials); the decisions are in infra/preflight/checks.ts.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { currentHost, hostMatchesLambda, LAMBDA_ZIP, lambdaZipProblems } from '../../scripts/build-lambda';
import { ELASTIC_IP_QUOTA, preflight, type PreflightFacts, type StackSettings } from '../preflight/checks';
import { stackConfig } from '../lib/stack-file';
import fs from 'node:fs';

const ROOT = path.resolve(__dirname, '..', '..');

/** A command's trimmed output, or undefined when it is missing or fails. */
function output(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

function awsJson<TValue>(args: string[], region: string): TValue | undefined {
  const text = output('aws', [...args, '--region', region, '--output', 'json']);
  return text === undefined ? undefined : (JSON.parse(text) as TValue);
}

function settingsOf(config: Record<string, string>, project: string): { region: string; settings: StackSettings } {
  const get = (key: string) => config[`${project}:${key}`];
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const azCount = Number(get('availabilityZoneCount'));
  return {
    region: config['aws:region'] ?? 'eu-west-2',
    settings: {
      workerMaxConcurrency: Number(get('workerMaxConcurrency')),
      workerReservedConcurrency: Number(get('workerReservedConcurrency')),
      natGateways: get('natStrategy') === 'onePerAz' ? azCount : 1,
      deletionProtection: get('deletionProtection') === 'true',
      certificateArn: blank(get('certificateArn')),
      alarmEmail: blank(get('alarmEmail')),
    },
  };
}

function gather(stack: string): PreflightFacts {
  const { region, settings } = settingsOf(stackConfig(ROOT, stack), 'kyb-verification');
  const account = awsJson<{ AccountLimit: { ConcurrentExecutions: number; UnreservedConcurrentExecutions: number } }>(
    ['lambda', 'get-account-settings'],
    region,
  );
  const eipQuota = awsJson<{ Quota: { Value: number } }>(
    ['service-quotas', 'get-service-quota', '--service-code', 'ec2', '--quota-code', ELASTIC_IP_QUOTA],
    region,
  );
  const addresses = awsJson<{ Addresses: unknown[] }>(['ec2', 'describe-addresses'], region);
  return {
    stack,
    region,
    settings,
    tools: {
      pulumi: output('pulumi', ['version']),
      aws: output('aws', ['--version']),
      docker: output('docker', ['--version']),
      buildx: output('docker', ['buildx', 'version']),
    },
    dockerRunning: output('docker', ['info', '--format', '{{.ServerVersion}}']) !== undefined,
    hostIsLambdaPlatform: hostMatchesLambda(currentHost()),
    lambdaZipProblems: fs.existsSync(LAMBDA_ZIP) ? lambdaZipProblems(LAMBDA_ZIP) : undefined,
    lambdaConcurrency: account && {
      accountLimit: account.AccountLimit.ConcurrentExecutions,
      unreserved: account.AccountLimit.UnreservedConcurrentExecutions,
    },
    elasticIps: eipQuota && addresses && { quota: eipQuota.Quota.Value, inUse: addresses.Addresses.length },
  };
}

function main(): void {
  const stack = process.argv[2];
  if (!stack || !fs.existsSync(path.join(ROOT, `Pulumi.${stack}.yaml`))) {
    process.stderr.write('usage: make preflight STACK=dev|staging|prod\n');
    process.exit(2);
  }
  const findings = preflight(gather(stack));
  for (const f of findings) {
    process.stdout.write(`${f.ok ? 'ok  ' : 'FAIL'} ${f.check}: ${f.message}\n`);
    if (f.remedy) process.stdout.write(`     → ${f.remedy}\n`);
  }
  const failed = findings.filter((f) => !f.ok).length;
  process.stdout.write(failed === 0 ? `\nReady to deploy ${stack}.\n` : `\n${failed} check(s) to fix before make deploy STACK=${stack}.\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
