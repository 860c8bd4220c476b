/**
 * The Met's first 18 months (29 November 2022 to April 2024), replayed through the real handlers
 * on the real emulators, month by month, with the clock set to each month: 1,988 reports by phone
 * and 890 online about the Met (2,878 contacts); the contact centre disseminates 867 to the Met
 * and closes the rest; the Met opens an investigation on 728 and passes 139 to other forces. The
 * service's own statistics must give the published figures back, to the unit.
 *
 * The whole period takes minutes: `npm run replay:met` replays it (MET_REPLAY=full). `npm test`
 * replays its first three months, each exactly as the full replay does it (the same contacts,
 * disseminations, closures, investigations and transfers that month), and checks the service's
 * figures against those months' share of the published ones.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, describe, it, mock } from 'node:test';
import { promisify } from 'node:util';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoStatisticsStore } from '../../functions/adapters/statistics-store.ts';
import { forceById } from '../../functions/domain/forces.ts';
import { exactStatistics, monthsIn, publicStatistics } from '../../functions/domain/statistics-view.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { localDynamoDbClient } from '../../local/emulators.ts';
import { captureOutput, postJson, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });
after(() => mock.timers.reset());

const PUBLISHED = { phone: 1_988, online: 890, disseminated: 867, investigations: 728, transfers: 139 };
const PERIOD = { from: '2022-11', to: '2024-04' };
const MONTHS = monthsIn(PERIOD);
const FULL = process.env.MET_REPLAY === 'full';
const REPLAYED = FULL ? MONTHS : MONTHS.slice(0, 3);
const RANGE = { from: PERIOD.from, to: REPLAYED.at(-1)! };
const TRANSFER_TO = ['kent', 'essex', 'surrey', 'sussex', 'thames-valley', 'hertfordshire', 'city-of-london', 'british-transport-police'];
const CLOSURES = ['not_about_police', 'duplicate', 'insufficient_information', 'advice_given', 'malicious'];

/** n spread over the months as evenly as whole numbers allow. */
const spread = (n: number) => MONTHS.map((_, i) => Math.floor((n * (i + 1)) / MONTHS.length) - Math.floor((n * i) / MONTHS.length));

/** Runs the jobs a few at a time, as several staff and systems would. */
const inParallel = async <T>(items: readonly T[], work: (item: T, index: number) => Promise<void>, width = 8) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
};

const api = (path: string) => `${local.stack.apiUrl}${path}`;
const expectStatus = (answer: { status: number; text: string }, status: number) => assert.equal(answer.status, status, answer.text);

