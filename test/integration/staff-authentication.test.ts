/**
 * Staff sign-in on the contact centre's routes, on the real verification path: tokens come from
 * the local OIDC issuer, and the middleware checks them against the keys that issuer publishes
 * over HTTP, as it checks Cognito's in AWS. Each test says what a member of staff (or someone
 * pretending to be one) would see.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { problemDetails } from '../../functions/adapters/http/problem-details.ts';
import { captureOutput } from '../support/local-stack.ts';
import { LOCAL_STAFF_CLIENT_ID, startOidcIssuer, type LocalIssuer } from '../../local/oidc-issuer.ts';

/** Everything written to stdout and stderr while this file runs, to prove no token is ever logged. */
const output = captureOutput();

const issuer = await startOidcIssuer();
const otherIssuer = await startOidcIssuer();
const SUPERVISOR_CONSOLE = 'pac-local-supervisor-console';
process.env.STAFF_ISSUER = issuer.issuer;
process.env.STAFF_CLIENT_IDS = `${LOCAL_STAFF_CLIENT_ID}, ${SUPERVISOR_CONSOLE}`;
// Imported only now, so that nothing can read the configuration before it is set.
const { authenticatedStaff, staffOf, verifyAccessToken } = await import('../../functions/adapters/http/staff-authentication.ts');

const minted: string[] = [];
const mint = async (claims: Parameters<LocalIssuer['mintToken']>[0], from: LocalIssuer = issuer) => {
  const token = await from.mintToken(claims);
  minted.push(token);
  return token;
};

after(async () => {
  await issuer.stop();
  await otherIssuer.stop();
  output.restore();
});

/** An analysts' route: what the handler sees of the caller, echoed back. */
const analystsRoute = () =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(authenticatedStaff({ allowedGroups: ['analysts'] }))
    .use(problemDetails())
    .handler(async (event) => ({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staff: staffOf(event), headers: event.headers }),
    }));

const route = analystsRoute();

const gatewayEvent = (headers: Record<string, string>): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'GET /reports/{reference}',
  rawPath: '/reports/PAC-4DSK-XXY7',
  rawQueryString: '',
  headers: { host: 'api.local', accept: 'application/json', ...headers },
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'api.local',
    domainPrefix: 'api',
    http: { method: 'GET', path: '/reports/PAC-4DSK-XXY7', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: 'request-1',
    routeKey: 'GET /reports/{reference}',
    stage: '$default',
    time: '29/Nov/2026:06:00:00 +0000',
    timeEpoch: 0,
  },
  isBase64Encoded: false,
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Record<string, unknown>;
}

const call = async (headers: Record<string, string>, handler = route): Promise<Answer> => {
  const result = await handler(gatewayEvent(headers), {} as Context);
  return { status: result.statusCode ?? 200, headers: result.headers ?? {}, body: JSON.parse(result.body ?? '{}') as Record<string, unknown> };
};

const withToken = (token: string, handler = route) => call({ authorization: `Bearer ${token}` }, handler);

