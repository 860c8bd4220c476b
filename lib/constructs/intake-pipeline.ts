/**
 * The intake pipeline: the queue every report taken in waits on, and the router that takes
 * reports off it in batches of ten, records each and disseminates it. A report that keeps failing
 * moves to the intake DLQ after five tries and pages an operator; nothing is dropped.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { ForceQueues } from './force-queues.ts';
import type { SealingKey } from './sealing-key.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';
import { variableOf } from '../../functions/configuration/settings.ts';

export const INTAKE_MAX_RECEIVES = 5;

export interface ReviewSettings {
  /** Whether contacts wait for the contact centre's review before any force sees them. */
  readonly enabled: boolean;
  /** Forces that asked to receive reports as soon as they are routed. */
  readonly exemptForces: readonly string[];
}
const ROUTER_TIMEOUT = Duration.seconds(30);

export class IntakePipeline extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly router: ReportingFunction;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: Stage;
      table: ITable;
      forceQueues: ForceQueues;
      originalsKey: SealingKey;
      intakeKey: SealingKey;
      /** Wraps the secret the router keys the person each report is about under (lib/key-access.ts). */
      personLinkKey: SealingKey;
      review: ReviewSettings;
      paging: Paging;
    },
  ) {
    super(scope, id);
    const prefix = resourcePrefix(props.stage);
    const removalPolicy = isProduction(props.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      queueName: `${prefix}-intake-dlq`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: `${prefix}-intake`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // AWS's advice for a Lambda event source: six times the function's timeout.
      visibilityTimeout: Duration.seconds(ROUTER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: INTAKE_MAX_RECEIVES },
      removalPolicy,
    });

    this.router = new ReportingFunction(this, 'Router', {
      stage: props.stage,
      handlerModule: 'functions/handlers/route-report.ts',
      description: 'Routes each report taken in to its force, records it and disseminates it',
      timeout: ROUTER_TIMEOUT,
      environment: {
        REPORT_QUEUE_NAME_TEMPLATE: props.forceQueues.queueNameTemplate,
        [variableOf('originalsKeyId')]: props.originalsKey.key.keyArn,
        [variableOf('intakeKeyId')]: props.intakeKey.key.keyArn,
        [variableOf('personLinkKeyId')]: props.personLinkKey.key.keyArn,
        [variableOf('review')]: props.review.enabled ? 'on' : 'off',
        [variableOf('reviewExemptForces')]: props.review.exemptForces.join(','),
      },
    });
    props.originalsKey.grantSeal(this.router);
    props.intakeKey.grantOpen(this.router);
    // The first router to need the person-link key makes it (GenerateDataKey); every one opens it.
    props.personLinkKey.grantSeal(this.router);
    props.personLinkKey.grantOpen(this.router);
    this.router.bindTable(props.table);
    props.forceQueues.grantDisseminate(this.router);
    this.router.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    props.paging.pageOnDeadLetters(this, 'DeadLettersAlarm', this.deadLetterQueue, 'Reports taken in but not routed');
    props.paging.page(
      this,
      'BacklogAlarm',
      'Reports have waited more than 15 minutes on the intake queue: the router is not keeping up or is failing.',
      this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      Duration.minutes(15).toSeconds(),
    );
    props.paging.page(
      this,
      'RouterErrorsAlarm',
      'The router is failing whole invocations.',
      this.router.metricErrors({ period: Duration.minutes(5) }),
      1,
    );
  }
}
