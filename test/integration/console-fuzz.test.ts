/**
 * Fifteen hundred odd requests to every route of the staff console, the same ones every run (seed
 * 20261203), signed in as each role and not, with the session's CSRF token and without, on
 * contacts that are really in review: none is answered with a 500 or above, every refusal is a page
 * for people (or the gateway's own words), none shows the service's internals, and the console is
 * still serving afterwards. test/support/console-fuzz.ts says what is sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleRoutes, fuzzConsole, type Signed } from '../support/console-fuzz.ts';
import { consoleSession } from '../support/console-session.ts';
import { captureOutput, eventually, postJson, useLocalStack } from '../support/local-stack.ts';
import { fullReport, minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });

describe('the staff console, fuzzed', () => {
  it('answers 1,500 odd requests as each role and none without a 5xx or its internals, and keeps serving', async (t) => {
    const { stack } = local;
    assert.ok(consoleRoutes(stack).length >= 10, 'the console routes are found in the template');
    const references: string[] = [];
    for (const report of [fullReport(), minimalReport({ force: 'Kent' }), minimalReport()]) {
      const answer = await postJson(`${stack.apiUrl}/reports`, report);
      assert.equal(answer.status, 202, answer.text);
      references.push(answer.json<{ reference: string }>().reference);
    }
    const signed: Signed[] = [];
    for (const [username, role] of [['call-agent.fuzz', 'call-agents'], ['analyst.fuzz', 'analysts'], ['supervisor.fuzz', 'supervisors']] as const) {
      signed.push({ role, session: await consoleSession(stack.consoleUrl, username, role) });
    }
    // The contacts are in review before the fuzzing starts, so that steps on them get past "not found".
    const analyst = signed[1]!.session;
    await eventually(async () => {
      const queue = await (await fetch(`${stack.consoleUrl}/queue`, { headers: { Cookie: analyst.cookie } })).text();
      return references.every((reference) => queue.includes(reference)) ? true : undefined;
    }, 20_000);

    const seed = 20261203;
    const run = await fuzzConsole(stack, { seed, count: 1_500, signed, references });
    const report = run.failures.slice(0, 20).map((f) => `#${f.index}: ${f.summary}\n    ${f.problem}`).join('\n');
    assert.equal(run.failures.length, 0, report);
    assert.ok(run.alive, 'the console still answers');
    t.diagnostic(`answers by status: ${JSON.stringify([...run.byStatus].sort(([a], [b]) => a - b))}`);
    const statuses = [...run.byStatus.keys()];
    assert.ok(statuses.some((status) => status === 200) && statuses.some((status) => status === 303), `some requests got through, some forms were taken: ${JSON.stringify([...run.byStatus])}`);
    assert.ok(statuses.some((status) => status === 403), 'some were refused (no session, or no CSRF token)');
  });
});
