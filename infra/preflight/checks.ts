/**
 * What `make preflight STACK=…` decides, from facts gathered elsewhere (infra/scripts/preflight.ts):
 * each check passes or fails with the exact thing to do. Pure, so the decisions are unit-tested.
 */

/** AWS keeps this much of an account's Lambda concurrency unreserved; a reservation may not eat into it. */
export const UNRESERVED_MINIMUM = 10;
/** The monitoring function runs one round at a time beside the worker. */
export const MONITORING_CONCURRENCY = 1;
export const LAMBDA_CONCURRENCY_QUOTA = 'L-B99A9384';
export const ELASTIC_IP_QUOTA = 'L-0263D0A3';

export interface StackSettings {
  workerMaxConcurrency: number;
  /** -1: unreserved. */
  workerReservedConcurrency: number;
  natGateways: number;
  deletionProtection: boolean;
  certificateArn?: string;
  alarmEmail?: string;
}

export interface PreflightFacts {
  stack: string;
  region: string;
  settings: StackSettings;
  /** Version text per tool `make deploy` runs, undefined when it is not installed. */
  tools: { pulumi?: string; aws?: string; docker?: string; buildx?: string };
  dockerRunning: boolean;
  /** Whether this machine is the Lambda's platform (linux-x64 glibc); otherwise the build fetches those binaries with npm. */
  hostIsLambdaPlatform: boolean;
  /** Problems of dist/lambda/worker.zip (empty: complete), or undefined when it is not built yet. */
  lambdaZipProblems?: string[];
  /** Undefined when the account could not be asked (no credentials or no AWS CLI). */
  lambdaConcurrency?: { accountLimit: number; unreserved: number };
  elasticIps?: { quota: number; inUse: number };
}

export interface Finding {
  check: string;
  ok: boolean;
  message: string;
  /** What to run or change; only for failures. */
  remedy?: string;
}

const pass = (check: string, message: string): Finding => ({ check, ok: true, message });
const fail = (check: string, message: string, remedy: string): Finding => ({ check, ok: false, message, remedy });

const TOOL_REMEDIES: Record<keyof PreflightFacts['tools'], string> = {
  pulumi: 'Install the Pulumi CLI 3.x: https://www.pulumi.com/docs/install/ (curl -fsSL https://get.pulumi.com | sh)',
  aws: 'Install the AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html',
  docker: 'Install Docker (Docker Desktop, or docker-ce on Linux): https://docs.docker.com/get-docker/',
  buildx: 'Install the Docker buildx plugin (docker-buildx-plugin), needed to build the linux/amd64 API image',
};

function toolFindings(facts: PreflightFacts): Finding[] {
  const findings = (Object.keys(TOOL_REMEDIES) as (keyof PreflightFacts['tools'])[]).map((tool) =>
    facts.tools[tool]
      ? pass(`tool:${tool}`, `${tool} ${facts.tools[tool]}`)
      : fail(`tool:${tool}`, `${tool} is not installed`, TOOL_REMEDIES[tool]),
  );
  if (facts.tools.docker) {
    findings.push(
      facts.dockerRunning
        ? pass('docker-daemon', 'Docker answers')
        : fail(
            'docker-daemon',
            'Docker is installed but its daemon does not answer',
            'Start Docker (Docker Desktop, or: sudo systemctl start docker) and check `docker info`',
          ),
    );
  }
  return findings;
}

function lambdaBuildFindings(facts: PreflightFacts): Finding[] {
  const platform = facts.hostIsLambdaPlatform
    ? pass('lambda-platform', 'This machine is linux-x64 (glibc): the Lambda ships the binaries installed here')
    : pass(
        'lambda-platform',
        'This machine is not linux-x64: make build-lambda fetches the linux-x64 builds of sharp and the canvas with npm',
      );
  if (facts.lambdaZipProblems === undefined) return [platform, pass('lambda-artefact', 'dist/lambda/worker.zip is built by make deploy')];
  const zip =
    facts.lambdaZipProblems.length === 0
      ? pass('lambda-artefact', 'dist/lambda/worker.zip holds the handler and its native files')
      : fail('lambda-artefact', facts.lambdaZipProblems.join('; '), 'Rebuild it: rm -rf dist/lambda && make build-lambda');
  return [platform, zip];
}

