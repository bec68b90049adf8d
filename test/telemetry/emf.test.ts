import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');

describe('business metrics in CloudWatch embedded metric format', () => {
  it('when a document is decided with METRICS=emf, then stdout carries one EMF line with the namespace, the dimensions and the count', async () => {
    const script = `
      const { emfMetrics } = require('./worker/telemetry/metrics');
      const m = emfMetrics('KYB-Test', 'kyb');
      m.documentDecided('bank_statement', 'review');
      m.registryCall('hmrc', 'error', 120);
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    const decided = lines.find((l) => 'DocumentsDecided' in l)!;
    expect(decided._aws.CloudWatchMetrics[0]).to.deep.include({ Namespace: 'KYB-Test' });
    expect(decided._aws.CloudWatchMetrics[0].Dimensions[0]).to.include.members(['service', 'document_type', 'decision']);
    expect(decided).to.include({ document_type: 'bank_statement', decision: 'review', DocumentsDecided: 1 });
    expect(lines.find((l) => 'RegistryErrors' in l)).to.include({ registry: 'hmrc', RegistryErrors: 1 });
    expect(lines.find((l) => 'RegistryLatency' in l)).to.include({ registry: 'hmrc', RegistryLatency: 120 });
  });
});
