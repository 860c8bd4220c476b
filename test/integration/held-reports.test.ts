/**
 * Reports for a force that had not joined the service yet are held in triage, and the operator's
 * release command sends them to that force once it has joined, once.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, describe, it, mock } from 'node:test';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { captureOutput, notificationsFor, postJson, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'off' });
after(() => mock.timers.reset());

const releaseCommand = (...extra: string[]) =>
  promisify(execFile)(
    `${PROJECT_ROOT}/node_modules/.bin/node`,
    [
      '--disable-warning=ExperimentalWarning',
      'bin/release-held-reports.ts',
      '--endpoint-dynamodb',
      local.stack.dynamoDbEndpoint,
      '--endpoint-sqs',
      local.stack.sqsEndpoint,
      // The local stack's table: pac-local-reports, or with a suffix of its own on a DynamoDB Local shared by the test run.
      '--table',
      local.stack.tableName,
      '--operator',
      'olive',
      ...extra,
    ],
    { cwd: PROJECT_ROOT, env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' } },
  );

describe('reports held until their force joins', () => {
  it('holds a 2023 report about Kent in triage, and the release command sends it to Kent, once', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.parse('2023-06-01T10:00:00Z') });
    const answer = await postJson(`${local.stack.apiUrl}/reports`, minimalReport({ force: 'Kent' }));
    const reference = answer.json().reference as string;
    const [held] = await (async () => {
      for (let i = 0; i < 100; i++) {
        const found = (await local.scanTable()).filter((item) => item.reference === reference && item.kind === 'report');
        if (found[0]?.status === 'in_triage') return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    })();
    mock.timers.reset();
    assert.equal(held?.status, 'in_triage');
    assert.deepEqual((held?.routing as { candidates: string[] }).candidates, ['kent']);
    assert.equal((await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-triage.fifo'), reference)).length, 1);

    const dryRun = await releaseCommand('--dry-run');
    assert.match(dryRun.stdout, new RegExp(`${reference}  would be released to kent`));
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), reference, { timeoutMs: 1_500 }), []);

    const run = await releaseCommand();
    assert.match(run.stdout, new RegExp(`${reference}  released to kent`));
    assert.match(run.stderr, /^page 1: \d+ reports? in triage looked at; 1 released, 0 still waiting$/m, 'progress, a line per page, on stderr');
    assert.doesNotMatch(run.stdout, /^page /m);
    const [notification, ...more] = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), reference);
    assert.equal(more.length, 0);
    assert.equal(JSON.parse(notification!.Body!).routing.rule, 'released');

    const again = await releaseCommand();
    assert.doesNotMatch(again.stdout, new RegExp(reference));
    assert.match(again.stdout, /0 released/);
    const trail = (await local.scanTable()).filter((item) => item.reference === reference && item.kind === 'event').map((item) => item.type);
    assert.ok(trail.includes('released'));
  });
});