function concurrencyFindings(facts: PreflightFacts): Finding[] {
  const { settings, region } = facts;
  const quota = facts.lambdaConcurrency;
  if (!quota)
    return [
      fail(
        'lambda-concurrency',
        'Could not read the account Lambda settings',
        `Configure credentials for the target account (aws sts get-caller-identity), then: aws lambda get-account-settings --region ${region}`,
      ),
    ];
  const needed = settings.workerMaxConcurrency + MONITORING_CONCURRENCY + UNRESERVED_MINIMUM;
  const increase = (value: number) =>
    `aws service-quotas request-service-quota-increase --service-code lambda --quota-code ${LAMBDA_CONCURRENCY_QUOTA} --desired-value ${value} --region ${region}`;
  const findings: Finding[] = [];
  if (settings.workerReservedConcurrency >= 0 && quota.unreserved - settings.workerReservedConcurrency < UNRESERVED_MINIMUM) {
    findings.push(
      fail(
        'lambda-reserved-concurrency',
        `workerReservedConcurrency ${settings.workerReservedConcurrency} would leave ${quota.unreserved - settings.workerReservedConcurrency} unreserved; AWS requires ${UNRESERVED_MINIMUM}`,
        `Set workerReservedConcurrency to -1 (pulumi config set workerReservedConcurrency -- -1 --stack ${facts.stack}), or: ${increase(settings.workerReservedConcurrency + UNRESERVED_MINIMUM + quota.accountLimit - quota.unreserved)}`,
      ),
    );
  }
  findings.push(
    quota.accountLimit >= needed
      ? pass(
          'lambda-concurrency',
          `Account concurrency ${quota.accountLimit} covers the worker's ${settings.workerMaxConcurrency}, monitoring and the ${UNRESERVED_MINIMUM} AWS keeps free`,
        )
      : fail(
          'lambda-concurrency',
          `Account concurrency ${quota.accountLimit} is below the ${needed} this stack needs (worker ${settings.workerMaxConcurrency} + monitoring ${MONITORING_CONCURRENCY} + ${UNRESERVED_MINIMUM} AWS keeps free): jobs would be throttled`,
          `${increase(Math.max(needed, 1000))} (a new account starts at 10), or lower workerMaxConcurrency for now (pulumi config set workerMaxConcurrency ${Math.max(2, quota.accountLimit - MONITORING_CONCURRENCY - UNRESERVED_MINIMUM)} --stack ${facts.stack})`,
        ),
  );
  return findings;
}

function elasticIpFindings(facts: PreflightFacts): Finding[] {
  const eips = facts.elasticIps;
  if (!eips)
    return [
      fail(
        'elastic-ips',
        'Could not read the Elastic IP quota',
        `Configure credentials, then: aws ec2 describe-addresses --region ${facts.region}`,
      ),
    ];
  const free = eips.quota - eips.inUse;
  const needed = facts.settings.natGateways;
  return [
    free >= needed
      ? pass('elastic-ips', `${free} of ${eips.quota} Elastic IPs free for ${needed} NAT gateway(s)`)
      : fail(
          'elastic-ips',
          `${needed} NAT gateway(s) need ${needed} Elastic IPs; ${eips.inUse} of ${eips.quota} are in use`,
          `Release unused addresses (aws ec2 describe-addresses --region ${facts.region}), or set natStrategy single, or: aws service-quotas request-service-quota-increase --service-code ec2 --quota-code ${ELASTIC_IP_QUOTA} --desired-value ${eips.inUse + needed} --region ${facts.region}`,
        ),
  ];
}

function protectionFindings(facts: PreflightFacts): Finding[] {
  const { settings, stack } = facts;
  if (!settings.deletionProtection) return [];
  return [
    settings.certificateArn
      ? pass('https', 'A certificate is set: the ALB serves HTTPS and redirects HTTP')
      : fail(
          'https',
          'Deletion protection is on but no certificateArn is set',
          `Request an ACM certificate for the API's name in ${facts.region}, then: pulumi config set certificateArn <arn> --stack ${stack}`,
        ),
    settings.alarmEmail
      ? pass('alarm-subscriber', `Alarms go to ${settings.alarmEmail} (confirm the subscription mail)`)
      : fail(
          'alarm-subscriber',
          'Deletion protection is on but alarms reach nobody',
          `pulumi config set alarmEmail <address> --stack ${stack}`,
        ),
  ];
}

export function preflight(facts: PreflightFacts): Finding[] {
  return [
    ...toolFindings(facts),
    ...lambdaBuildFindings(facts),
    ...concurrencyFindings(facts),
    ...elasticIpFindings(facts),
    ...protectionFindings(facts),
  ];
}