const assertUnauthorized = (answer: Answer, detail?: RegExp) => {
  assert.equal(answer.status, 401, JSON.stringify(answer.body));
  assert.match(String(answer.headers['WWW-Authenticate']), /^Bearer\b/);
  assert.equal(answer.headers['Content-Type'], 'application/problem+json');
  assert.equal(answer.body.type, 'about:blank');
  assert.equal(answer.body.title, 'Unauthorized');
  assert.equal(answer.body.status, 401);
  if (detail !== undefined) assert.match(String(answer.body.detail), detail);
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('staff signing in to the contact centre', () => {
  it("lets an analyst in, and the handler sees the analyst's username, groups and subject, but not the token", async () => {
    const token = await mint({ username: 'alice.analyst', groups: ['analysts'] });
    const answer = await withToken(token);
    assert.equal(answer.status, 200);
    const { staff, headers } = answer.body as { staff: Record<string, unknown>; headers: Record<string, string> };
    assert.equal(staff.username, 'alice.analyst');
    assert.deepEqual(staff.groups, ['analysts']);
    assert.match(String(staff.subject), /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(headers.authorization, undefined);
    assert.equal(headers.accept, 'application/json');
  });

  it('gives the same person the same subject in every token', async () => {
    const subjects = await Promise.all(
      [1, 2].map(async () => decodeJwt(await mint({ username: 'alice.analyst', groups: ['analysts'] })).sub),
    );
    assert.equal(subjects[0], subjects[1]);
    assert.notEqual(decodeJwt(await mint({ username: 'bob.analyst', groups: ['analysts'] })).sub, subjects[0]);
  });

  it('lets in someone in several groups when one of them is allowed, from any configured app client', async () => {
    const token = await mint({ username: 'sam.supervisor', groups: ['supervisors', 'analysts'], clientId: SUPERVISOR_CONSOLE });
    const answer = await withToken(token);
    assert.equal(answer.status, 200);
    assert.deepEqual((answer.body.staff as { groups: string[] }).groups, ['supervisors', 'analysts']);
  });

  it("refuses a call agent on an analysts' route with 403, and says who it is open to", async () => {
    const answer = await withToken(await mint({ username: 'carol.agent', groups: ['call-agents'] }));
    assert.equal(answer.status, 403);
    assert.equal(answer.headers['Content-Type'], 'application/problem+json');
    assert.equal(answer.body.title, 'Forbidden');
    assert.match(String(answer.body.detail), /analysts/);
  });

  it('refuses a signed-in person in no group at all with 403', async () => {
    assert.equal((await withToken(await mint({ username: 'new.starter' }))).status, 403);
  });

  it('asks someone with no Authorization header to sign in: 401 with a bare Bearer challenge', async () => {
    const answer = await call({});
    assertUnauthorized(answer, /Authorization header/);
    assert.equal(answer.headers['WWW-Authenticate'], 'Bearer');
  });

  it('refuses credentials that are not a Bearer token with 401', async () => {
    assertUnauthorized(await call({ authorization: `Basic ${Buffer.from('alice:password').toString('base64')}` }), /Bearer <token>/);
    assertUnauthorized(await call({ authorization: 'Bearer' }));
    assertUnauthorized(await call({ authorization: 'Bearer two tokens' }));
  });

  it('refuses a Bearer token that is not a JWT with 401 invalid_token', async () => {
    for (const garbage of ['garbage', 'a.b.c', `${base64url({ alg: 'RS256' })}.${base64url({})}.AAAA`]) {
      const answer = await withToken(garbage);
      assertUnauthorized(answer, /could not be verified/);
      assert.equal(answer.headers['WWW-Authenticate'], 'Bearer error="invalid_token"');
    }
  });

  it('refuses an expired token with 401 and says so', async () => {
    assertUnauthorized(await withToken(await mint({ username: 'alice.analyst', groups: ['analysts'], expiresInSeconds: -120 })), /expired/);
  });

  it("still accepts a token that expired within the 30 seconds allowed for the clocks' disagreement", async () => {
    const answer = await withToken(await mint({ username: 'alice.analyst', groups: ['analysts'], expiresInSeconds: -10 }));
    assert.equal(answer.status, 200);
  });

  it('refuses a token from another issuer with 401', async () => {
    assertUnauthorized(await withToken(await mint({ username: 'alice.analyst', groups: ['analysts'] }, otherIssuer)), /could not be verified/);
  });

  it("refuses a token signed with other keys that claims our issuer and names our key, with 401", async () => {
    const genuine = await mint({ username: 'alice.analyst', groups: ['analysts'] });
    const { kid } = decodeProtectedHeader(genuine);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...decodeJwt(genuine), 'cognito:groups': ['analysts', 'supervisors'] })
      .setProtectedHeader({ alg: 'RS256', kid: kid ?? '' })
      .sign(privateKey);
    assert.equal(decodeJwt(forged).iss, issuer.issuer);
    assertUnauthorized(await withToken(forged), /could not be verified/);
  });

  it('refuses a genuine token that has been tampered with (groups added) with 401', async () => {
    const genuine = await mint({ username: 'carol.agent', groups: ['call-agents'] });
    const [header, , signature] = genuine.split('.');
    const tampered = `${header}.${base64url({ ...decodeJwt(genuine), 'cognito:groups': ['analysts'] })}.${signature}`;
    assertUnauthorized(await withToken(tampered), /could not be verified/);
  });

  it('refuses a token for another app client with 401', async () => {
    const token = await mint({ username: 'alice.analyst', groups: ['analysts'], clientId: 'some-other-app' });
    assertUnauthorized(await withToken(token), /not issued for this service/);
  });

  it('refuses an unsigned token (alg "none") with 401, whatever it claims', async () => {
    const claims = decodeJwt(await mint({ username: 'alice.analyst', groups: ['analysts'] }));
    const unsigned = new UnsecuredJWT(claims).encode();
    assert.equal(decodeProtectedHeader(unsigned).alg, 'none');
    assertUnauthorized(await withToken(unsigned), /could not be verified/);
  });

  it("refuses a token signed with HS256 using the issuer's public key as the secret, with 401", async () => {
    const claims = decodeJwt(await mint({ username: 'alice.analyst', groups: ['analysts'] }));
    const jwks = (await (await fetch(issuer.jwksUri)).json()) as { keys: unknown[] };
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const confused = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    assertUnauthorized(await withToken(confused), /could not be verified/);
  });

  it('refuses an id token in place of an access token with 401', async () => {
    const idToken = await mint({ username: 'alice.analyst', groups: ['analysts'], tokenUse: 'id' });
    assert.equal(decodeJwt(idToken).token_use, 'id');
    assertUnauthorized(await withToken(idToken), /not an access token/);
  });

  it('verifies a force system\'s client-credentials token too: its client and scopes, no person, no groups', async () => {
    const token = await mint({ clientId: 'pac-local-force-metropolitan', scope: 'reports/read outcomes/write' });
    const verified = await verifyAccessToken(token, { issuer: issuer.issuer, clientIds: new Set(['pac-local-force-metropolitan']) });
    assert.deepEqual(verified, {
      subject: 'pac-local-force-metropolitan',
      clientId: 'pac-local-force-metropolitan',
      groups: [],
      scopes: ['reports/read', 'outcomes/write'],
    });
  });
});

