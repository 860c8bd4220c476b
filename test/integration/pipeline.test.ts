/**
 * The reporting pipeline end to end on the real emulators: a report posted over HTTP is taken
 * in, routed by the router on the intake queue, stored in DynamoDB Local and disseminated to its
 * force's queue on fauxqs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ForceNotification } from '../../functions/domain/entities/force-messages.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { newReference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { SETTINGS } from '../../functions/configuration/settings.ts';
import { INTAKE_MAX_RECEIVES } from '../../lib/constructs/intake-pipeline.ts';
import { captureOutput, eventually, notificationsFor, postJson, receiveAll, sendRaw, useLocalStack } from '../support/local-stack.ts';
import { fullReport, minimalReport, NARRATIVE } from '../support/reports.ts';

const output = captureOutput();
const local = useLocalStack({ visibilityTimeoutSeconds: 1 });
const MET_QUEUE = 'pac-local-reports-metropolitan.fifo';
const TRIAGE_QUEUE = 'pac-local-reports-triage.fifo';
const INTAKE_QUEUE = 'pac-local-intake';
const INTAKE_DLQ = 'pac-local-intake-dlq';

const submit = async (report: unknown) => {
  const answer = await postJson(`${local.stack.apiUrl}/reports`, report);
  assert.equal(answer.status, 202, answer.text);
  return answer.json<{ reference: string; status: string }>().reference;
};

const bodyOf = (message: { Body?: string }) => JSON.parse(message.Body ?? '{}') as ForceNotification;

describe('the reporting pipeline', () => {
  it('runs each function in exactly the environment its CDK definition gives it, and none in the union of all', () => {
    const functions = Object.entries(local.stack.template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['pac:handler'] !== undefined);
    assert.equal(local.stack.functions.size, functions.length);
    for (const [logicalId, resource] of functions) {
      const declared = Object.keys((resource.Properties?.Environment as { Variables?: object } | undefined)?.Variables ?? {}).sort();
      assert.deepEqual(Object.keys(local.stack.functions.get(logicalId)?.environment ?? {}).sort(), declared, logicalId);
    }
    for (const variable of Object.values(SETTINGS).map((setting) => setting.variable)) {
      assert.equal(process.env[variable], undefined, `${variable} is set on the whole local process`);
    }
  });

  it('answers a report naming "the Met" with 202 and a reference, and puts it once on the Met\'s queue', async () => {
    const answer = await postJson(`${local.stack.apiUrl}/reports`, minimalReport({ force: 'the Met' }));
    assert.equal(answer.status, 202);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const { reference, status } = answer.json<{ reference: string; status: string }>();
    assert.match(reference, /^PAC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.equal(status, 'received');

    const notifications = await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
    assert.equal(notifications.length, 1);
    const notification = bodyOf(notifications[0]!);
    assert.equal(notification.schemaVersion, '3.0');
    assert.deepEqual(notification.force, { id: 'metropolitan', name: 'Metropolitan Police Service' });
    assert.equal(notification.narrative, NARRATIVE);
    assert.equal(notification.routing.rule, 'named-force');
    assert.equal(notification.reference, await local.forceReference(reference, 'metropolitan'));
    assert.ok(!notifications[0]!.Body!.includes(reference), "the reporter's reference stays with the contact centre");
    assert.equal(notifications[0]!.MessageAttributes?.schemaVersion?.StringValue, '3.0');
  });

  it('stores the report with its routing decision and an audit trail', async () => {
    const reference = await submit(fullReport());
    await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), reference);
    const items = (await local.scanTable()).filter((item) => item.PK === `REPORT#${reference}`);
    const report = items.find((item) => item.SK === 'REPORT');
    assert.equal(report?.status, 'disseminated');
    assert.equal((report?.routing as { destination: string }).destination, 'kent');
    // Events one step decided together are one item, the rest of them under `followedBy`.
    const events = items
      .filter((item) => item.kind === 'event')
      .flatMap((item) => [item, ...((item.followedBy ?? []) as Record<string, unknown>[])]) as { type: string; at: string }[];
    // Without review the force's reference is given as the report is routed, before it is sent.
    assert.deepEqual(events.map((event) => event.type), ['received', 'routed', 'force_reference_given', 'disseminated']);
    const at = (type: string) => events.find((event) => event.type === type)?.at ?? '';
    assert.ok(at('force_reference_given') <= at('disseminated'));
  });

  it('puts the same report naming no force on the triage queue', async () => {
    const reference = await submit(minimalReport());
    const notifications = await notificationsFor(local.sqs, local.queueUrl(TRIAGE_QUEUE), reference);
    assert.equal(notifications.length, 1);
    assert.equal(bodyOf(notifications[0]!).routing.explanation, 'No force could be identified.');
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference, { timeoutMs: 1_000 }), []);
  });

  it('sends a report naming a force the registry does not know to triage, in fixed words', async () => {
    const reference = await submit(minimalReport({ force: 'Gotham City Police' }));
    const [notification] = await notificationsFor(local.sqs, local.queueUrl(TRIAGE_QUEUE), reference);
    assert.equal(bodyOf(notification!).routing.explanation, 'No force could be identified.');
    assert.ok(!notification!.Body!.includes('Gotham'), 'what was typed is not copied into the routing');
  });

  it('routes by the employer first, then by the place: a full postcode to its force, a straddling district to triage', async () => {
    const sussex = await submit(minimalReport({ subject: { role: 'officer', force: 'Sussex' }, location: { description: 'Piccadilly Gardens, Manchester', postcode: 'M1 1AE' } }));
    assert.equal(bodyOf((await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-sussex.fifo'), sussex))[0]!).routing.rule, 'subject-force');

    // HR3 straddles West Mercia and Dyfed-Powys; each of these postcodes lies wholly in one.
    const hay = await submit(minimalReport({ location: { postcode: 'hr35al' } }));
    const [westMercia] = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-west-mercia.fifo'), hay);
    assert.equal(bodyOf(westMercia!).routing.rule, 'postcode');
    const glasbury = await submit(minimalReport({ location: { postcode: ' HR3  6BW ' } }));
    assert.equal((await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-dyfed-powys.fifo'), glasbury)).length, 1);

    const district = await submit(minimalReport({ location: { postcode: 'HR3' } }));
    const [triaged] = await notificationsFor(local.sqs, local.queueUrl(TRIAGE_QUEUE), district);
    assert.equal(bodyOf(triaged!).routing.rule, 'postcode-candidates');
    assert.match(bodyOf(triaged!).routing.explanation, /Dyfed-Powys Police/);
    assert.match(bodyOf(triaged!).routing.explanation, /West Mercia Police/);
  });

  it('stores one report and sends one notification, with one deduplication id, when a message is delivered three times', async () => {
    const reference = newReference();
    const message = JSON.stringify(
      intakeMessage(reference, 'online', reportSubmissionSchema.parse(minimalReport({ force: 'Met' })), new Date()),
    );
    for (let i = 0; i < 3; i++) await sendRaw(local.sqs, local.queueUrl(INTAKE_QUEUE), message);

    const notifications = await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference, { settleMs: 3_000 });
    assert.equal(notifications.length, 1);
    const given = await local.forceReference(reference, 'metropolitan');
    const deduplicationId = notifications[0]!.Attributes?.MessageDeduplicationId ?? '';
    assert.match(deduplicationId, new RegExp(`^report\\.disseminated:${given}:metropolitan:v\\d+$`));
    assert.equal(bodyOf(notifications[0]!).messageId, deduplicationId, 'the message id a force deduplicates on is the deduplication id');
    const items = (await local.scanTable()).filter((item) => item.PK === `REPORT#${reference}`);
    assert.equal(items.filter((item) => item.SK === 'REPORT').length, 1);
    // Events one step decided together are one item, the first's, the rest in `followedBy`.
    const events = items.flatMap((item) => [item, ...((item.followedBy ?? []) as Record<string, unknown>[])]);
    assert.equal(events.filter((event) => event.type === 'disseminated').length, 1);
  });

  it('moves a poison message to the intake DLQ after its last try, while its neighbours are routed', async () => {
    const good = [newReference(), newReference()];
    const poison = '{"schemaVersion":1,"reference":"not a reference"}';
    await sendRaw(local.sqs, local.queueUrl(INTAKE_QUEUE), poison);
    for (const reference of good) {
      const report = reportSubmissionSchema.parse(minimalReport({ force: 'kent' }));
      await sendRaw(local.sqs, local.queueUrl(INTAKE_QUEUE), JSON.stringify(intakeMessage(reference, 'online', report, new Date())));
    }
    const routed = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), good);
    const given = await Promise.all(good.map((reference) => local.forceReference(reference, 'kent')));
    assert.deepEqual(routed.map((m) => bodyOf(m).reference).sort(), given.sort());
    const dead = await eventually(async () => {
      const messages = await receiveAll(local.sqs, local.queueUrl(INTAKE_DLQ), 1);
      return messages.length > 0 ? messages : undefined;
    }, 20_000);
    assert.deepEqual(dead.map((m) => m.Body), [poison]);
    // The router tried it once per receive the redrive policy allows, and said so each time
    // without quoting the message.
    const warnings = output.text().split('\n').filter((line) => line.includes('Intake message not routed'));
    assert.equal(warnings.length, INTAKE_MAX_RECEIVES, warnings.join('\n'));
    assert.ok(warnings.every((line) => !line.includes('not a reference')));
  });
});
