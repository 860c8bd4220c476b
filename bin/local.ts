#!/usr/bin/env node
/**
 * `npm start`: the whole service on this machine, no AWS account needed. Ports can be chosen
 * with API_PORT, SQS_PORT, DYNAMODB_PORT, KMS_PORT, ISSUER_PORT and CONSOLE_PORT (defaults 3000,
 * 4566, 8000, 4599, 4598 and 3001). Review by the contact centre is off, so a report reaches its force at once;
 * REVIEW=on makes every contact wait for review, as in production.
 */
import { startLocalStack } from '../local/stack.ts';
import { DEMO_STAFF } from '../local/oidc-issuer.ts';

const port = (name: string, fallback: number): number => {
  const value = process.env[name];
  return value === undefined ? fallback : Number.parseInt(value, 10);
};

const review = process.env.REVIEW === 'on' ? 'on' : 'off';
const stack = await startLocalStack({
  apiPort: port('API_PORT', 3000),
  sqsPort: port('SQS_PORT', 4566),
  dynamoDbPort: port('DYNAMODB_PORT', 8000),
  kmsPort: port('KMS_PORT', 4599),
  issuerPort: port('ISSUER_PORT', 4598),
  consolePort: port('CONSOLE_PORT', 3001),
  review,
});

console.log(`API: ${stack.apiUrl}`);
console.log(`Staff console: ${stack.consoleUrl}`);
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

Review by the contact centre is ${review}${review === 'off' ? ' (REVIEW=on npm start to turn it on)' : ''}.
The staff console is at ${stack.consoleUrl} (its own origin, never the website's). Sign in as one of the demo users
(any other username works too; the local sign-in asks for no password):
${DEMO_STAFF.map(({ username, group }) => `  ${username.padEnd(16)} ${group}`).join('\n')}
For the API, staff sign in with tokens from the local issuer (${stack.issuer.issuer}); one per role:
${DEMO_STAFF.map(({ username, group }) => `  curl -s ${stack.issuer.tokenEndpoint} -d grant_type=password -d username=${username} -d group=${group}`).join('\n')}
Then, for example:
  curl -s ${stack.apiUrl}/contact-centre/reviews -H "authorization: Bearer $TOKEN"
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
