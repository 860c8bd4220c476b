import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { anonymousRequest } from '../../functions/adapters/http/anonymous-request.ts';

const event: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: 'POST /reports',
  rawPath: '/reports',
  rawQueryString: 'utm_source=canary',
  cookies: ['session=canary'],
  headers: {
    'Content-Type': 'application/json',
    'content-length': '120',
    'idempotency-key': 'k-1',
    'user-agent': 'canary-agent',
    'x-forwarded-for': '198.51.100.1',
    referer: 'https://canary.example',
    'cloudfront-viewer-address': '198.51.100.2:443',
  },
  queryStringParameters: { utm_source: 'canary' },
  requestContext: {
    accountId: '123',
    apiId: 'api',
    domainName: 'canary.example',
    domainPrefix: 'canary',
    http: { method: 'POST', path: '/reports', protocol: 'HTTP/1.1', sourceIp: '198.51.100.3', userAgent: 'canary-agent' },
    requestId: 'req-1',
    routeKey: 'POST /reports',
    stage: '$default',
    time: '29/Nov/2026:06:00:00 +0000',
    timeEpoch: 1,
  },
  body: '{}',
  isBase64Encoded: false,
};

describe('the request the service is allowed to see', () => {
  it('keeps the method, path, body, content type, length and idempotency key', () => {
    const seen = anonymousRequest(event);
    assert.deepEqual(seen.headers, { 'content-type': 'application/json', 'content-length': '120', 'idempotency-key': 'k-1' });
    assert.equal(seen.requestContext.http.method, 'POST');
    assert.equal(seen.rawPath, '/reports');
    assert.equal(seen.body, '{}');
  });

  it('has nothing else: no address, agent, cookie, referrer, query or domain', () => {
    const seen = JSON.stringify(anonymousRequest(event));
    for (const canary of ['198.51.100', 'canary']) assert.ok(!seen.includes(canary), `${canary} survived: ${seen}`);
  });
});
