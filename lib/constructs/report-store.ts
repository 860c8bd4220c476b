/**
 * The report store: one DynamoDB table holding reports, their audit trails and (later) the
 * statistics counters. Encrypted at rest, point-in-time recovery on; in `prod` it is protected
 * from deletion and kept if the stack is deleted.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import { FORMER_QUEUE_INDEX, QUEUE_INDEX, QUEUE_INDEX_ATTRIBUTES, RETENTION_INDEX } from '../../functions/configuration/stack-names.ts';

/** Set (`-c queueIndexTransition=on`) for the deploys that move a deployed table from GSI1 to Queues: README, Deploy. */
export const QUEUE_INDEX_TRANSITION = 'queueIndexTransition';

export const inQueueIndexTransition = (scope: Construct): boolean => scope.node.tryGetContext(QUEUE_INDEX_TRANSITION) === 'on';

export class ReportStore extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    const production = isProduction(props.stage);
    this.table = new Table(this, 'Table', {
      tableName: `${resourcePrefix(props.stage)}-reports`,
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: production,
      // Idempotency records (and only they) expire: DynamoDB deletes them after 24 hours.
      timeToLiveAttribute: 'expiration',
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // The queues (awaiting review, due, each destination's, the follow-up queues): keys, and what a
    // force's list shows. An entry costs the same however long the report's words are; every other
    // reader reads each item it lists afresh.
    this.table.addGlobalSecondaryIndex({
      indexName: QUEUE_INDEX,
      partitionKey: { name: 'GSI1PK', type: AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...QUEUE_INDEX_ATTRIBUTES],
    });
    // The retention index: each settled report that still holds something the schedule will end,
    // by stage and the day its count starts (functions/adapters/report-store.ts retentionIndexKeys).
    // Keys only: the retention job reads each report afresh. A report enters it once, when it
    // settles, and moves or leaves it only when the job records what ended.
    this.table.addGlobalSecondaryIndex({
      indexName: RETENTION_INDEX,
      partitionKey: { name: 'GSI2PK', type: AttributeType.STRING },
      sortKey: { name: 'GSI2SK', type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    // A deployed table keeps the index it had (every attribute projected) while Queues is added
    // and functions still on the old code read it: CloudFormation adds or removes one index per
    // update, so it goes in a later deploy.
    if (inQueueIndexTransition(this)) {
      this.table.addGlobalSecondaryIndex({
        indexName: FORMER_QUEUE_INDEX,
        partitionKey: { name: 'GSI1PK', type: AttributeType.STRING },
        sortKey: { name: 'GSI1SK', type: AttributeType.STRING },
      });
    }
  }
}