describe('the keys the tokens are checked against', () => {
  it('are published at the issuer, as a Cognito user pool publishes them: public key only, with a kid', async () => {
    const discovery = (await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.equal(discovery.issuer, issuer.issuer);
    assert.equal(discovery.jwks_uri, issuer.jwksUri);
    assert.equal(discovery.token_endpoint, issuer.tokenEndpoint);
    assert.deepEqual(discovery.id_token_signing_alg_values_supported, ['RS256']);
    const { keys } = (await (await fetch(issuer.jwksUri)).json()) as { keys: Record<string, unknown>[] };
    assert.equal(keys.length, 1);
    assert.equal(keys[0]?.kty, 'RSA');
    assert.equal(keys[0]?.alg, 'RS256');
    assert.equal(keys[0]?.use, 'sig');
    assert.equal(typeof keys[0]?.kid, 'string');
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(keys[0]?.[secret], undefined);
  });

  it('are fetched over HTTP from the issuer: when it cannot be reached, a valid token gets 503 with Retry-After, never a way in', async () => {
    const unreachable = await startOidcIssuer();
    const token = await mint({ username: 'alice.analyst', groups: ['analysts'] }, unreachable);
    await unreachable.stop();
    const configured = process.env.STAFF_ISSUER;
    process.env.STAFF_ISSUER = unreachable.issuer;
    try {
      const answer = await withToken(token, analystsRoute());
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.headers['Retry-After'], '30');
      assert.equal(answer.headers['Content-Type'], 'application/problem+json');
      assert.equal(answer.body.title, 'Service Unavailable');
      assert.match(String(answer.body.detail), /try again/);
      assert.match(output.text(), /Token issuer unavailable/);
    } finally {
      process.env.STAFF_ISSUER = configured;
    }
  });

  it('are kept once fetched, so staff stay signed in while the issuer is briefly down', async () => {
    const flaky = await startOidcIssuer();
    const configured = process.env.STAFF_ISSUER;
    process.env.STAFF_ISSUER = flaky.issuer;
    try {
      const flakyRoute = analystsRoute();
      const before = await mint({ username: 'alice.analyst', groups: ['analysts'] }, flaky);
      const during = await mint({ username: 'bob.analyst', groups: ['analysts'] }, flaky);
      assert.equal((await withToken(before, flakyRoute)).status, 200);
      await flaky.stop();
      assert.equal((await withToken(during, flakyRoute)).status, 200);
    } finally {
      process.env.STAFF_ISSUER = configured;
    }
  });
});

