/**
 * Clear answers to bad input, over real HTTP: RFC 9457 problem+json with every failing field,
 * 413 for oversize bodies, 415 for anything but JSON, 400 for malformed JSON, and never a 500
 * for anything a client sends.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_REPORT_BYTES } from '../../functions/domain/report.ts';
import { captureOutput, postJson, send, useLocalStack, type HttpAnswer } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack();
const reports = () => `${local.stack.apiUrl}/reports`;

const assertProblem = (answer: HttpAnswer, status: number) => {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.headers['content-type'], 'application/problem+json');
  const problem = answer.json<{ type: string; title: string; status: number; detail?: string; errors?: { pointer: string; detail: string }[] }>();
  assert.equal(problem.status, status);
  assert.equal(typeof problem.title, 'string');
  assert.equal(typeof problem.type, 'string');
  return problem;
};

describe('the public API answering bad input', () => {
  it('names every failing field with a JSON Pointer and says what to fix', async () => {
    const answer = await postJson(reports(), { categories: ['parking'], narrative: 'too short', subject: { role: 'officer', shoeSize: 9 } });
    const problem = assertProblem(answer, 400);
    assert.equal(problem.type, '/problems/invalid-report');
    assert.deepEqual(problem.errors?.map((e) => e.pointer).sort(), ['/categories/0', '/narrative', '/subject/shoeSize']);
    assert.match(problem.errors!.find((e) => e.pointer === '/narrative')!.detail, /at least 20 characters/);
  });

  it('refuses contact details from an anonymous reporter', async () => {
    const problem = assertProblem(
      await postJson(reports(), { ...minimalReport(), reporter: { mode: 'anonymous', contact: { email: 'me@example.org' } } }),
      400,
    );
    assert.deepEqual(problem.errors?.map((e) => e.pointer), ['/reporter/contact']);
  });

  it('answers in Welsh when asked with Accept-Language: cy, and says so', async () => {
    const welsh = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' };
    const answer = await postJson(reports(), { categories: ['parking'], narrative: 'too short', subject: { role: 'officer', shoeSize: 9 } }, welsh);
    const problem = assertProblem(answer, 400);
    assert.equal(answer.headers['content-language'], 'cy');
    assert.match(String(answer.headers.vary ?? ''), /Accept-Language/i);
    assert.equal(problem.type, '/problems/invalid-report', 'the type is the same in every language');
    assert.equal(problem.title, 'Mae angen sylw ar rai o atebion yr adroddiad');
    assert.equal(problem.detail, 'Mae angen sylw ar 3 ateb.');
    assert.deepEqual(problem.errors?.map((e) => e.pointer).sort(), ['/categories/0', '/narrative', '/subject/shoeSize']);
    assert.equal(problem.errors!.find((e) => e.pointer === '/narrative')!.detail, 'Rhaid i narrative fod yn o leiaf 20 nod: dywedwch wrthym beth ddigwyddodd');
    assert.match(problem.errors!.find((e) => e.pointer === '/subject/shoeSize')!.detail, /^Nid yw "shoeSize" yn faes/);

    const malformed = await send(reports(), { headers: { 'content-type': 'application/json', ...welsh }, body: '{"categories": [' });
    assert.equal(assertProblem(malformed, 400).detail, 'Nid yw corff y cais yn JSON dilys.');
    assert.equal(assertProblem(await send(reports(), { headers: { 'content-type': 'text/plain', ...welsh }, body: 'x' }), 415).title, 'Math o gyfrwng heb ei gefnogi');
    const unknown = await postJson(`${local.stack.apiUrl}/reports/PAC-0000-0000/follow-up`, { code: '0000 0000 0000 0000' }, welsh);
    assert.equal(assertProblem(unknown, 404).title, 'Nid oes adroddiad sy’n cyfateb i’r cyfeirnod a’r cod dilynol hynny');
    assert.equal(unknown.headers['content-language'], 'cy');

    const english = await postJson(reports(), { categories: ['parking'], narrative: 'too short' }, { 'accept-language': 'en-GB,en;q=0.9,cy;q=0.8' });
    assert.equal(english.headers['content-language'], 'en');
    assert.equal(assertProblem(english, 400).title, 'The report has answers that need attention');
  });

  it('answers malformed JSON with 400', async () => {
    const answer = await send(reports(), { headers: { 'content-type': 'application/json' }, body: '{"categories": ["bribery"' });
    assert.match(assertProblem(answer, 400).detail ?? '', /not valid JSON/);
  });

  it('answers anything but JSON with 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const answer = await send(reports(), { headers: { 'content-type': contentType }, body: 'categories=bribery' });
      assertProblem(answer, 415);
    }
    assertProblem(await send(reports(), { body: JSON.stringify(minimalReport()) }), 415);
  });

  it('answers a body over 64 KiB with 413, and takes one just under', async () => {
    const padding = (size: number) => {
      const base = JSON.stringify({ ...minimalReport(), narrative: '' });
      return JSON.stringify({ ...minimalReport(), narrative: 'x'.repeat(size - base.length) });
    };
    assert.equal(Buffer.byteLength(padding(MAX_REPORT_BYTES + 1)), MAX_REPORT_BYTES + 1);
    assertProblem(await send(reports(), { headers: { 'content-type': 'application/json' }, body: padding(MAX_REPORT_BYTES + 1) }), 413);
    // Just under the limit the size is fine, and the narrative's own limit is what refuses it.
    const underLimit = await send(reports(), { headers: { 'content-type': 'application/json' }, body: padding(MAX_REPORT_BYTES) });
    assert.deepEqual(assertProblem(underLimit, 400).errors?.map((e) => e.pointer), ['/narrative']);
  });

  it('never answers 500 to anything a client sends', async () => {
    const bodies = [
      '',
      'null',
      '[]',
      '"a report"',
      '42',
      '{}',
      '{"__proto__": {"polluted": true}, "categories": ["bribery"]}',
      '{"constructor": {"prototype": {"x": 1}}}',
      JSON.stringify({ ...minimalReport(), categories: 'bribery' }),
      JSON.stringify({ ...minimalReport(), narrative: 12345678901234567890 }),
      JSON.stringify({ ...minimalReport(), narrative: '\u0000\u202e'.repeat(20) }),
      JSON.stringify({ ...minimalReport(), when: { from: '2024-02-30' } }),
      JSON.stringify({ ...minimalReport(), reporter: null }),
      JSON.stringify({ ...minimalReport(), subject: [] }),
      '['.repeat(5000) + ']'.repeat(5000),
      '\uFEFF{"categories":["bribery"]}',
    ];
    for (const body of bodies) {
      const answer = await send(reports(), { headers: { 'content-type': 'application/json; charset=utf-8' }, body });
      assert.ok(answer.status >= 400 && answer.status < 500, `${answer.status} for ${body.slice(0, 60)}: ${answer.text}`);
      assert.equal(answer.headers['content-type'], 'application/problem+json');
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('never answers 500 to generated JSON, or to generated bytes', async () => {
    const body = fc.oneof(
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ ...minimalReport(), subject: value })),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const answer = await send(reports(), { headers: { 'content-type': 'application/json' }, body: text });
        assert.ok(answer.status < 500, `${answer.status} for ${text.slice(0, 80)}`);
      }),
      { numRuns: 150 },
    );
  });

  it('takes a report with "application/json; charset=utf-8"', async () => {
    const answer = await send(reports(), {
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(minimalReport()),
    });
    assert.equal(answer.status, 202, answer.text);
  });

  it('answers routes it does not have with 404', async () => {
    assert.equal((await send(`${local.stack.apiUrl}/reports/PAC-0000-0000`, { method: 'GET' })).status, 404);
    assert.equal((await send(reports(), { method: 'GET' })).status, 404);
  });
});
