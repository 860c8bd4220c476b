/**
 * The local stand-in for CloudFront's default behaviour: the gateway answers a GET or HEAD that no
 * route matches from the website's folder, with the website's security headers, and never from
 * outside it, however the path is written, nor a dotfile.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PAGE_SECURITY_HEADERS } from '../../functions/pages/security-headers.ts';
import { PROJECT_ROOT, STATIC_SITE_FOLDER } from '../../lib/project-layout.ts';
import { startHttpGateway, type HttpGateway } from '../../local/http-gateway.ts';
import type { LocalFunction } from '../../local/lambda-runtime.ts';
import { send, useLocalStack, type HttpAnswer } from '../support/local-stack.ts';

const get = (url: string, method = 'GET') => send(url, { method });

const assertSecurityHeaders = (answer: HttpAnswer) => {
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) {
    assert.equal(answer.headers[name.toLowerCase()], value, `${name} on ${answer.status}`);
  }
};

describe('the local gateway serving the website folder', () => {
  const outside = mkdtempSync(path.join(tmpdir(), 'website-static-'));
  const root = path.join(outside, 'static');
  const routeFunction: LocalFunction = {
    logicalId: 'Stats',
    handlerModule: 'functions/handlers/get-statistics.ts',
    timeoutSeconds: 3,
    environment: {},
    invoke: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"from":"the route"}' }),
  };
  let gateway: HttpGateway;
  let bare: HttpGateway;

  before(async () => {
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    mkdirSync(path.join(root, '.hidden'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Report</title>');
    writeFileSync(path.join(root, 'assets', 'site.css'), 'body{}');
    writeFileSync(path.join(root, 'assets', 'site.js'), 'void 0;');
    writeFileSync(path.join(root, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(root, '.gitkeep'), 'DOTFILE');
    writeFileSync(path.join(root, '.hidden', 'note.txt'), 'DOTFILE');
    writeFileSync(path.join(outside, 'package.json'), '{"name":"OUTSIDE"}');
    symlinkSync(path.join(outside, 'package.json'), path.join(root, 'linked.txt'));
    gateway = await startHttpGateway([{ method: 'GET', path: '/stats', target: routeFunction }], 0, { staticRoot: root });
    bare = await startHttpGateway([], 0);
  });
  after(async () => {
    await gateway.stop();
    await bare.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  it('serves index.html at /, with its content type and every security header', async () => {
    const answer = await get(`${gateway.url}/`);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(answer.text, '<!doctype html><title>Report</title>');
    assertSecurityHeaders(answer);
  });

  it('serves the assets with their content types', async () => {
    for (const [file, type] of [
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/site.css', 'text/css; charset=utf-8'],
      ['/assets/site.js', 'text/javascript; charset=utf-8'],
      ['/logo.svg', 'image/svg+xml'],
    ] as const) {
      const answer = await get(`${gateway.url}${file}`);
      assert.equal(answer.status, 200, file);
      assert.equal(answer.headers['content-type'], type, file);
      assertSecurityHeaders(answer);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await get(`${gateway.url}/assets/site.css`, 'HEAD');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-length'], '6');
    assert.equal(answer.text, '');
    assertSecurityHeaders(answer);
  });

  it('answers 404, with the security headers, for a file that is not there', async () => {
    for (const missing of ['/missing.html', '/assets', '/assets/', '/%zz']) {
      const answer = await get(`${gateway.url}${missing}`);
      assert.equal(answer.status, 404, missing);
      assertSecurityHeaders(answer);
    }
  });

  it('never serves a file outside the folder, however the path is written', async () => {
    for (const escape of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '/linked.txt',
    ]) {
      const answer = await get(`${gateway.url}${escape}`);
      assert.equal(answer.status, 404, escape);
      assert.doesNotMatch(answer.text, /OUTSIDE/, escape);
    }
  });

  it('never serves a dotfile or anything in a dot-directory', async () => {
    for (const dotfile of ['/.gitkeep', '/%2egitkeep', '/.hidden/note.txt', '/%2Ehidden/note.txt']) {
      const answer = await get(`${gateway.url}${dotfile}`);
      assert.equal(answer.status, 404, dotfile);
      assert.doesNotMatch(answer.text, /DOTFILE/, dotfile);
    }
  });

  it('leaves routes to their functions, and other methods to the API', async () => {
    const routed = await get(`${gateway.url}/stats`);
    assert.deepEqual(routed.json(), { from: 'the route' });
    const posted = await send(`${gateway.url}/index.html`, { method: 'POST', body: 'x' });
    assert.equal(posted.status, 404);
    assert.deepEqual(posted.json(), { message: 'Not Found' });
  });

  it('serves nothing without a static root, as before', async () => {
    const answer = await get(`${bare.url}/`);
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.json(), { message: 'Not Found' });
  });
});

describe('the local stack serving the website', () => {
  const harness = useLocalStack();

  it(`serves ${STATIC_SITE_FOLDER} with the security headers, and no dotfile from it`, async () => {
    const index = await get(`${harness.stack.apiUrl}/`);
    assert.equal(index.status, existsSync(path.join(PROJECT_ROOT, STATIC_SITE_FOLDER, 'index.html')) ? 200 : 404);
    assertSecurityHeaders(index);
    const dotfile = await get(`${harness.stack.apiUrl}/.gitkeep`);
    assert.equal(dotfile.status, 404);
    assertSecurityHeaders(dotfile);
  });

  it('serves the Welsh start page at /cy and /cy/, and the Welsh not-found page (404) for a /cy/ path it does not have', async () => {
    for (const path of ['/cy', '/cy/']) {
      const start = await get(`${harness.stack.apiUrl}${path}`);
      assert.equal(start.status, 200, path);
      assert.match(start.text, /<html lang="cy"/, path);
      assert.match(start.text, /<h1 class="govuk-heading-xl">Rhoi gwybod am lygredd a cham-drin gan yr heddlu<\/h1>/, path);
      assertSecurityHeaders(start);
    }
    for (const path of ['/cy/nothing', '/cy/report-it', '/cy/assets/site.css']) {
      const missing = await get(`${harness.stack.apiUrl}${path}`);
      assert.equal(missing.status, 404, path);
      assert.match(missing.text, /<html lang="cy"/, path);
      assert.match(missing.text, /Heb ddod o hyd i’r dudalen/, path);
    }
    const english = await get(`${harness.stack.apiUrl}/nothing`);
    assert.equal(english.status, 404);
    assert.match(english.text, /<html lang="en-GB"/);
    assert.match(english.text, /Page not found/);
  });

  it('serves the Welsh form and sign-in pages at /cy/report and /cy/follow-up, from their functions', async () => {
    for (const [path, heading] of [
      ['/cy/report', 'Gwneud adroddiad'],
      ['/cy/follow-up', 'Gwirio adroddiad a wnaethoch'],
    ] as const) {
      const answer = await get(`${harness.stack.apiUrl}${path}`);
      assert.equal(answer.status, 200, path);
      assert.match(answer.text, /<html lang="cy"/, path);
      assert.match(answer.text, new RegExp(`>${heading}</h1>`), path);
      assertSecurityHeaders(answer);
    }
  });
});
