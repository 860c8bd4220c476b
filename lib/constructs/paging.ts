/**
 * Paging: the topic operators subscribe their on-call tooling to, and the alarms that page. An
 * alarm's message names a queue or a function, never a report's content.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  type Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export class Paging extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Police reporting service: operator pages', enforceSSL: true });
  }

  /**
   * Pages when the metric reaches the threshold in any one period; with `missingData: 'breaching'`
   * also when a period has no data at all (for a metric that something must publish every period).
   */
  page(scope: Construct, id: string, description: string, metric: IMetric, threshold: number, options: { missingData?: 'breaching' } = {}): Alarm {
    const alarm = new Alarm(scope, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.missingData === 'breaching' ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }

  /** CloudWatch takes at most this many metrics in one alarm. */
  static readonly METRICS_PER_ALARM = 10;

  /**
   * Pages when any of the metrics reaches the threshold: one alarm per group of up to ten, so that
   * a hundred queues do not need a hundred alarms (a stack holds at most 500 resources).
   */
  pageOnAny(scope: Construct, id: string, description: string, metrics: readonly Metric[], threshold: number): Alarm[] {
    const alarms: Alarm[] = [];
    for (let start = 0; start < metrics.length; start += Paging.METRICS_PER_ALARM) {
      const group = metrics.slice(start, start + Paging.METRICS_PER_ALARM);
      const expression = new MathExpression({
        expression: 'MAX(METRICS())',
        usingMetrics: Object.fromEntries(group.map((metric, i) => [`m${i}`, metric])),
        period: group[0]!.period,
        label: description,
      });
      alarms.push(this.page(scope, `${id}${start / Paging.METRICS_PER_ALARM + 1}`, description, expression, threshold));
    }
    return alarms;
  }

  /** Any message on a dead-letter queue is a report (or a notification) that needs a person. */
  pageOnDeadLetters(scope: Construct, id: string, deadLetterQueue: IQueue, what: string): Alarm {
    return this.page(
      scope,
      id,
      `${what}: messages are waiting on the dead-letter queue. Inspect them, fix the cause, then redrive.`,
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      1,
    );
  }
}
