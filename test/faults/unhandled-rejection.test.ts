import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';

describe('an unhandled rejection in the server process', function () {
  this.timeout(30_000);

  it('when a promise rejects with nobody listening, then it is logged and counted and the process carries on', async () => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', path.join(__dirname, 'rejecting-process.ts')], (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.contain('counted 1');
    const line = JSON.parse(run.stdout.trim().split('\n')[0] ?? '{}') as { msg?: string; err?: { code?: string; message?: string } };
    expect(line.msg).to.equal('unhandled promise rejection; the process carries on');
    expect(line.err).to.include({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(run.stdout).to.not.contain('pg-secret');
  });
});
