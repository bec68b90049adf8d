import { expect } from 'chai';
import { preflight, type Finding, type PreflightFacts } from '../preflight/checks';

/** A machine and account a deploy works from: every later case changes one fact. */
function ready(overrides: Partial<PreflightFacts> = {}, settings: Partial<PreflightFacts['settings']> = {}): PreflightFacts {
  return {
    stack: 'prod',
    region: 'eu-west-2',
    settings: {
      workerMaxConcurrency: 20,
      workerReservedConcurrency: -1,
      natGateways: 3,
      deletionProtection: true,
      certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/abc',
      alarmEmail: 'ops@example.com',
      ...settings,
    },
    tools: { pulumi: 'v3.200.0', aws: 'aws-cli/2.17.0', docker: 'Docker version 28.2.2', buildx: 'github.com/docker/buildx v0.24.0' },
    dockerRunning: true,
    hostIsLambdaPlatform: true,
    lambdaZipProblems: [],
    lambdaConcurrency: { accountLimit: 1000, unreserved: 1000 },
    elasticIps: { quota: 5, inUse: 0 },
    ...overrides,
  };
}

const failures = (findings: Finding[]) => findings.filter((f) => !f.ok);
const failed = (findings: Finding[], check: string) => failures(findings).find((f) => f.check === check);

describe('infra: make preflight', () => {
  it('when the machine and the account have what the stack needs, then every check passes', () => {
    expect(failures(preflight(ready()))).to.deep.equal([]);
  });

  it('when a fresh account has the default Lambda concurrency of 10, then it fails and names the quota increase to request', () => {
    const finding = failed(preflight(ready({ lambdaConcurrency: { accountLimit: 10, unreserved: 10 } })), 'lambda-concurrency');
    expect(finding?.message).to.include('below the 31 this stack needs');
    expect(finding?.remedy).to.include('--service-code lambda --quota-code L-B99A9384 --desired-value 1000 --region eu-west-2');
    expect(finding?.remedy).to.include('pulumi config set workerMaxConcurrency 2 --stack prod');
  });

  it('when the quota covers the worker, monitoring and the 10 AWS keeps free exactly, then it passes; one less fails', () => {
    expect(failed(preflight(ready({ lambdaConcurrency: { accountLimit: 31, unreserved: 31 } })), 'lambda-concurrency')).to.equal(undefined);
    expect(failed(preflight(ready({ lambdaConcurrency: { accountLimit: 30, unreserved: 30 } })), 'lambda-concurrency')).to.not.equal(
      undefined,
    );
  });

  it('when a reservation would leave fewer than 10 unreserved, then it fails with the -1 setting as the way out', () => {
    const facts = ready({ lambdaConcurrency: { accountLimit: 1000, unreserved: 25 } }, { workerReservedConcurrency: 20 });
    const finding = failed(preflight(facts), 'lambda-reserved-concurrency');
    expect(finding?.message).to.include('would leave 5 unreserved');
    expect(finding?.remedy).to.include('pulumi config set workerReservedConcurrency -- -1 --stack prod');
    expect(
      failed(
        preflight(ready({ lambdaConcurrency: { accountLimit: 1000, unreserved: 30 } }, { workerReservedConcurrency: 20 })),
        'lambda-reserved-concurrency',
      ),
    ).to.equal(undefined);
  });

  it('when the NAT gateways need more Elastic IPs than are free, then it fails; exactly enough passes', () => {
    const finding = failed(preflight(ready({ elasticIps: { quota: 5, inUse: 3 } })), 'elastic-ips');
    expect(finding?.message).to.equal('3 NAT gateway(s) need 3 Elastic IPs; 3 of 5 are in use');
    expect(finding?.remedy).to.include('--service-code ec2 --quota-code L-0263D0A3 --desired-value 6');
    expect(failed(preflight(ready({ elasticIps: { quota: 5, inUse: 2 } })), 'elastic-ips')).to.equal(undefined);
  });

  it('when the account cannot be asked, then both quota checks fail and say how to give credentials', () => {
    const findings = preflight(ready({ lambdaConcurrency: undefined, elasticIps: undefined }));
    expect(failures(findings).map((f) => f.check)).to.deep.equal(['lambda-concurrency', 'elastic-ips']);
    expect(failed(findings, 'lambda-concurrency')?.remedy).to.include('aws sts get-caller-identity');
  });

  it('when a tool make deploy runs is missing or Docker is stopped, then each is named with how to install or start it', () => {
    const findings = preflight(ready({ tools: { aws: 'aws-cli/2', docker: 'Docker 28' }, dockerRunning: false }));
    expect(failures(findings).map((f) => f.check)).to.deep.equal(['tool:pulumi', 'tool:buildx', 'docker-daemon']);
    expect(failed(findings, 'tool:pulumi')?.remedy).to.include('get.pulumi.com');
    expect(failed(preflight(ready({ tools: {}, dockerRunning: false })), 'docker-daemon'), 'no daemon check without docker').to.equal(
      undefined,
    );
  });

  it('when the Lambda zip is incomplete, then it fails with a rebuild; another platform passes because the build fetches linux-x64', () => {
    const finding = failed(preflight(ready({ lambdaZipProblems: ['the zip lacks lambda.js'] })), 'lambda-artefact');
    expect(finding).to.deep.include({ message: 'the zip lacks lambda.js', remedy: 'Rebuild it: rm -rf dist/lambda && make build-lambda' });
    const elsewhere = preflight(ready({ hostIsLambdaPlatform: false, lambdaZipProblems: undefined }));
    expect(failures(elsewhere)).to.deep.equal([]);
    expect(elsewhere.find((f) => f.check === 'lambda-platform')?.message).to.include('fetches the linux-x64 builds');
  });

  it('when a protected stack lacks a certificate or an alarm email, then each is a failure; dev needs neither', () => {
    const findings = preflight(ready({}, { certificateArn: undefined, alarmEmail: undefined }));
    expect(failures(findings).map((f) => f.check)).to.deep.equal(['https', 'alarm-subscriber']);
    expect(failed(findings, 'https')?.remedy).to.include('pulumi config set certificateArn <arn> --stack prod');
    const dev = preflight(ready({ stack: 'dev' }, { deletionProtection: false, certificateArn: undefined, alarmEmail: undefined }));
    expect(failures(dev)).to.deep.equal([]);
  });
});
