#!/usr/bin/env node
/**
 * `npm start`: the whole service on this machine, no AWS account needed. Ports can be chosen
 * with API_PORT, SQS_PORT and DYNAMODB_PORT (defaults 3000, 4566 and 8000).
 */
import { startLocalStack } from '../local/stack.ts';

const port = (name: string, fallback: number): number => {
  const value = process.env[name];
  return value === undefined ? fallback : Number.parseInt(value, 10);
};

const stack = await startLocalStack({
  apiPort: port('API_PORT', 3000),
  sqsPort: port('SQS_PORT', 4566),
  dynamoDbPort: port('DYNAMODB_PORT', 8000),
});

console.log(`API: ${stack.apiUrl}`);
console.log(`SQS: ${stack.sqsEndpoint}`);
console.log(`DynamoDB: ${stack.dynamoDbEndpoint}`);
console.log(`
Table ${stack.tableName} and ${stack.queueUrls.size} queues are ready (region ${stack.region}; any credentials work).
Send a report:
  curl -si ${stack.apiUrl}/reports -H 'content-type: application/json' \\
    -d '{"categories":["bribery"],"force":"the Met","narrative":"An officer asked me for money to drop a speeding ticket."}'
Read the Met's queue:
  aws sqs receive-message --endpoint-url ${stack.sqsEndpoint} --region ${stack.region} \\
    --queue-url ${stack.queueUrls.get('pac-local-reports-metropolitan.fifo')}
Ctrl-C stops everything.`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local stack…`);
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
