/**
 * The report store: one DynamoDB table holding reports, their audit trails and (later) the
 * statistics counters. Encrypted at rest, point-in-time recovery on; in `prod` it is protected
 * from deletion and kept if the stack is deleted.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';

export const REPORTS_BY_DESTINATION_INDEX = 'GSI1';

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
    this.table.addGlobalSecondaryIndex({
      indexName: REPORTS_BY_DESTINATION_INDEX,
      partitionKey: { name: 'GSI1PK', type: AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: AttributeType.STRING },
    });
  }
}
