/**
 * The retention job: once a day a function ends what the retention schedule has ended
 * (functions/domain/retention.ts): it destroys the data keys of what ends (crypto-shredding; see
 * lib/constructs/data-key-store.ts) and removes the items. It reads only the retention index, never
 * the whole table, and asks KMS nothing: destroying a data key is deleting it.
 *
 * The schedule is set by context, `-c retention='{"keepingInContactDays":365,"originalDays":365,
 * "closedWithoutDisseminationDays":90}'` (any field may be left out for its default; README), checked
 * at synthesis and given to the function as RETENTION.
 *
 * Once a day is enough: the schedule is in whole days, and a run that fails or stops part-way is
 * finished by the next (every removal is harmless to repeat). An operator is paged when a run
 * fails outright.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { variableOf } from '../../functions/configuration/settings.ts';
import type { RetentionSchedule } from '../../functions/domain/retention-schedule.ts';
import { RETENTION_CONTEXT, retentionScheduleFrom, type Stage } from '../stage.ts';
import type { DataKeyStore } from './data-key-store.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';

export const RETENTION_EVERY = Duration.days(1);

export interface RetentionJobProps {
  readonly stage: Stage;
  readonly table: ITable;
  readonly dataKeys: DataKeyStore;
  readonly paging: Paging;
}

export class RetentionJob extends Construct {
  readonly job: ReportingFunction;
  readonly schedule: Rule;
  readonly retention: RetentionSchedule;

  constructor(scope: Construct, id: string, props: RetentionJobProps) {
    super(scope, id);
    this.retention = retentionScheduleFrom(this.node.tryGetContext(RETENTION_CONTEXT));
    this.job = new ReportingFunction(this, 'Job', {
      stage: props.stage,
      handlerModule: 'functions/handlers/apply-retention.ts',
      description: 'Ends what the retention schedule has ended: destroys its data keys and removes it',
      timeout: Duration.minutes(10),
      environment: { [variableOf('retention')]: JSON.stringify(this.retention) },
    });
    // Reads the retention index and the reports, questions and answers it lists; removes what
    // ended; records it with its events. Destroys data keys, and may not make or read one.
    this.job.bindTable(props.table);
    props.dataKeys.bind(this.job, 'shred');
    // A failed run is not retried: the next day's finishes it.
    this.job.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.hours(1) });

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Ends what the retention schedule has ended',
      schedule: Schedule.rate(RETENTION_EVERY),
      targets: [new LambdaFunction(this.job, { retryAttempts: 0 })],
    });

    props.paging.page(
      this,
      'ErrorsAlarm',
      'The retention job failed a whole run: what the retention schedule has ended may still be held. Its log says why; the next run tries again.',
      this.job.metricErrors({ period: Duration.days(1) }),
      1,
    );
  }
}
