/**
 * The destination queues: one FIFO queue and DLQ for each force in the registry, and one for the
 * national triage handled by the contact centre. Forces' systems poll their own queue; FIFO
 * deduplication means a report repeated by the router inside five minutes reaches them once.
 * Queue names are predictable (`pac-<stage>-reports-<force id>.fifo`) so a force's systems, and
 * the router, can find them by name.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountPrincipal, AnyPrincipal, Effect, type IGrantable, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnQueuePolicy, DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FORCES } from '../../functions/domain/forces.ts';
import { TRIAGE, type Destination } from '../../functions/domain/entities/routing-decision.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Paging } from './paging.ts';
import { DESTINATION_PLACEHOLDER } from '../../functions/configuration/settings.ts';

export const DESTINATIONS: readonly Destination[] = [...FORCES.map((force) => force.id), TRIAGE];

/** A force's systems get this many tries at a notification before it moves to the force's DLQ. */
export const FORCE_QUEUE_MAX_RECEIVES = 10;

export class ForceQueues extends Construct {
  readonly queues: ReadonlyMap<Destination, Queue>;
  readonly deadLetterQueues: ReadonlyMap<Destination, Queue>;
  /** The queue name with `{destination}` for the force id (or `triage`): what the router is told. */
  readonly queueNameTemplate: string;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: Stage;
      paging: Paging;
      /**
       * A force that reads its queue from its own AWS account: that account may receive (and
       * delete) from that force's queue, and nothing else. From `-c forceAccounts=kent=111122223333,…`.
       */
      forceAccounts?: Readonly<Record<string, string>>;
    },
  ) {
    super(scope, id);
    const prefix = `${resourcePrefix(props.stage)}-reports`;
    this.queueNameTemplate = `${prefix}-${DESTINATION_PLACEHOLDER}.fifo`;
    const removalPolicy = isProduction(props.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const queues = new Map<Destination, Queue>();
    const deadLetterQueues = new Map<Destination, Queue>();

    for (const destination of DESTINATIONS) {
      const scopeFor = new Construct(this, destination);
      const deadLetterQueue = new Queue(scopeFor, 'DeadLetters', {
        queueName: `${prefix}-${destination}-dlq.fifo`,
        fifo: true,
        encryption: QueueEncryption.SQS_MANAGED,
        retentionPeriod: Duration.days(14),
        removalPolicy,
      });
      const queue = new Queue(scopeFor, 'Queue', {
        queueName: this.queueNameTemplate.replace(DESTINATION_PLACEHOLDER, destination),
        fifo: true,
        deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
        fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
        encryption: QueueEncryption.SQS_MANAGED,
        retentionPeriod: Duration.days(14),
        visibilityTimeout: Duration.minutes(5),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: FORCE_QUEUE_MAX_RECEIVES },
        removalPolicy,
      });
      queues.set(destination, queue);
      deadLetterQueues.set(destination, deadLetterQueue);
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;

    // Every request not over TLS is refused. One policy serves all the queues (one each would
    // be 98 of the 500 resources a stack may hold); a queue has one policy, so a force that reads
    // from its own AWS account has its queue's policy to itself, with that account's grant.
    const stack = Stack.of(this);
    const tlsOnly = (resource: string) =>
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['sqs:*'],
        resources: [resource],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    const accounts = props.forceAccounts ?? {};
    for (const [force, account] of Object.entries(accounts)) {
      if (!queues.has(force) || force === TRIAGE) throw new Error(`forceAccounts names ${force}, which is not a force in the registry`);
      if (!/^\d{12}$/.test(account)) throw new Error(`forceAccounts gives ${force} the account "${account}", which is not a 12-digit AWS account id`);
    }
    const shared = [...queues.entries(), ...[...deadLetterQueues.entries()].map(([d, q]) => [`${d}-dlq`, q] as const)].filter(
      ([destination]) => !(destination in accounts),
    );
    new CfnQueuePolicy(this, 'TlsOnly', {
      queues: shared.map(([, queue]) => queue.queueUrl),
      policyDocument: new PolicyDocument({ statements: [tlsOnly(`arn:${stack.partition}:sqs:${stack.region}:${stack.account}:${prefix}-*`)] }),
    });
    for (const [force, account] of Object.entries(accounts)) {
      const queue = queues.get(force)!;
      new CfnQueuePolicy(this, `${force}ReadByOwnAccount`, {
        queues: [queue.queueUrl],
        policyDocument: new PolicyDocument({
          statements: [
            tlsOnly(queue.queueArn),
            new PolicyStatement({
              sid: 'ForceReadsItsOwnQueue',
              effect: Effect.ALLOW,
              principals: [new AccountPrincipal(account)],
              actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
              resources: [queue.queueArn],
            }),
          ],
        }),
      });
    }

    const group = (metric: (queue: Queue) => Metric, of: ReadonlyMap<Destination, Queue>) => [...of.values()].map(metric);
    props.paging.pageOnAny(
      this,
      'DeadLettersAlarm',
      'Reports are waiting on a force or triage dead-letter queue: the force could not take them. Inspect the DLQs named in this alarm, fix the cause, then redrive.',
      group((q) => q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }), deadLetterQueues),
      1,
    );
    props.paging.pageOnAny(
      this,
      'UncollectedAlarm',
      'Reports have waited more than a day on a force queue named in this alarm: that force is not collecting them.',
      group((q) => q.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(15), statistic: 'Maximum' }), queues),
      Duration.days(1).toSeconds(),
    );
  }

  /** Lets the grantee put notifications on every destination queue, and do nothing else with them. */
  grantDisseminate(grantee: IGrantable): void {
    for (const queue of this.queues.values()) queue.grantSendMessages(grantee);
  }
}
