/**
 * The data keys table: each original's, contact details' and answer's own data key, wrapped by KMS
 * under the originals key (functions/adapters/shreddable-vault.ts). The report table holds only
 * their ciphertext; the retention job destroys a key here on its text's day, and from then on no
 * copy of the text opens, a backup of the report table's included.
 *
 * So this table is deliberately never recoverable: no point-in-time recovery, no backup plan. A
 * key deleted here is gone when DynamoDB deletes it. The report table keeps its point-in-time
 * recovery: a restore of it brings back ciphertext whose keys are gone. Losing this table loses
 * every original: it is protected from deletion in prod and kept if the stack is deleted.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import { variableOf } from '../../functions/configuration/settings.ts';
import type { ReportingFunction } from './reporting-function.ts';

/** What a function does with data keys: keep new ones (sealing), read them (opening), or destroy them (retention). */
export type DataKeyUse = 'seal' | 'open' | 'shred';

const ACTIONS: Readonly<Record<DataKeyUse, readonly string[]>> = {
  seal: ['dynamodb:PutItem'],
  open: ['dynamodb:GetItem'],
  shred: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
};

/** The partitions of the data keys table: one per report. */
export const DATA_KEY_PARTITIONS = ['REPORT-KEYS#*'] as const;

export class DataKeyStore extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    const production = isProduction(props.stage);
    this.table = new Table(this, 'Table', {
      tableName: `${resourcePrefix(props.stage)}-data-keys`,
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      deletionProtection: production,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Crypto-shredding: this table holds the only wrapped copy of each original’s data key, and the retention schedule ends an original by deleting its key here. ' +
        'Point-in-time recovery would keep every deleted key for 35 days, so that a restore could open what the schedule ended. The report table, which holds the ciphertext, keeps its recovery.',
    });
  }

  /** Names the table to the function and grants it exactly its use, bounded to the reports' partitions. */
  bind(fn: ReportingFunction, use: DataKeyUse): void {
    fn.addEnvironment(variableOf('dataKeysTableName'), this.table.tableName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...ACTIONS[use]],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...DATA_KEY_PARTITIONS] } },
      }),
    );
  }
}
