/**
 * The service's queues on SQS: the intake queue the public path writes to, and the destination
 * queues (one FIFO queue per force, and triage) the router writes to. Destination queues are
 * found by name, from a template the stack sets, so one environment variable serves 49 queues.
 */
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { IntakeMessage } from '#domain/intake.ts';
import type { ForceMessage, ForceQueues, IntakeQueue, OriginalsVault } from '#domain/ports.ts';
import type { Destination } from '#domain/entities/routing-decision.ts';
import { DESTINATION_PLACEHOLDER } from '../configuration/settings.ts';
import { sealIntakeMessage } from './sealed-intake.ts';
import { sqsBody } from './sqs-body.ts';

/** The intake queue: each message sealed for the router (functions/adapters/sealed-intake.ts). */
export class SqsIntakeQueue implements IntakeQueue {
  private readonly client: SQSClient;
  private readonly queueUrl: string;
  private readonly sealer: Pick<OriginalsVault, 'seal'>;

  constructor(client: SQSClient, queueUrl: string, sealer: Pick<OriginalsVault, 'seal'>) {
    this.client = client;
    this.queueUrl = queueUrl;
    this.sealer = sealer;
  }

  async enqueue(message: IntakeMessage): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: await sealIntakeMessage(this.sealer, message) }));
  }
}


export class SqsForceQueues implements ForceQueues {
  private readonly urls = new Map<Destination, Promise<string>>();

  private readonly client: SQSClient;
  private readonly queueNameTemplate: string;

  /** @param queueNameTemplate a queue name with `{destination}` in it, e.g. `pac-dev-reports-{destination}.fifo` */
  constructor(client: SQSClient, queueNameTemplate: string) {
    this.client = client;
    this.queueNameTemplate = queueNameTemplate;
  }

  async notify(destination: Destination, message: ForceMessage, deduplicationId: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: await this.queueUrl(destination),
        MessageBody: sqsBody(message),
        // One group per report: everything about a report arrives in order; reports in parallel.
        MessageGroupId: message.reference,
        MessageDeduplicationId: deduplicationId,
        MessageAttributes: {
          type: { DataType: 'String', StringValue: message.type },
          schemaVersion: { DataType: 'String', StringValue: message.schemaVersion },
        },
      }),
    );
  }

  private queueUrl(destination: Destination): Promise<string> {
    let url = this.urls.get(destination);
    if (url === undefined) {
      const QueueName = this.queueNameTemplate.replace(DESTINATION_PLACEHOLDER, destination);
      url = this.client.send(new GetQueueUrlCommand({ QueueName })).then(({ QueueUrl }) => {
        if (QueueUrl === undefined) throw new Error(`No URL for queue ${QueueName}`);
        return QueueUrl;
      });
      url.catch(() => this.urls.delete(destination));
      this.urls.set(destination, url);
    }
    return url;
  }
}
