/**
 * The operator's redrive: messages that ended on a dead-letter queue go back to their queue once
 * the cause is fixed, and are then handled as if nothing had happened.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { newReference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { PROJECT_ROOT } from '../../lib/constructs/reporting-function.ts';
import { captureOutput, notificationsFor, receiveAll, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack();

const redrive = (...args: string[]) =>
  promisify(execFile)(`${PROJECT_ROOT}/node_modules/.bin/node`, ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'bin/redrive.ts', '--endpoint', local.stack.sqsEndpoint, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
  });

describe('redriving a dead-letter queue', () => {
  it('sends a report that failed during an outage back through the router to its force', async () => {
    const reference = newReference();
    const body = JSON.stringify(intakeMessage(reference, 'online', reportSubmissionSchema.parse(minimalReport({ force: 'the Met' })), new Date()));
    await local.sqs.send(new SendMessageCommand({ QueueUrl: local.queueUrl('pac-local-intake-dlq'), MessageBody: body }));

    const dry = await redrive('--queue', 'intake', '--dry-run');
    assert.match(dry.stdout, /Dry run: 1 message would be moved/);

    const run = await redrive('--queue', 'intake', '--max', '5');
    assert.match(run.stdout, /1 message moved from pac-local-intake-dlq to pac-local-intake/);
    assert.equal((await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-metropolitan.fifo'), reference)).length, 1);
  });

  it("moves a force's dead notifications back to its FIFO queue, in their report's group", async () => {
    const reference = newReference();
    await local.sqs.send(
      new SendMessageCommand({
        QueueUrl: local.queueUrl('pac-local-reports-kent-dlq.fifo'),
        MessageBody: JSON.stringify({ reference, type: 'report.disseminated' }),
        MessageGroupId: reference,
        MessageDeduplicationId: `report.disseminated:${reference}:kent`,
      }),
    );
    // The force's FIFO queue saw this deduplication id recently: a plain resend would be dropped.
    await local.sqs.send(
      new SendMessageCommand({
        QueueUrl: local.queueUrl('pac-local-reports-kent.fifo'),
        MessageBody: JSON.stringify({ reference, type: 'report.disseminated', first: true }),
        MessageGroupId: reference,
        MessageDeduplicationId: `report.disseminated:${reference}:kent`,
      }),
    );
    await receiveAll(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'));

    const run = await redrive('--queue', 'kent');
    assert.match(run.stdout, /1 message moved/);
    const [back] = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), reference);
    assert.equal(back?.Attributes?.MessageGroupId, reference);
    assert.deepEqual(await receiveAll(local.sqs, local.queueUrl('pac-local-reports-kent-dlq.fifo')), []);
  });

  it('refuses a queue that does not exist', async () => {
    await assert.rejects(redrive('--queue', 'atlantis'), (error: { code?: number }) => error.code === 2);
  });
});
