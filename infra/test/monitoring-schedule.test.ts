import { expect } from 'chai';
import { scheduleExpression } from '../components/monitoring-schedule';
import { byType, one, runStack, type StackRun } from './support/harness';

const T = {
  rule: 'aws:cloudwatch/eventRule:EventRule',
  target: 'aws:cloudwatch/eventTarget:EventTarget',
  permission: 'aws:lambda/permission:Permission',
  lambda: 'aws:lambda/function:Function',
} as const;

describe('infra: the monitoring schedule', () => {
  let run: StackRun;
  before(async () => {
    run = await runStack('dev');
  });

  it('when deployed, then EventBridge invokes the monitoring function once a minute with the monitoring-round input', () => {
    const rule = one(run, T.rule, 'monitoring');
    expect(rule.inputs).to.include({ scheduleExpression: 'rate(1 minute)', state: 'ENABLED' });
    const target = one(run, T.target, 'monitoring');
    const fn = one(run, T.lambda, 'monitoring-fn');
    expect(target.inputs.arn).to.equal(`arn:aws:lambda:eu-west-2:123456789012:${fn.name}`);
    expect(target.inputs.rule).to.equal(rule.inputs.name ?? rule.name);
    // worker/lambda.ts MONITORING_ROUND: the handler tells a round from an SQS batch by this.
    expect(JSON.parse(target.inputs.input)).to.deep.equal({ kind: 'kyb.monitoring.round' });
    expect(target.inputs.retryPolicy).to.deep.include({ maximumRetryAttempts: 0 });
  });

  it('when deployed, then only that rule may invoke the function, and the worker knows the round length', () => {
    const permissions = byType(run, T.permission).filter((p) => p.name.includes('monitoring'));
    expect(permissions).to.have.length(1);
    const rule = one(run, T.rule, 'monitoring');
    expect(permissions[0]!.inputs).to.include({
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      sourceArn: `arn:aws:cloudwatch:eu-west-2:123456789012:${rule.name}`,
    });
    const fn = one(run, T.lambda, 'monitoring-fn').inputs;
    expect(fn.environment.variables.MONITOR_TICK_SECONDS).to.equal('60');
    expect(fn, 'a round ends within its tick, on the worker artefact and handler').to.include({
      timeout: 60,
      handler: 'lambda.handler',
      runtime: 'nodejs24.x',
    });
  });

  it('when deployed, then the schedule never invokes the queue worker, so rounds take none of the concurrency its event source counts on', () => {
    const worker = byType(run, T.lambda).find((f) => !f.name.includes('monitoring'))!;
    const workerArn = `arn:aws:lambda:eu-west-2:123456789012:${worker.name}`;
    expect(byType(run, T.target).map((t) => t.inputs.arn)).to.not.include(workerArn);
    expect(byType(run, T.permission).map((p) => p.inputs.function)).to.not.include(worker.name);
  });

  it('when a longer tick is asked for, then the rate is in minutes; a tick under a minute is refused', () => {
    expect(scheduleExpression(5)).to.equal('rate(5 minutes)');
    expect(() => scheduleExpression(0)).to.throw(/at least 1/);
  });
});
