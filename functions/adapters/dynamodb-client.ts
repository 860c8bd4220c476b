/**
 * The DynamoDB client of the running function, made once per execution environment. On Lambda
 * the SDK finds the regional endpoint itself. Locally the runtime gives each function an endpoint
 * of its own (AWS_ENDPOINT_URL_DYNAMODB in its environment, as Lambda gives its own variables):
 * the local IAM check (local/dynamodb-guard.ts) that holds the function to its role's statements.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { perFunction } from '../configuration/function-environment.ts';

export const dynamoDbClient = /* @__PURE__ */ perFunction((environment) => new DynamoDBClient({ endpoint: environment.AWS_ENDPOINT_URL_DYNAMODB }));

export const documentClient = /* @__PURE__ */ perFunction(() =>
  DynamoDBDocumentClient.from(dynamoDbClient(), { marshallOptions: { removeUndefinedValues: true } }),
);
