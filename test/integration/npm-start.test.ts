/**
 * `npm start` as a new user meets it: it prints where the API, SQS and DynamoDB are, a report
 * posted to the API reaches the Met's queue, and SIGTERM stops everything, DynamoDB Local's Java
 * process included.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { localSqsClient } from '../../local/emulators.ts';
import { notificationsFor, postJson } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

/** The status a request written byte for byte to the server is answered with. */
const rawStatus = (base: string, request: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1', () => socket.write(request));
    let head = '';
    socket.on('data', (chunk: Buffer) => (head += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
  });

describe('npm start', () => {
  it('serves the API, disseminates a report, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      path.join(PROJECT_ROOT, 'node_modules/.bin/node'),
      ['--disable-warning=ExperimentalWarning', 'bin/local.ts'],
      { cwd: PROJECT_ROOT, env: { ...process.env, API_PORT: '0', SQS_PORT: '0', DYNAMODB_PORT: '0', CONSOLE_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 120_000;
      while (!/DynamoDB: \S+/.test(printed)) {
        assert.ok(Date.now() < deadline && child.exitCode === null, `npm start did not come up:\n${printed}`);
        await sleep(100);
      }
      const url = (name: string) => new RegExp(`^${name}: (\\S+)$`, 'm').exec(printed)?.[1] ?? '';
      assert.match(url('API'), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(url('SQS'), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(url('DynamoDB'), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(url('Staff console'), /^http:\/\/localhost:\d+$/, 'the staff console on an origin of its own');

      // Requests that once took the whole local stack down are answered, and it goes on serving.
      for (const target of ['/contact-centre/reviews/PAC-%G1-0000', '/reports/%C0%AF/answers', '//%zz/reports']) {
        const status = await rawStatus(url('API'), `GET ${target} HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n`);
        assert.ok(status >= 400 && status < 500, `${target}: ${status}`);
      }
      assert.equal(await rawStatus(url('API'), `GET /reports HTTP/1.1\r\nHost: local\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`), 431);

      const answer = await postJson(`${url('API')}/reports`, minimalReport({ force: 'the Met' }));
      assert.equal(answer.status, 202);
      const queueUrl = /--queue-url (\S+metropolitan\.fifo)/.exec(printed)?.[1];
      assert.ok(queueUrl, 'it says how to read the Met\'s queue');
      const sqs = localSqsClient(url('SQS'));
      // The Met's message carries the Met's own reference, never the reporter's.
      const messages = await notificationsFor(sqs, queueUrl, 'FR-');
      assert.equal(messages.length, 1);
      assert.ok(!messages[0]!.Body!.includes(answer.json().reference as string));
      sqs.destroy();

      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      for (const name of ['API', 'SQS', 'DynamoDB']) {
        await assert.rejects(fetch(url(name)), `${name} still answers after SIGTERM`);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
