import { expect } from 'chai';
import { parse } from 'dotenv';
import { planConfig } from '../scripts/config-from-env';

const ENV_FILE = `
# seed backend/.env
OPENAI_API_KEY=sk-test-123
HMRC_CLIENT_SECRET="quoted secret"
AWS_REGION=eu-west-2
MAX_UPLOAD_BYTES=10485760
CORS_ORIGINS=https://a.example.com, https://b.example.com
DATABASE_URL=postgres://user:pw@localhost/kyb
SQS_QUEUE_URL=https://sqs.eu-west-2.amazonaws.com/1/q
OPENAI_BASE_URL=
SOMETHING_ELSE=1
`;

describe('infra config-from-env', () => {
  const plan = planConfig(parse(ENV_FILE), 'dev');
  const argsFor = (key: string) => plan.commands.filter((c) => c.args.includes(key));

  it('when a .env holds secrets, then they are set with --secret and their values go on stdin, never argv', () => {
    const [openai] = argsFor('kyb-verification:openaiApiKey');
    expect(openai!.args).to.deep.equal(['config', 'set', '--stack', 'dev', '--secret', '--', 'kyb-verification:openaiApiKey']);
    expect(openai!.stdin).to.equal('sk-test-123');
    expect(argsFor('kyb-verification:hmrcClientSecret')[0]!.stdin).to.equal('quoted secret');
    for (const command of plan.commands) expect(command.args.join(' ')).to.not.include('sk-test-123');
  });

  it('when a .env holds plain settings, then they map to typed stack config keys', () => {
    expect(argsFor('aws:region')[0]!.args).to.deep.equal(['config', 'set', '--stack', 'dev', '--', 'aws:region', 'eu-west-2']);
    expect(argsFor('kyb-verification:maxUploadBytes')[0]!.args).to.deep.equal([
      'config',
      'set',
      '--stack',
      'dev',
      '--type',
      'int',
      '--',
      'kyb-verification:maxUploadBytes',
      '10485760',
    ]);
  });

  it('when CORS_ORIGINS is a comma list, then the array is replaced item by item', () => {
    const cors = plan.commands.filter((c) => c.args.some((a) => a.startsWith('kyb-verification:corsOrigins')));
    expect(cors.map((c) => c.args.slice(-2))).to.deep.equal([
      ['--', 'kyb-verification:corsOrigins'],
      ['kyb-verification:corsOrigins[0]', 'https://a.example.com'],
      ['kyb-verification:corsOrigins[1]', 'https://b.example.com'],
    ]);
    expect(cors[0]!.mayFail).to.equal(true);
  });

  it('when variables are set by the stack, empty or unknown, then they are reported and not set', () => {
    expect(plan.managed).to.deep.equal(['DATABASE_URL', 'SQS_QUEUE_URL']);
    expect(plan.skippedEmpty).to.deep.equal(['OPENAI_BASE_URL']);
    expect(plan.unknown).to.deep.equal(['SOMETHING_ELSE']);
    expect(plan.applied).to.include('OPENAI_API_KEY → kyb-verification:openaiApiKey (secret)');
    expect(plan.applied.join('\n')).to.not.include('sk-test-123');
  });
});
