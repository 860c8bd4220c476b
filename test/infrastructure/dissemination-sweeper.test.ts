/**
 * The dissemination sweeper as the operator deploys it: run every minute, able to send to every
 * force's queue, and paging when anything due for a force has waited more than 15 minutes, when
 * it stops reporting, and when it fails.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { OLDEST_UNSENT_METRIC as PUBLISHED } from '../../functions/handlers/sweep-due.ts';
import { OLDEST_UNSENT_METRIC, SWEEPER_METRICS_NAMESPACE } from '../../lib/constructs/dissemination-sweeper.ts';
import { synthesisedApp } from '../support/synthesised-app.ts';

const app = synthesisedApp('dev');
const delivery = app.resources.Delivery;
const [sweeperId, sweeper] = Object.entries(delivery).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['pac:handler'] === 'functions/handlers/sweep-due.ts') ?? [];
const ofType = (type: string) => Object.entries(delivery).filter(([, r]) => r.Type === type);

describe('the dissemination sweeper', () => {
  it('is a function of the Delivery stack, run by a schedule every minute', () => {
    assert.ok(sweeperId !== undefined && sweeper !== undefined, 'functions/handlers/sweep-due.ts is deployed in the Delivery stack');
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) => JSON.stringify(rule.Properties.Targets).includes(sweeperId));
    assert.equal(rules.length, 1);
    const [, rule] = rules[0]!;
    assert.equal(rule.Properties.ScheduleExpression, 'rate(1 minute)');
    assert.equal(rule.Properties.State, 'ENABLED');
    // EventBridge may invoke it: the permission names the rule.
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(sweeperId));
    assert.ok(permissions.some(([, p]) => p.Properties.Principal === 'events.amazonaws.com'));
    // A failed sweep is not retried: the next comes within the minute.
    const [, invokeConfig] = ofType('AWS::Lambda::EventInvokeConfig').find(([, c]) => JSON.stringify(c.Properties.FunctionName).includes(sweeperId)) ?? [];
    assert.equal(invokeConfig?.Properties.MaximumRetryAttempts, 0);
  });

  it('knows the force queues and the table, and publishes the metric its alarm watches', () => {
    const variables = sweeper!.Properties.Environment.Variables;
    assert.equal(variables.REPORT_QUEUE_NAME_TEMPLATE, 'pac-dev-reports-{destination}.fifo');
    assert.ok(variables.TABLE_NAME !== undefined);
    assert.equal(variables.POWERTOOLS_METRICS_NAMESPACE, SWEEPER_METRICS_NAMESPACE);
    assert.equal(OLDEST_UNSENT_METRIC, PUBLISHED, 'the alarm watches the metric the handler publishes');
    assert.ok(sweeper!.Properties.Timeout < 60, 'a sweep ends before the next begins');
  });

  it('pages when anything due for a force has waited more than 15 minutes, and when the sweeper stops reporting', () => {
    app.templates.Delivery.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: SWEEPER_METRICS_NAMESPACE,
      MetricName: OLDEST_UNSENT_METRIC,
      Dimensions: [{ Name: 'service', Value: 'police-reporting' }],
      Statistic: 'Maximum',
      Threshold: 15 * 60,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      // No data for a period (no sweep ran, or every sweep failed before publishing) pages too.
      TreatMissingData: 'breaching',
      // Short enough that a sweeper that stopped is noticed within five minutes.
      Period: 300,
      EvaluationPeriods: 1,
      AlarmActions: [Match.anyValue()],
    });
  });

  it('pages when a sweep fails outright', () => {
    const errorAlarms = ofType('AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === 'Errors' && JSON.stringify(alarm.Properties.Dimensions).includes(sweeperId!),
    );
    assert.equal(errorAlarms.length, 1);
    const [, alarm] = errorAlarms[0]!;
    assert.equal(alarm.Properties.Threshold, 1);
    assert.equal(alarm.Properties.AlarmActions.length, 1);
  });
});