describe('getting a token with curl from the local issuer', () => {
  const postForm = (form: string, headers: Record<string, string> = {}) =>
    fetch(issuer.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form });

  it('gives a member of staff a Bearer token the middleware accepts, with every group asked for', async () => {
    const answer = await postForm('grant_type=password&username=dee.analyst&group=analysts&group=supervisors');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers.get('content-type')), /^application\/json/);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const body = (await answer.json()) as { access_token: string; token_type: string; expires_in: number };
    minted.push(body.access_token);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    const claims = decodeJwt(body.access_token);
    assert.equal(claims.iss, issuer.issuer);
    assert.equal(claims.client_id, LOCAL_STAFF_CLIENT_ID);
    assert.equal(claims.token_use, 'access');
    assert.equal(claims.username, 'dee.analyst');
    assert.equal(typeof claims.jti, 'string');
    assert.equal(typeof claims.auth_time, 'number');
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 3600);

    const accepted = await withToken(body.access_token);
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.body.staff, { username: 'dee.analyst', groups: ['analysts', 'supervisors'], subject: claims.sub });
  });

  it("gives a call agent a token that the analysts' route refuses with 403", async () => {
    const body = (await (await postForm('grant_type=password&username=carol.agent&group=call-agents')).json()) as { access_token: string };
    minted.push(body.access_token);
    assert.equal((await withToken(body.access_token)).status, 403);
  });

  it("gives a force's machine client a client-credentials token with its scopes and no groups", async () => {
    const basic = `Basic ${Buffer.from('pac-local-force-kent:secret').toString('base64')}`;
    const answer = await postForm('grant_type=client_credentials&scope=reports%2Fread', { authorization: basic });
    assert.equal(answer.status, 200);
    const { access_token: token } = (await answer.json()) as { access_token: string };
    minted.push(token);
    const claims = decodeJwt(token);
    assert.equal(claims.client_id, 'pac-local-force-kent');
    assert.equal(claims.sub, 'pac-local-force-kent');
    assert.equal(claims.scope, 'reports/read');
    assert.equal(claims['cognito:groups'], undefined);
    assert.equal(claims.username, undefined);
  });

  it('answers a request it cannot serve with an OAuth2 error', async () => {
    const unsupported = await postForm('grant_type=authorization_code&code=x');
    assert.equal(unsupported.status, 400);
    assert.deepEqual(Object.keys((await unsupported.json()) as object).sort(), ['error', 'error_description']);
    const noUser = await postForm('grant_type=password&group=analysts');
    assert.equal(((await noUser.json()) as { error: string }).error, 'invalid_request');
    const json = await fetch(issuer.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 400);
  });
});

describe('what is written down', () => {
  it('never includes a token, in any log line or other output', () => {
    assert.ok(minted.length > 10);
    const written = output.text();
    for (const token of minted) {
      for (const part of token.split('.')) if (part.length > 0) assert.equal(written.includes(part), false);
    }
  });
});
