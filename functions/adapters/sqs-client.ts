/** The SQS client, one per execution environment, reused across invocations. */
import { SQSClient } from '@aws-sdk/client-sqs';

// On Lambda AWS_ENDPOINT_URL_SQS is unset and the SDK picks the regional endpoint. Locally it
// points at the emulator; passing it explicitly makes the SDK send there even when a queue URL
// names another host (the SDK otherwise follows the queue URL's host).
export const sqsClient = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS });
