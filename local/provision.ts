/**
 * Creates the stack's table and queues in the emulators, exactly as the template declares them
 * (names, keys and indexes, FIFO settings, retention, visibility timeouts, redrive to DLQs), and
 * returns what each resource resolves to locally.
 */
import { CreateTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { resolver, resourcesOfType, type StackTemplate } from './stack-template.ts';
import { waitForTableActive } from './emulators.ts';

export interface ProvisionOptions {
  /**
   * Shortens every queue's visibility timeout, so a message that failed is offered again within
   * seconds rather than minutes. Tests of retries and redrive use it; `npm start` does not.
   */
  readonly visibilityTimeoutSeconds?: number;
}

export interface Provisioned {
  readonly refs: Map<string, string>;
  readonly attributes: Map<string, string>;
  readonly tableNames: string[];
  readonly queueUrls: Map<string, string>;
}

/** Queue properties the emulator takes as attributes, as CloudFormation names them. */
const QUEUE_ATTRIBUTES = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
] as const;

export const provision = async (
  template: StackTemplate,
  dynamodb: DynamoDBClient,
  sqs: SQSClient,
  sqsEndpoint: string,
  options: ProvisionOptions = {},
): Promise<Provisioned> => {
  const refs = new Map<string, string>();
  const attributes = new Map<string, string>();
  const resolve = resolver(refs, attributes);
  const tableNames: string[] = [];
  const queueUrls = new Map<string, string>();

  for (const [logicalId, { Properties: p = {} }] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
    const TableName = resolve(p.TableName);
    await dynamodb.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: p.AttributeDefinitions,
        KeySchema: p.KeySchema,
        GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
        BillingMode: p.BillingMode,
      } as CreateTableCommandInput),
    );
    await waitForTableActive(dynamodb, TableName);
    refs.set(logicalId, TableName);
    attributes.set(`${logicalId}.Arn`, `arn:aws:dynamodb:local:000000000000:table/${TableName}`);
    tableNames.push(TableName);
  }

  // Dead-letter queues first: a queue's redrive policy names its DLQ's ARN.
  const queues = resourcesOfType(template, 'AWS::SQS::Queue').sort(
    ([, a], [, b]) => Number(a.Properties?.RedrivePolicy !== undefined) - Number(b.Properties?.RedrivePolicy !== undefined),
  );
  for (const [logicalId, { Properties: p = {} }] of queues) {
    const QueueName = resolve(p.QueueName);
    const Attributes: Record<string, string> = {};
    for (const name of QUEUE_ATTRIBUTES) if (p[name] !== undefined) Attributes[name] = String(p[name]);
    if (options.visibilityTimeoutSeconds !== undefined) Attributes.VisibilityTimeout = String(options.visibilityTimeoutSeconds);
    const redrive = p.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number } | undefined;
    if (redrive !== undefined) {
      Attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: resolve(redrive.deadLetterTargetArn),
        maxReceiveCount: redrive.maxReceiveCount,
      });
    }
    const { QueueUrl: emulatorUrl } = await sqs.send(new CreateQueueCommand({ QueueName, Attributes }));
    if (emulatorUrl === undefined) throw new Error(`No URL for queue ${QueueName}`);
    // fauxqs names queues http://sqs.<region>.localhost:<port>/…, which few resolvers resolve; it
    // finds a queue by its path whatever the host, so hand out URLs on the endpoint itself.
    const QueueUrl = new URL(new URL(emulatorUrl).pathname, sqsEndpoint).href;
    const { Attributes: created } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    refs.set(logicalId, QueueUrl);
    attributes.set(`${logicalId}.Arn`, created?.QueueArn ?? '');
    attributes.set(`${logicalId}.QueueUrl`, QueueUrl);
    attributes.set(`${logicalId}.QueueName`, QueueName);
    queueUrls.set(QueueName, QueueUrl);
  }

  for (const [logicalId] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    refs.set(logicalId, logicalId);
    attributes.set(`${logicalId}.Arn`, `local:function:${logicalId}`);
  }
  for (const [logicalId] of resourcesOfType(template, 'AWS::ApiGatewayV2::Integration')) refs.set(logicalId, logicalId);

  return { refs, attributes, tableNames, queueUrls };
};
