/**
 * Person links on DynamoDB Local and the local KMS: the person-link key is made once however many
 * functions need it first, match keys are the same from every function, the report table keeps
 * only keyed hashes, and the reports that may concern one person are found again from them.
 * (The router files them: test/integration/person-links.test.ts takes reports through the stack.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPersonLinkStore, HmacMatchKeyer } from '../../functions/adapters/person-link-store.ts';
import { recordPersonKeys, reportsAboutTheSamePerson } from '../../functions/domain/person-links/linking.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import type { ReportSubmission } from '../../functions/domain/report.ts';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { captureOutput, useLocalStack } from '../support/local-stack.ts';

captureOutput();
const local = useLocalStack();

const documents = () => DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));
// Under the person-link key the local stack provisioned from the template, as the router is given it.
const keyerAsAFunction = () =>
  new HmacMatchKeyer(localKmsClient(local.stack.kmsEndpoint), documents(), local.stack.tableName, local.functionSetting('PERSON_LINK_KEY_ID'));
const submission = (subject: ReportSubmission['subject'], narrative = 'The officer took money from a driver to let him off.'): ReportSubmission => ({
  categories: ['bribery'],
  subject,
  narrative,
  reporter: { mode: 'anonymous' },
});

describe('person links in the report table', () => {
  it('makes the person-link key once, and every function keys a form alike', async () => {
    const keyers = Array.from({ length: 5 }, keyerAsAFunction);
    const keyed = await Promise.all(keyers.map((keyer) => keyer.keys(['name|pryce|gavin', 'collar|kent|4471'])));
    assert.equal(new Set(keyed.map((keys) => keys.join())).size, 1);
    assert.match(keyed[0]![0]!, /^[A-Za-z0-9_-]{43}$/);
    const wrapped = (await local.scanTable()).filter((item) => item.PK === 'PERSON-LINK-KEY');
    assert.equal(wrapped.length, 1);
  });

  it('keeps only keyed hashes, and finds the reports about one person from them', async () => {
    const ports = { keyer: keyerAsAFunction(), links: new DynamoPersonLinkStore(documents(), local.stack.tableName) };
    const ref = (text: string) => text as Reference;
    await recordPersonKeys(ports, { reference: ref('PAC-LINK-0001'), report: submission({ role: 'officer', name: 'Gavin Pryce' }), receivedAt: '2025-01-10T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-LINK-0002'), report: submission({ role: 'officer', name: 'PC Gavin Pryce', collarNumber: 'KP 4471' }), receivedAt: '2024-03-01T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-LINK-0003'), report: submission({ role: 'officer' }, 'PC 4471 took my money at the station.'), receivedAt: '2026-06-01T10:00:00Z', force: 'kent' });
    await recordPersonKeys(ports, { reference: ref('PAC-LINK-0004'), report: submission({ role: 'officer', name: 'Claire Pryce' }), receivedAt: '2025-02-01T10:00:00Z', force: 'kent' });

    const items = (await local.scanTable()).filter((item) => String(item.PK).startsWith('PERSON-KEY'));
    assert.ok(items.length >= 8, `${items.length} items`);
    const kept = JSON.stringify(items).toLowerCase();
    for (const plaintext of ['pryce', 'gavin', 'claire', '4471']) assert.ok(!kept.includes(plaintext), `${plaintext} is not kept`);

    const links = await reportsAboutTheSamePerson(ports, ref('PAC-LINK-0001'));
    assert.deepEqual(links.map((l) => [l.reference, l.force, l.receivedAt]), [
      ['PAC-LINK-0002', 'kent', '2024-03-01T10:00:00Z'],
      ['PAC-LINK-0003', 'kent', '2026-06-01T10:00:00Z'],
    ]);
    assert.deepEqual(links[0]!.evidence, ['same full name', 'same force']);
    assert.equal(links[1]!.through, 'PAC-LINK-0002');
  });

  it('gives no report for a key filed for more reports than asked for, reading no further than one past it', async () => {
    const links = new DynamoPersonLinkStore(documents(), local.stack.tableName);
    const entry = (n: number) => ({ reference: `PAC-MANY-${String(n).padStart(4, '0')}` as Reference, receivedAt: '2025-01-10T10:00:00Z', keys: [] });
    for (let n = 0; n < 12; n += 1) await links.recordKeys(entry(n), ['common-key', ...(n < 3 ? ['rare-key'] : [])]);
    assert.equal((await links.filedUnder(['common-key'], 12)).size, 12, 'at the limit: every one');
    assert.equal((await links.filedUnder(['common-key'], 11)).size, 0, 'over it: none, too common to search by');
    assert.deepEqual([...(await links.filedUnder(['common-key', 'rare-key'], 5))].sort(), ['PAC-MANY-0000', 'PAC-MANY-0001', 'PAC-MANY-0002'], 'the rarer key still finds its own');
  });
});
