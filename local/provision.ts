/**
 * Creates the stack's table and queues in the emulators, exactly as the template declares them
 * (names, keys and indexes, FIFO settings, retention, visibility timeouts, redrive to DLQs), and
 * returns what each resource resolves to locally.
 */
import { CreateTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { resolver, resourcesOfType, type StackTemplate } from './stack-template.ts';
import { LOCAL_REGION, waitForTableActive } from './emulators.ts';
import type { KmsEmulator } from './kms-emulator.ts';
import { LOCAL_USER_POOL_ID, type LocalIssuer } from './oidc-issuer.ts';

export interface ProvisionOptions {
  /**
   * Shortens every queue's visibility timeout, so a message that failed is offered again within
   * seconds rather than minutes. Tests of retries and redrive use it; `npm start` does not.
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Added to every table's name, so several local stacks can share one DynamoDB Local (the test
   * suite's); the functions are given the names as created.
   */
  readonly tableNameSuffix?: string;
}

export interface Provisioned {
  readonly refs: Map<string, string>;
  readonly attributes: Map<string, string>;
  readonly tableNames: string[];
  readonly queueUrls: Map<string, string>;
  /** App client ids of the user pools, by client name. */
  readonly userPoolClients: Map<string, string>;
  /**
   * Values a function's environment resolves to in AWS terms that mean something else here: the
   * Cognito issuer URL of a user pool is the local issuer's.
   */
  readonly localEquivalents: Map<string, string>;
}

export interface LocalServices {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly sqsEndpoint: string;
  readonly kms: KmsEmulator;
  readonly issuer: LocalIssuer;
}

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

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
  { dynamodb, sqs, sqsEndpoint, kms, issuer }: LocalServices,
  options: ProvisionOptions = {},
): Promise<Provisioned> => {
  const refs = new Map<string, string>(Object.entries(PSEUDO_PARAMETERS));
  const attributes = new Map<string, string>();
  const resolve = resolver(refs, attributes);
  const tableNames: string[] = [];
  const queueUrls = new Map<string, string>();
  const userPoolClients = new Map<string, string>();
  const localEquivalents = new Map<string, string>();

  for (const [logicalId, { Properties: p = {} }] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
    const TableName = `${resolve(p.TableName)}${options.tableNameSuffix ?? ''}`;
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

  for (const [logicalId, { Properties: p = {} }] of resourcesOfType(template, 'AWS::KMS::Key')) {
    const { keyId, arn } = kms.createKey(typeof p.Description === 'string' ? p.Description : logicalId);
    refs.set(logicalId, keyId);
    attributes.set(`${logicalId}.Arn`, arn);
    attributes.set(`${logicalId}.KeyId`, keyId);
  }

  // The local issuer stands in for every user pool (the contact centre's staff pool, the force
  // systems' pool): it signs every token with one key and one `iss`, so every pool gets the same
  // local pool id, and each pool's Cognito issuer URL maps to the local issuer's. What keeps the
  // pools apart is what the functions check besides the issuer: the app client ids, which keep
  // their names as ids here, so two pools may not hold clients of the same name.
  const providerUrl = `https://cognito-idp.${LOCAL_REGION}.amazonaws.com/${LOCAL_USER_POOL_ID}`;
  for (const [logicalId] of resourcesOfType(template, 'AWS::Cognito::UserPool')) {
    refs.set(logicalId, LOCAL_USER_POOL_ID);
    attributes.set(`${logicalId}.ProviderURL`, providerUrl);
    attributes.set(`${logicalId}.Arn`, `arn:aws:cognito-idp:${LOCAL_REGION}:000000000000:userpool/${LOCAL_USER_POOL_ID}`);
    localEquivalents.set(providerUrl, issuer.issuer);
  }
  for (const [logicalId, { Properties: p = {} }] of resourcesOfType(template, 'AWS::Cognito::UserPoolClient')) {
    const clientId = resolve(p.ClientName);
    if (userPoolClients.has(clientId)) throw new Error(`Two app clients are named ${clientId}; locally a client's name is its id`);
    refs.set(logicalId, clientId);
    userPoolClients.set(clientId, clientId);
  }
  // Nothing to create for these: the local issuer mints any scope asked of it and serves its token
  // endpoint on its own origin. They resolve so that whatever refers to them does.
  for (const [logicalId, { Properties: p = {} }] of resourcesOfType(template, 'AWS::Cognito::UserPoolResourceServer')) {
    refs.set(logicalId, resolve(p.Identifier));
  }
  for (const [logicalId, { Properties: p = {} }] of resourcesOfType(template, 'AWS::Cognito::UserPoolDomain')) {
    refs.set(logicalId, resolve(p.Domain));
    // Its managed login (what the staff console signs in at) is the local issuer's sign-in.
    localEquivalents.set(`https://${resolve(p.Domain)}.auth.${LOCAL_REGION}.amazoncognito.com`, issuer.signInUrl);
  }

  for (const [logicalId] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    refs.set(logicalId, logicalId);
    attributes.set(`${logicalId}.Arn`, `local:function:${logicalId}`);
  }
  for (const [logicalId] of resourcesOfType(template, 'AWS::ApiGatewayV2::Integration')) refs.set(logicalId, logicalId);

  return { refs, attributes, tableNames, queueUrls, userPoolClients, localEquivalents };
};
