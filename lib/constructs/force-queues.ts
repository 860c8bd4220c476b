/**
 * The destination queues: one FIFO queue and DLQ for each force in the registry, and one for the
 * national triage handled by the contact centre. Forces' systems poll their own queue; FIFO
 * deduplication means a report repeated by the router inside five minutes reaches them once.
 * Queue names are predictable (`pac-<stage>-reports-<force id>.fifo`) so a force's systems, and
 * the router, can find them by name.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FORCES } from '../../functions/domain/forces.ts';
import { TRIAGE, type Destination } from '../../functions/domain/routing.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { Paging } from './paging.ts';

export const DESTINATIONS: readonly Destination[] = [...FORCES.map((force) => force.id), TRIAGE];

/** A force's systems get this many tries at a notification before it moves to the force's DLQ. */
export const FORCE_QUEUE_MAX_RECEIVES = 10;

export class ForceQueues extends Construct {
  readonly queues: ReadonlyMap<Destination, Queue>;
  readonly deadLetterQueues: ReadonlyMap<Destination, Queue>;
  /** The queue name with `{destination}` for the force id (or `triage`): what the router is told. */
  readonly queueNameTemplate: string;

  constructor(scope: Construct, id: string, props: { stage: Stage; paging: Paging }) {
    super(scope, id);
    const prefix = `${resourcePrefix(props.stage)}-reports`;
    this.queueNameTemplate = `${prefix}-{destination}.fifo`;
    const removalPolicy = isProduction(props.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const queues = new Map<Destination, Queue>();
    const deadLetterQueues = new Map<Destination, Queue>();

    for (const destination of DESTINATIONS) {
      const scopeFor = new Construct(this, destination);
      const deadLetterQueue = new Queue(scopeFor, 'DeadLetters', {
        queueName: `${prefix}-${destination}-dlq.fifo`,
        fifo: true,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy,
      });
      const queue = new Queue(scopeFor, 'Queue', {
        queueName: this.queueNameTemplate.replace('{destination}', destination),
        fifo: true,
        deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
        fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        visibilityTimeout: Duration.minutes(5),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: FORCE_QUEUE_MAX_RECEIVES },
        removalPolicy,
      });
      props.paging.pageOnDeadLetters(scopeFor, 'DeadLettersAlarm', deadLetterQueue, `Reports for ${destination}`);
      props.paging.page(
        scopeFor,
        'UncollectedAlarm',
        `Reports for ${destination} have waited more than a day on its queue: the force is not collecting them.`,
        queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(15), statistic: 'Maximum' }),
        Duration.days(1).toSeconds(),
      );
      queues.set(destination, queue);
      deadLetterQueues.set(destination, deadLetterQueue);
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
  }

  /** Lets the grantee put notifications on every destination queue, and do nothing else with them. */
  grantDisseminate(grantee: IGrantable): void {
    for (const queue of this.queues.values()) queue.grantSendMessages(grantee);
  }
}
