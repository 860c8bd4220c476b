/**
 * The local runtime runs the stack's scheduled functions as EventBridge would (local/schedules.ts):
 * rate schedules read from the template's rules, the Scheduled Event, and no overlapping runs.
 */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { rateMs, scheduledEvent, scheduledInvocations, startSchedule } from '../../local/schedules.ts';
import type { StackTemplate } from '../../local/stack-template.ts';

const functionOf = (arn: unknown) => (arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
const rule = (properties: Record<string, unknown>) => ({ Type: 'AWS::Events::Rule', Properties: { State: 'ENABLED', Targets: [{ Arn: { 'Fn::GetAtt': ['Sweeper', 'Arn'] }, Id: 'Target0' }], ...properties } });

describe('local scheduled functions', () => {
  it('reads rate expressions as EventBridge writes them', () => {
    assert.equal(rateMs('rate(1 minute)'), 60_000);
    assert.equal(rateMs('rate(15 minutes)'), 15 * 60_000);
    assert.equal(rateMs('rate(2 hours)'), 2 * 3_600_000);
    assert.equal(rateMs('rate(1 day)'), 86_400_000);
    assert.equal(rateMs('rate(1 minutes)'), undefined);
    assert.equal(rateMs('cron(0 12 * * ? *)'), undefined);
  });

  it('finds each function a rule invokes on a schedule, and leaves disabled rules alone', () => {
    const template: StackTemplate = {
      Resources: {
        Every: rule({ ScheduleExpression: 'rate(1 minute)' }),
        Off: rule({ ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' }),
        Sweeper: { Type: 'AWS::Lambda::Function' },
      },
    };
    assert.deepEqual(scheduledInvocations(template, functionOf), [{ rule: 'Every', everyMs: 60_000, functionId: 'Sweeper' }]);
  });

  it('refuses, at start-up, schedules it would not run: cron, event patterns, EventBridge Scheduler', () => {
    assert.throws(() => scheduledInvocations({ Resources: { Cron: rule({ ScheduleExpression: 'cron(0 12 * * ? *)' }) } }, functionOf), /Cron.*rate\(\.\.\.\) schedules only/);
    assert.throws(() => scheduledInvocations({ Resources: { OnEvent: rule({ EventPattern: { source: ['aws.s3'] } }) } }, functionOf), /OnEvent invokes a function on events/);
    assert.throws(() => scheduledInvocations({ Resources: { S: { Type: 'AWS::Scheduler::Schedule' } } }, functionOf), /not EventBridge Scheduler/);
  });

  it('invokes the function once a period with a Scheduled Event, never two runs at once, until stopped', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const events: unknown[] = [];
      let finish: () => void = () => undefined;
      const target = {
        invoke: async (event: unknown) => {
          events.push(event);
          await new Promise<void>((resolve) => (finish = resolve));
        },
      };
      const schedule = startSchedule({ rule: 'Every', everyMs: 60_000, functionId: 'Sweeper' }, target, 'eu-west-2');
      assert.equal(events.length, 0, 'the first run is one period after start');
      mock.timers.tick(60_000);
      assert.equal(events.length, 1);
      mock.timers.tick(60_000);
      assert.equal(events.length, 1, 'the next run waits while one is still going');
      finish();
      await new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(60_000);
      assert.equal(events.length, 2);
      finish();
      await schedule.stop();
      mock.timers.tick(120_000);
      assert.equal(events.length, 2, 'nothing runs once stopped');
      assert.deepEqual({ ...(events[0] as object), id: '', time: '' }, { ...scheduledEvent('Every', 'eu-west-2', new Date()), id: '', time: '' });
      assert.equal((events[0] as { 'detail-type': string })['detail-type'], 'Scheduled Event');
    } finally {
      mock.timers.reset();
    }
  });
});
