import path from 'node:path';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { ConfigError, configSchema, loadConfig } from '../../worker/config';

describe('configuration', () => {
  it('when nothing is set, then it runs on embedded defaults: port 8000, local storage and queue, no database URL', () => {
    const config = loadConfig({});
    expect(config.PORT).to.equal(8000);
    expect(config.STORAGE).to.equal('local');
    expect(config.queue).to.equal('local');
    expect(config.DATABASE_URL).to.equal(undefined);
    expect(config.MAX_UPLOAD_BYTES).to.equal(20 * 1024 * 1024);
    expect(config.dataDir).to.equal(path.resolve('.data'));
  });

  it('when a processing thread heap is not set, then it is 1024 MB, or half the memory of the Lambda it runs in', () => {
    expect(loadConfig({}).processingHeapMb).to.equal(1024);
    expect(loadConfig({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' }).processingHeapMb).to.equal(256);
    expect(loadConfig({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512', PROCESSING_MAX_HEAP_MB: '300' }).processingHeapMb).to.equal(300);
  });

  it('when the seed switch USE_SQS=true is set with a queue URL, then the SQS queue is chosen', () => {
    const config = loadConfig({ USE_SQS: 'true', SQS_QUEUE_URL: 'https://sqs.eu-west-2.amazonaws.com/123456789012/documents' });
    expect(config.queue).to.equal('sqs');
  });

  it('when a value is malformed, then start-up fails with one line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, /^Invalid configuration: PORT: .*"eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).to.throw(ConfigError, /DATABASE_URL/);
    const message = (() => {
      try {
        loadConfig({ STORAGE: 'floppy' });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).to.match(/STORAGE/);
    expect(message.split('\n')).to.have.length(1);
  });

  it('when a setting needs a partner that is missing, then the missing one is named', () => {
    expect(() => loadConfig({ STORAGE: 's3' })).to.throw(ConfigError, /S3_BUCKET_NAME/);
    expect(() => loadConfig({ QUEUE: 'sqs' })).to.throw(ConfigError, /SQS_QUEUE_URL/);
    expect(() => loadConfig({ HMRC_CLIENT_ID: 'abc' })).to.throw(ConfigError, /HMRC_CLIENT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /SECRET_KEY/);
  });

  it('when a variable is set to an empty string, then it counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', OPENAI_API_KEY: '  ' }).OPENAI_API_KEY).to.equal(undefined);
  });
});

describe('.env.example', () => {
  it('when a setting exists in the configuration schema, then .env.example lists it with its default', () => {
    const listed = new Set(
      readFileSync('.env.example', 'utf8')
        .split('\n')
        .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
        .filter((name): name is string => Boolean(name)),
    );
    const missing = Object.keys(configSchema.shape).filter((name) => !listed.has(name));
    expect(missing, 'add these to .env.example').to.deep.equal([]);
  });

  it('when .env.example is used as it is, then it loads and gives the same settings as no file at all', () => {
    expect(loadConfig(parse(readFileSync('.env.example')))).to.deep.equal(loadConfig({}));
  });
});
