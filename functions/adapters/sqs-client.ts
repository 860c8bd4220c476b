/** The SQS client, one per execution environment, reused across invocations. */
import { SQSClient } from '@aws-sdk/client-sqs';

export const sqsClient = new SQSClient({});
