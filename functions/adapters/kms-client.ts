/** The KMS client, one per execution environment, reused across invocations. */
import { KMSClient } from '@aws-sdk/client-kms';

// On Lambda AWS_ENDPOINT_URL_KMS is unset and the SDK picks the regional endpoint. Locally it
// points at the KMS emulator (local/kms-emulator.ts). The SDK would read that variable by itself
// (service-specific endpoints); passing it explicitly changes nothing at run time but keeps the
// one setting the local stack relies on in sight, as for SQS. Unlike SQS, nothing in a KMS
// request can steer the SDK to another host, so this is the only endpoint the client ever uses.
export const kmsClient = new KMSClient({ endpoint: process.env.AWS_ENDPOINT_URL_KMS });
