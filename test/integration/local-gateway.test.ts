/**
 * The local gateway never dies: whatever arrives (percent-encoding that is not UTF-8, a path
 * `new URL` cannot read, headers over the limit, a request that is not HTTP, a client that hangs
 * up halfway, a function that throws), it answers what API Gateway would and goes on serving.
 * Requests are written to a raw socket, so nothing on the way tidies them up first.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GATEWAY_MAX_HEADER_BYTES, requestTarget, startHttpGateway, type HttpGateway } from '../../local/http-gateway.ts';
import type { LocalFunction } from '../../local/lambda-runtime.ts';

const fn = (invoke: LocalFunction['invoke']): LocalFunction => ({ logicalId: 'Fn', handlerModule: 'functions/handlers/x.ts', timeoutSeconds: 3, environment: {}, invoke });
const echo = fn(async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify((event as { pathParameters?: unknown }).pathParameters ?? {}) }));
const throws = fn(async () => {
  throw new Error('the function failed');
});

/** A chunked body put back together. */
const unchunked = (text: string): string => {
  let body = '';
  for (let at = 0; at < text.length; ) {
    const line = text.indexOf('\r\n', at);
    const size = Number.parseInt(text.slice(at, line), 16);
    if (!(size > 0)) break;
    body += text.slice(line + 2, line + 2 + size);
    at = line + 2 + size + 2;
  }
  return body;
};

/** Writes the bytes to the gateway and reads the whole answer: status and body. */
const raw = (gateway: HttpGateway, request: string | Buffer, { hangUp = false } = {}): Promise<{ status: number; headers: string; body: string }> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(gateway.url);
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(request);
      if (hangUp) socket.destroy();
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => (hangUp ? resolve({ status: 0, headers: '', body: '' }) : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const rest = split < 0 ? '' : text.slice(split + 4);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body: /transfer-encoding: chunked/i.test(head) ? unchunked(rest) : rest });
    });
  });

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: local\r\nConnection: close\r\n${extra}\r\n`;

describe('the local gateway, whatever arrives', () => {
  let gateway: HttpGateway;
  before(async () => {
    gateway = await startHttpGateway([
      { method: 'GET', path: '/contact-centre/reviews/{reference}', target: echo },
      { method: 'POST', path: '/reports/{reference}/answers', target: echo },
      { method: 'GET', path: '/reports', target: echo },
      { method: 'GET', path: '/broken', target: throws },
    ]);
  });
  after(() => gateway.stop());

  const stillServing = async () => {
    const answer = await raw(gateway, get('/contact-centre/reviews/PAC-4DSK-XXY7'));
    assert.equal(answer.status, 200, 'the gateway still answers');
    assert.deepEqual(JSON.parse(answer.body), { reference: 'PAC-4DSK-XXY7' });
  };

  it('refuses a path parameter that is not percent-encoded UTF-8 with 400, and keeps serving', async () => {
    for (const request of [
      get('/contact-centre/reviews/PAC-%G1-0000'),
      `POST /reports/%C0%AF/answers HTTP/1.1\r\nHost: local\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      get('/contact-centre/reviews/%'),
      get('/contact-centre/reviews/%ED%A0%80'),
    ]) {
      const answer = await raw(gateway, request);
      assert.equal(answer.status, 400, request.split('\r\n')[0]);
      await stillServing();
    }
  });

  it('answers 404 to a path no route has, however it is written, and keeps serving', async () => {
    for (const path of ['//%zz/reports', '//reports', '/%zz', '/reports/../reports/x', '/\u00e9', 'reports', '*']) {
      const answer = await raw(gateway, get(path));
      assert.ok([400, 404].includes(answer.status), `${path}: ${answer.status}`);
      await stillServing();
    }
  });

  it('reads the path and query as they came, without new URL', () => {
    assert.deepEqual(requestTarget('//%zz/reports?a=%zz#x'), { path: '//%zz/reports', query: 'a=%zz' });
    assert.deepEqual(requestTarget('http://evil.example/reports?x=1'), { path: '/reports', query: 'x=1' });
    assert.deepEqual(requestTarget(undefined), { path: '/', query: '' });
  });

  it('takes a query that is not valid percent-encoding as it is', async () => {
    const answer = await raw(gateway, get('/reports?status=%zz&x=%C0'));
    assert.equal(answer.status, 200);
  });

  it('refuses headers over the limit API Gateway has with a problem+json 431, and keeps serving', async () => {
    const answer = await raw(gateway, get('/reports', `X-Long: ${'a'.repeat(GATEWAY_MAX_HEADER_BYTES + 1)}\r\n`));
    assert.equal(answer.status, 431);
    assert.match(answer.headers, /content-type: application\/problem\+json/i);
    assert.equal(JSON.parse(answer.body).status, 431);
    await stillServing();
  });

  it('refuses what is not HTTP with a problem+json 400, and keeps serving', async () => {
    for (const request of ['HELLO\r\n\r\n', 'GET /reports HTTP/1.1\r\nHost local\r\n\r\n', Buffer.from([0, 1, 2, 255, 13, 10, 13, 10])]) {
      const answer = await raw(gateway, request);
      assert.equal(answer.status, 400);
      assert.match(answer.headers, /content-type: application\/problem\+json/i);
      await stillServing();
    }
  });

  it('survives a client that hangs up halfway through its body, and a function that throws', async () => {
    await raw(gateway, `POST /reports/PAC-4DSK-XXY7/answers HTTP/1.1\r\nHost: local\r\nContent-Length: 1000\r\n\r\n{"a"`, { hangUp: true });
    await stillServing();
    const broken = await raw(gateway, get('/broken'));
    assert.equal(broken.status, 500);
    await stillServing();
  });
});
