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
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { resourceNames } from '../../lib/stage.ts';
import { resourcesOfType } from '../../local/stack-template.ts';
import { FORCES } from '../../functions/domain/forces.ts';
import { captureOutput, notificationsFor, receiveAll, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack();

const redrive = (...args: string[]) =>
  promisify(execFile)(`${PROJECT_ROOT}/node_modules/.bin/node`, ['--disable-warning=ExperimentalWarning', 'bin/redrive.ts', '--endpoint', local.stack.sqsEndpoint, ...args], {
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
    assert.match(run.stdout, /^moved \S+ back to pac-local-intake\n/, 'stdout: a line per message, then the summary');
    assert.match(run.stderr, /^batch 1: 1 moved, 1 in all$/m, 'progress, a line per batch, on stderr');
    assert.doesNotMatch(run.stdout, /batch/);
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
    await assert.rejects(redrive('--queue', 'atlantis'), (error: { code?: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /^redrive: "atlantis" is not a queue: use intake, triage or a force id.*\nRun with --help for usage\.\n$/);
      return true;
    });
  });

  it('says which queue is missing, with exit code 1, when the stage has no such queues', async () => {
    await assert.rejects(redrive('--queue', 'kent', '--stage', 'dev'), (error: { code?: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /^redrive: There is no queue pac-dev-reports-kent\.fifo at http:\/\/\S+\. Is --stage right\?\n$/);
      return true;
    });
  });

  it('names the table and queues as the synthesised stack does (lib/stage.ts resourceNames, lib/constructs)', () => {
    const names = resourceNames('local');
    const template = local.stack.template;
    const tables = resourcesOfType(template, 'AWS::DynamoDB::Table').map(([, table]) => table.Properties?.TableName);
    assert.deepEqual([...tables].sort(), [names.table, names.dataKeysTable].sort());
    const queues = resourcesOfType(template, 'AWS::SQS::Queue').map(([, queue]) => queue.Properties?.QueueName as string);
    const destinations = [...FORCES.map((force) => force.id), 'triage'];
    assert.deepEqual(
      [...queues].sort(),
      [names.intakeQueue, names.intakeDeadLetterQueue, ...destinations.flatMap((id) => [names.reportQueue(id), names.reportDeadLetterQueue(id)])].sort(),
    );
    const outputs = (template as { Outputs?: Record<string, { Value?: unknown }> }).Outputs ?? {};
    assert.equal(outputs.ReportQueueNameTemplate?.Value, names.reportQueueTemplate);
  });
});