describe("the Met's first 18 months, replayed", () => {
  it(`gives back the published figures to the unit${FULL ? '' : ' (the months replayed, their share)'}`, { timeout: 480_000 }, async () => {
    const documents = DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));
    const statuses = async (references: readonly string[]) => {
      const found = new Map<string, string>();
      for (let i = 0; i < references.length; i += 100) {
        const keys = references.slice(i, i + 100).map((reference) => ({ PK: `REPORT#${reference}`, SK: 'REPORT' }));
        const { Responses } = await documents.send(new BatchGetCommand({ RequestItems: { [local.stack.tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of Responses?.[local.stack.tableName] ?? []) found.set(String(item.reference), String(item.status));
      }
      return found;
    };
    const waitUntilRouted = async (references: readonly string[]) => {
      for (let attempt = 0; attempt < 600; attempt++) {
        const found = await statuses(references);
        if (references.every((reference) => found.get(reference) === 'awaiting_review')) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.fail('contacts were not routed');
    };

    const [agent, analyst, supervisor] = ['call-agents', 'analysts', 'supervisors'];
    const phone = spread(PUBLISHED.phone);
    const online = spread(PUBLISHED.online);
    const disseminated = spread(PUBLISHED.disseminated);
    const transfers = spread(PUBLISHED.transfers);

    for (const [m, month] of REPLAYED.entries()) {
      // The hotline opened on 29 November 2022; every later month, mid-month.
      const now = Date.parse(month === '2022-11' ? '2022-11-29T10:00:00Z' : `${month}-15T10:00:00Z`);
      if (m === 0) mock.timers.enable({ apis: ['Date'], now });
      else mock.timers.setTime(now);
      const token = async (username: string, group: string) => ({ authorization: `Bearer ${await local.stack.issuer.mintToken({ username, groups: [group] })}` });
      const headers = { agent: await token('agent.amy', agent!), analyst: await token('analyst.ann', analyst!), supervisor: await token('sup.sam', supervisor!) };
      const met = { authorization: `Bearer ${await local.stack.issuer.mintToken({ clientId: 'pac-local-force-metropolitan', scope: 'police-reporting/force.metropolitan' })}` };

      const contacts: string[] = [];
      const channels = [...Array<'phone'>(phone[m]!).fill('phone'), ...Array<'online'>(online[m]!).fill('online')];
      await inParallel(channels, async (channel) => {
        const report = minimalReport({ force: 'the Met' });
        const answer = channel === 'phone' ? await postJson(api('/contact-centre/reports'), report, headers.agent) : await postJson(api('/reports'), report);
        expectStatus(answer, 202);
        contacts.push(answer.json().reference as string);
      });
      await waitUntilRouted(contacts);

      const toDisseminate = contacts.slice(0, disseminated[m]);
      await inParallel(toDisseminate, async (reference) => {
        const sanitised = { categories: ['bribery'], narrative: 'An officer is reported to have taken money.' };
        expectStatus(await send(api(`/contact-centre/reviews/${reference}/sanitised`), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers.analyst }, body: JSON.stringify(sanitised) }), 200);
        expectStatus(await postJson(api(`/contact-centre/reviews/${reference}/approval`), {}, headers.supervisor), 200);
      });
      await inParallel(contacts.slice(disseminated[m]), async (reference, i) => {
        // Closing without dissemination takes two people: one proposes, a supervisor confirms.
        expectStatus(await postJson(api(`/contact-centre/reviews/${reference}/closure`), { reason: CLOSURES[i % CLOSURES.length] }, headers.analyst), 200);
        expectStatus(await postJson(api(`/contact-centre/reviews/${reference}/closure/confirmation`), {}, headers.supervisor), 200);
      });

      // The Met passes some on to other forces and opens an investigation on the rest.
      await inParallel(toDisseminate, async (contact, i) => {
        const reference = await local.forceReference(contact, 'metropolitan');
        const answer =
          i < transfers[m]!
            ? await postJson(api(`/force/reports/${reference}/transfer`), { force: TRANSFER_TO[i % TRANSFER_TO.length], reason: 'the officer serves there' }, met)
            : await postJson(api(`/force/reports/${reference}/outcome`), { outcome: 'investigation_opened' }, met);
        expectStatus(answer, 200);
      });
    }
    mock.timers.reset();

    const sum = (figures: number[]) => figures.slice(0, REPLAYED.length).reduce((a, b) => a + b, 0);
    const expected = {
      phone: sum(phone),
      online: sum(online),
      contacts: sum(phone) + sum(online),
      disseminated: sum(disseminated),
      closed: sum(phone) + sum(online) - sum(disseminated),
      investigations: sum(disseminated) - sum(transfers),
      transfers: sum(transfers),
    };
    if (FULL) assert.deepEqual(expected, { phone: 1_988, online: 890, contacts: 2_878, disseminated: 867, closed: 2_011, investigations: 728, transfers: 139 });

    const force = forceById('metropolitan')!;
    const exact = exactStatistics(force, RANGE, await new DynamoStatisticsStore(documents, local.stack.tableName).monthlyCounts('metropolitan', RANGE));
    assert.deepEqual(
      {
        phone: exact.totals.contacts_phone,
        online: exact.totals.contacts_online,
        contacts: exact.totals.contacts,
        disseminated: exact.totals.passed_to_force,
        closed: exact.totals.closed,
        investigations: exact.totals.investigations_opened,
        transfers: exact.totals.passed_to_other_forces,
      },
      expected,
    );
    assert.equal(exact.months.length, REPLAYED.length);
    // Every month of the published period holds at least five of each published figure, so the
    // public view shows them exactly too.
    const shown = publicStatistics(exact).totals;
    for (const column of ['contacts_phone', 'contacts_online', 'contacts', 'passed_to_force', 'closed', 'investigations_opened', 'passed_to_other_forces'] as const) {
      assert.equal(shown[column], exact.totals[column], column);
    }

    const printed = await promisify(execFile)(
      `${PROJECT_ROOT}/node_modules/.bin/node`,
      ['--disable-warning=ExperimentalWarning', 'bin/stats.ts', '--force', 'metropolitan', '--from', RANGE.from, '--to', RANGE.to, '--exact', '--endpoint', local.stack.dynamoDbEndpoint, '--table', local.stack.tableName],
      { cwd: PROJECT_ROOT, env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_REGION: 'eu-west-2' } },
    );
    for (const figure of [expected.phone, expected.online, expected.contacts, expected.disseminated, expected.investigations, expected.transfers].map((n) => n.toLocaleString('en-GB'))) {
      assert.ok(printed.stdout.includes(figure) || printed.stdout.includes(figure.replace(',', '')), `npm run stats does not show ${figure}:\n${printed.stdout}`);
    }
  });
});
