/**
 * Nothing readable on the intake queue: what the functions that take reports in put on it is
 * sealed for the router under the intake key (functions/adapters/sealed-intake.ts). Read here as
 * an operator who may receive from the queue and its DLQ, or redrive them, would read it, on
 * fauxqs and the local KMS.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { INTAKE_DATA_KEY_REUSE } from '../../functions/adapters/composition-root.ts';
import { KmsOriginalsVault } from '../../functions/adapters/originals-vault.ts';
import { SqsIntakeQueue } from '../../functions/adapters/queues.ts';
import { openIntakeMessage, sealIntakeMessage } from '../../functions/adapters/sealed-intake.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { newReference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { localKmsClient } from '../../local/emulators.ts';
import { captureOutput, notificationsFor, postJson, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

const output = captureOutput();
const local = useLocalStack();

const NARRATIVE = 'Sergeant Quillfeather took two hundred pounds from me outside the Marlowe Arms to lose my file.';
const CONTACT = { email: 'wren.abernathy@example.org', phone: '07700 900461' };

const confidentialReport = () =>
  reportSubmissionSchema.parse({
    ...minimalReport({ force: 'the Met' }),
    narrative: NARRATIVE,
    reporter: { mode: 'confidential', contact: { name: 'Wren Abernathy', ...CONTACT } },
  });

/** The intake seal as the functions have it (composition-root.ts), with a KMS client that counts its requests. */
const intakeSeal = () => {
  const kms = localKmsClient(local.stack.kmsEndpoint);
  const asked: string[] = [];
  kms.middlewareStack.add((next, context) => (args) => (asked.push(String(context.commandName)), next(args)), { step: 'initialize' });
  return Object.assign(new KmsOriginalsVault(kms, local.functionSetting('INTAKE_KEY_ID'), 'intake-message', INTAKE_DATA_KEY_REUSE), { asked });
};

const redrive = () =>
  promisify(execFile)(`${PROJECT_ROOT}/node_modules/.bin/node`, ['--disable-warning=ExperimentalWarning', 'bin/redrive.ts', '--endpoint', local.stack.sqsEndpoint, '--queue', 'intake'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
  });

describe('the intake queue', () => {
  it('carries a confidential report as ciphertext an operator cannot read, and the router routes it after a redrive', async () => {
    const reference = newReference();
    const deadLetters = local.queueUrl('pac-local-intake-dlq');
    await new SqsIntakeQueue(local.sqs, deadLetters, intakeSeal()).enqueue(intakeMessage(reference, 'online', confidentialReport(), new Date()));

    const { Messages = [] } = await local.sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetters, MaxNumberOfMessages: 1, VisibilityTimeout: 0 }));
    const body = Messages[0]?.Body ?? '';
    assert.match(body, new RegExp(reference));
    for (const written of ['Quillfeather', 'Marlowe', 'Wren', 'Abernathy', CONTACT.email, '900461', 'confidential', 'metropolitan', 'the Met']) {
      assert.ok(!body.includes(written), `the queue shows "${written}"`);
    }
    assert.deepEqual(Object.keys(JSON.parse(body) as object), ['schemaVersion', 'reference', 'sealed']);

    await redrive();
    const [notification] = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-metropolitan.fifo'), reference);
    assert.ok(notification !== undefined, 'the router opened it and routed it to the Met');
  });

  it('is what the public submit path puts there: the router finds every report it routes sealed', async () => {
    const answer = await postJson(`${local.stack.apiUrl}/reports`, { ...minimalReport({ force: 'Kent' }), narrative: NARRATIVE });
    assert.equal(answer.status, 202, answer.text);
    const { reference } = answer.json<{ reference: string }>();
    assert.equal((await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), reference)).length, 1);
    assert.doesNotMatch(output.text(), /Intake message was not sealed/);
  });

  it('opens a sealed message only for its own reference, and only under the intake key', async () => {
    const reference = newReference();
    const seal = intakeSeal();
    const body = await sealIntakeMessage(seal, intakeMessage(reference, 'phone', confidentialReport(), new Date()));
    assert.equal((await openIntakeMessage(seal, body)).message.report.narrative, NARRATIVE);

    const renamed = JSON.stringify({ ...(JSON.parse(body) as object), reference: newReference() });
    await assert.rejects(openIntakeMessage(seal, renamed));
    const originals = new KmsOriginalsVault(localKmsClient(local.stack.kmsEndpoint), local.functionSetting('ORIGINALS_KEY_ID'));
    await assert.rejects(openIntakeMessage(originals, body), 'the originals key opens no intake message');
    const underOriginalsPurpose = new KmsOriginalsVault(localKmsClient(local.stack.kmsEndpoint), local.functionSetting('INTAKE_KEY_ID'), 'report-original');
    await assert.rejects(openIntakeMessage(underOriginalsPurpose, body), 'a data key opens only for the purpose it was made for');
  });

  it('asks KMS once per data key, not once per message, and opens what was sealed before data keys were reused', async () => {
    const sealing = intakeSeal();
    const opening = intakeSeal();
    const bodies = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const reference = newReference();
        return { reference, body: await sealIntakeMessage(sealing, intakeMessage(reference, 'online', confidentialReport(), new Date())) };
      }),
    );
    for (const { reference, body } of bodies) assert.equal((await openIntakeMessage(opening, body)).message.reference, reference);
    assert.deepEqual(sealing.asked, ['GenerateDataKeyCommand']);
    assert.deepEqual(opening.asked, ['DecryptCommand']);

    // Sealed with the reference in the encryption context, as before: still opened.
    const reference = newReference();
    const before = new KmsOriginalsVault(localKmsClient(local.stack.kmsEndpoint), local.functionSetting('INTAKE_KEY_ID'), 'intake-message');
    const body = await sealIntakeMessage(before, intakeMessage(reference, 'phone', confidentialReport(), new Date()));
    assert.equal((await openIntakeMessage(intakeSeal(), body)).message.reference, reference);
  });

  it('still routes a message queued unsealed before the intake key was deployed, and says so', async () => {
    const reference = newReference();
    const unsealed = JSON.stringify(intakeMessage(reference, 'online', reportSubmissionSchema.parse(minimalReport({ force: 'Essex' })), new Date()));
    const { message, sealed } = await openIntakeMessage(intakeSeal(), unsealed);
    assert.equal(sealed, false);
    assert.equal(message.reference, reference);
  });
});
