/**
 * Paging: the topic operators subscribe their on-call tooling to, and the alarms that page. An
 * alarm's message names a queue or a function, never a report's content.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
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

  /** Pages when the metric reaches the threshold in any one period. */
  page(scope: Construct, id: string, description: string, metric: IMetric, threshold: number): Alarm {
    const alarm = new Alarm(scope, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
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
