/**
 * The dissemination sweeper: nothing due for a force stalls silently. A step that reaches a force
 * records its decision and then sends; when the send fails and nobody repeats the step, the
 * report or answer waits in the table's sparse "due" partitions (GSI1 `DUE#report`, `DUE#answer`).
 * Every minute a function sends what has waited there longer than a step takes
 * (functions/domain/due-dissemination.ts), with the step's own message ids, so a repeat is
 * harmless. It publishes how long the longest-due of what it still could not send has waited, and
 * an operator is paged when that passes 15 minutes, when no sweep has reported for five minutes
 * (missing data breaches: a sweeper that stopped, or fails before it can report), and when a sweep
 * fails outright.
 *
 * Every minute, not every few: a stalled report then reaches its force about three minutes after
 * it was approved (two of settling, one of schedule) rather than up to ten, an idle sweep costs two
 * queries of an empty index partition and one short invocation (about 43,000 a month, inside
 * Lambda's free tier), and the 15-minute page has five sweeps' worth of evidence before it fires.
 */
import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { Stage } from '../stage.ts';
import type { ForceQueues } from './force-queues.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';
import { variableOf } from '../../functions/configuration/settings.ts';

/** Where the sweeper's metric is published (the namespace the other operational metrics use). */
export const SWEEPER_METRICS_NAMESPACE = 'PoliceReporting';
/** Must match OLDEST_UNSENT_METRIC in functions/handlers/sweep-due.ts. */
export const OLDEST_UNSENT_METRIC = 'OldestDueUnsentSeconds';
/** How long anything may wait to be sent before an operator is paged. */
export const UNSENT_ALARM_AFTER = Duration.minutes(15);
export const SWEEP_EVERY = Duration.minutes(1);

export interface DisseminationSweeperProps {
  readonly stage: Stage;
  readonly table: ITable;
  readonly forceQueues: ForceQueues;
  readonly paging: Paging;
}

export class DisseminationSweeper extends Construct {
  readonly sweeper: ReportingFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: DisseminationSweeperProps) {
    super(scope, id);
    this.sweeper = new ReportingFunction(this, 'Sweeper', {
      stage: props.stage,
      handlerModule: 'functions/handlers/sweep-due.ts',
      description: 'Sends every report and answer due for a force whose step did not finish sending it',
      // Within the minute between sweeps, so that sweeps seldom overlap (an overlap is harmless).
      timeout: Duration.seconds(50),
      environment: {
        [variableOf('reportQueueNameTemplate')]: props.forceQueues.queueNameTemplate,
        POWERTOOLS_METRICS_NAMESPACE: SWEEPER_METRICS_NAMESPACE,
      },
    });
    // Reads the due partitions and the reports and answers in them, records each as sent (with
    // its audit event and counters), gives a force its own reference for a report when it has
    // none: the same writes the approving, transferring and routing functions make.
    this.sweeper.bindTable(props.table);
    props.forceQueues.grantDisseminate(this.sweeper);
    // A failed sweep is not retried: the next one comes within the minute.
    this.sweeper.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Sends what is due for a force and has not been sent',
      schedule: Schedule.rate(SWEEP_EVERY),
      targets: [new LambdaFunction(this.sweeper, { retryAttempts: 0 })],
    });

    props.paging.page(
      this,
      'UnsentAlarm',
      `A report or answer due for a force has not been sent for more than ${UNSENT_ALARM_AFTER.toHumanString()}, or the sweeper that sends it has not reported for five minutes. Its log names what and why.`,
      new Metric({
        namespace: SWEEPER_METRICS_NAMESPACE,
        metricName: OLDEST_UNSENT_METRIC,
        dimensionsMap: { service: 'police-reporting' },
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      UNSENT_ALARM_AFTER.toSeconds(),
      { missingData: 'breaching' },
    );
    props.paging.page(
      this,
      'SweeperErrorsAlarm',
      'The dissemination sweeper is failing whole invocations: what is due for a force may not be sent.',
      this.sweeper.metricErrors({ period: Duration.minutes(5) }),
      1,
    );
  }
}
