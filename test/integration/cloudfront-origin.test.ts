/**
 * The public API answers only what comes through the website's CloudFront distribution (and its
 * firewall): every public route refuses a request without CloudFront's origin header, or with a
 * wrong value in it, with 403 problem+json (`/problems/not-through-website`), pages included.
 * Locally `apiUrl` stands for CloudFront in front of the APIs (it adds the header, as the
 * distribution does, on the paths it sends to the API) and `directApiUrl` for the API's own
 * execute-api address. The contact centre's and force APIs are not behind CloudFront, and do not
 * ask for it.
 */
import assert from 'node:assert/strict';
import { CONSOLE_SCREENS } from '../../lib/constructs/staff-console.ts';
import { describe, it } from 'node:test';
import { CLOUDFRONT_ORIGIN_HEADER, variableOf } from '../../functions/configuration/settings.ts';
import { REGISTERED_ROUTES } from '../../lib/route-registry.ts';
import { captureOutput, postJson, send, useLocalStack, type HttpAnswer } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

const isPublicHandler = (handlerModule: string): boolean => REGISTERED_ROUTES.some((route) => route.fn.audience.kind === 'public' && route.handlerModule === handlerModule);

captureOutput();
const local = useLocalStack();

const assertRefused = (answer: HttpAnswer, what: string) => {
  assert.equal(answer.status, 403, `${what}: ${answer.text}`);
  assert.equal(answer.headers['content-type'], 'application/problem+json', what);
  const problem = answer.json<{ type: string; status: number }>();
  assert.equal(problem.type, '/problems/not-through-website', what);
  assert.equal(problem.status, 403, what);
};

/** A request path for a route: its parameters filled in. */
const pathOf = (template: string) => template.replace(/\{[^}]+\}/g, 'PAC-AAAA-AAAA');

describe('the public API, reached around CloudFront', () => {
  it('refuses every public route, pages and statistics included, with 403 problem+json, before reading anything else', async () => {
    const publicRoutes = REGISTERED_ROUTES.filter((route) => route.fn.audience.kind === 'public');
    assert.ok(publicRoutes.length >= 10);
    for (const route of publicRoutes) {
      const url = `${local.stack.directApiUrl}${pathOf(route.path)}${route.path === '/stats' ? '?force=metropolitan&from=2024-01&to=2024-02' : ''}`;
      const answer = await send(url, { method: route.method, headers: { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
      assertRefused(answer, `${route.method} ${route.path}`);
    }
  });

  it('refuses a report sent straight to the API, and keeps nothing of it', async () => {
    assertRefused(await postJson(`${local.stack.directApiUrl}/reports`, minimalReport()), 'a good report');
    assert.deepEqual((await local.scanTable()).filter((item) => String(item.PK).startsWith('REPORT#')), []);
  });

  it('refuses a guessed or empty origin header', async () => {
    for (const value of ['', 'x', 'a'.repeat(64), local.functionSetting(variableOf('cloudFrontOriginSecret'), isPublicHandler).slice(0, -1)]) {
      assertRefused(await postJson(`${local.stack.directApiUrl}/reports`, minimalReport(), { [CLOUDFRONT_ORIGIN_HEADER]: value }), `header "${value.slice(0, 8)}…"`);
    }
  });

  it('answers the same request with the right header, as CloudFront sends it', async () => {
    const secret = local.functionSetting(variableOf('cloudFrontOriginSecret'), isPublicHandler);
    assert.ok(secret.length >= 32);
    const answer = await postJson(`${local.stack.directApiUrl}/reports`, minimalReport(), { [CLOUDFRONT_ORIGIN_HEADER.toUpperCase()]: secret });
    assert.equal(answer.status, 202, answer.text);
  });
});

describe('the public API, reached through CloudFront', () => {
  it("answers, whatever a viewer puts in the origin header: CloudFront replaces it with its own", async () => {
    const answer = await postJson(`${local.stack.apiUrl}/reports`, minimalReport(), { [CLOUDFRONT_ORIGIN_HEADER]: 'a guess' });
    assert.equal(answer.status, 202, answer.text);
    const page = await send(`${local.stack.apiUrl}/report`, { method: 'GET' });
    assert.equal(page.status, 200);
    const stats = await send(`${local.stack.apiUrl}/stats?force=metropolitan&from=2024-01&to=2024-02`, { method: 'GET' });
    assert.equal(stats.status, 200, stats.text);
  });
});

describe("the contact centre's API", () => {
  it('is not behind CloudFront, and answers a signed-in member of staff on its own address', async () => {
    const answer = await send(`${local.stack.directApiUrl}/contact-centre/reviews`, { method: 'GET', headers: await local.staffHeaders('analyst.one', 'analysts') });
    assert.equal(answer.status, 200, answer.text);
  });

  it("gives the public site's origin secret to the public functions only, and the console's its own", () => {
    const variable = variableOf('cloudFrontOriginSecret');
    const isConsole = (handlerModule: string) => CONSOLE_SCREENS.some((screen) => screen.handlerModule === handlerModule);
    for (const [logicalId, fn] of local.stack.functions) {
      assert.equal(fn.environment[variable] !== undefined, isPublicHandler(fn.handlerModule) || isConsole(fn.handlerModule), logicalId);
    }
    assert.notEqual(local.functionSetting(variable, isPublicHandler), local.functionSetting(variable, isConsole), 'two distributions, two secrets');
  });
});
