/**
 * A force's system calling the force API, on the real verification path: client-credentials
 * tokens come from the local OIDC issuer, and the middleware checks them against the keys that
 * issuer publishes over HTTP, as it checks the force systems' Cognito user pool in AWS. Each test
 * says what a force's system (or someone pretending to be one) would see.
 *
 * The local issuer mints whatever it is asked for, so these tests can hand the middleware tokens
 * Cognito would never issue (the Met's client with Kent's scope, a person on a force's client):
 * they show that the function does not rely on Cognito's configuration alone.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from '../../functions/domain/zod.ts';
import { FORCES } from '../../functions/domain/forces.ts';
import { captureOutput } from '../support/local-stack.ts';
import { LOCAL_STAFF_CLIENT_ID, startOidcIssuer, type LocalIssuer, type TokenClaims } from '../../local/oidc-issuer.ts';

/** Everything written to stdout and stderr while this file runs, to prove no token is ever logged. */
const output = captureOutput();

const issuer = await startOidcIssuer();
const otherIssuer = await startOidcIssuer();
const MET_CLIENT = 'pac-local-force-metropolitan';
const KENT_CLIENT = 'pac-local-force-kent';
const MET_SCOPE = 'police-reporting/force.metropolitan';
const KENT_SCOPE = 'police-reporting/force.kent';
// As the stack sets it locally: every force's client, by client name (a client's id, locally).
const FORCE_CLIENT_IDS = FORCES.map((force) => `${force.id}=pac-local-force-${force.id}`).join(',');
process.env.FORCE_TOKEN_ISSUER = issuer.issuer;
process.env.FORCE_CLIENT_IDS = FORCE_CLIENT_IDS;
// Imported only now, so that nothing can read the configuration before it is set.
const { forceIssuerFromEnvironment, forceOf } = await import('../../functions/adapters/http/force-authentication.ts');
const { forceRoute, forceRouteWithBody } = await import('../../functions/adapters/http/routes.ts');

const minted: string[] = [];
const mint = async (claims: TokenClaims, from: LocalIssuer = issuer) => {
  const token = await from.mintToken(claims);
  minted.push(token);
  return token;
};
/** A force client's token, as Cognito's token endpoint gives it for client credentials. */
const forceToken = (clientId: string, scope: string, extra: Omit<TokenClaims, 'clientId' | 'scope'> = {}) => mint({ clientId, scope, ...extra });

after(async () => {
  await issuer.stop();
  await otherIssuer.stop();
  output.restore();
});

/** As API Gateway calls a route: with its own event, which the chain's middleware then adds to. */
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const asGatewaySees = (handler: unknown): Handler => handler as Handler;

/** A force route: what the handler sees of the caller, echoed back. */
const reportsRoute = () =>
  asGatewaySees(
    forceRoute().handler(async (event) => ({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ force: forceOf(event), headers: event.headers }),
    })),
  );
const route = reportsRoute();

const outcomeRoute = asGatewaySees(
  forceRouteWithBody({
    schema: z.strictObject({ outcome: z.enum(['investigating', 'no_further_action']) }),
    maxBytes: 1024,
    problem: 'invalid-outcome',
  }).handler(async (event) => ({
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ force: forceOf(event).id, outcome: event.body.outcome }),
  })),
);

const gatewayEvent = (headers: Record<string, string>, body?: string): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'GET /force/reports/{reference}',
  rawPath: '/force/reports/FR-4DSK-XXY7-2H4P',
  rawQueryString: '',
  headers: { host: 'api.local', 'x-forwarded-for': '203.0.113.7', 'user-agent': 'force-system/1.0', ...headers },
  pathParameters: { reference: 'FR-4DSK-XXY7-2H4P' },
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'api.local',
    domainPrefix: 'api',
    http: { method: 'GET', path: '/force/reports/FR-4DSK-XXY7-2H4P', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'force-system/1.0' },
    requestId: 'request-1',
    routeKey: 'GET /force/reports/{reference}',
    stage: '$default',
    time: '29/Nov/2026:06:00:00 +0000',
    timeEpoch: 0,
  },
  ...(body === undefined ? {} : { body }),
  isBase64Encoded: false,
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Record<string, unknown>;
}

const call = async (headers: Record<string, string>, handler: Handler = route, body?: string): Promise<Answer> => {
  const result = await handler(gatewayEvent(headers, body), {} as Context);
  return { status: result.statusCode ?? 200, headers: result.headers ?? {}, body: JSON.parse(result.body ?? '{}') as Record<string, unknown> };
};
const withToken = (token: string, handler: Handler = route) => call({ authorization: `Bearer ${token}` }, handler);

const assertProblem = (answer: Answer, status: 401 | 403, detail?: RegExp) => {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.headers['Content-Type'], 'application/problem+json');
  assert.equal(answer.body.status, status);
  assert.equal(answer.body.title, status === 401 ? 'Unauthorized' : 'Forbidden');
  if (status === 401) assert.match(String(answer.headers['WWW-Authenticate']), /^Bearer\b/);
  else assert.equal(answer.headers['WWW-Authenticate'], undefined);
  if (detail !== undefined) assert.match(String(answer.body.detail), detail);
};

describe("a force's system calling the force API", () => {
  it("lets the Met's client in with the Met's scope, and the handler sees the Met, but not the token or the caller's address", async () => {
    const answer = await withToken(await forceToken(MET_CLIENT, MET_SCOPE));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const { force, headers } = answer.body as { force: Record<string, unknown>; headers: Record<string, string> };
    assert.deepEqual(force, { id: 'metropolitan', clientId: MET_CLIENT });
    assert.deepEqual(headers, {});
  });

  it('lets in a token got with curl from the local token endpoint, as a force system gets one from Cognito', async () => {
    const response = await fetch(issuer.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${KENT_CLIENT}:secret`).toString('base64')}` },
      body: `grant_type=client_credentials&scope=${encodeURIComponent(KENT_SCOPE)}`,
    });
    const { access_token: token } = (await response.json()) as { access_token: string };
    minted.push(token);
    const answer = await withToken(token);
    assert.equal(answer.status, 200);
    assert.deepEqual((answer.body.force as Record<string, unknown>).id, 'kent');
  });

  it('lets every force in through its own client, each seeing only itself', async () => {
    for (const { id } of FORCES) {
      const answer = await withToken(await forceToken(`pac-local-force-${id}`, `police-reporting/force.${id}`));
      assert.equal((answer.body.force as Record<string, unknown> | undefined)?.id, id);
    }
  });

  it('ignores scopes that are not force scopes beside the one force scope', async () => {
    assert.equal((await withToken(await forceToken(MET_CLIENT, `openid ${MET_SCOPE}`))).status, 200);
  });

  it("refuses the Met's client carrying Kent's scope with 403: a token's force must be its client's", async () => {
    assertProblem(await withToken(await forceToken(MET_CLIENT, KENT_SCOPE)), 403, /not the force its client belongs to/);
  });

  it('refuses a force client token with no force scope with 403', async () => {
    assertProblem(await withToken(await forceToken(MET_CLIENT, '')), 403, /exactly one force scope.*carries 0/);
    assertProblem(await withToken(await forceToken(MET_CLIENT, 'openid')), 403, /carries 0/);
  });

  it('refuses a token with two force scopes with 403, even when one is its own', async () => {
    assertProblem(await withToken(await forceToken(MET_CLIENT, `${MET_SCOPE} ${KENT_SCOPE}`)), 403, /carries 2/);
    assertProblem(await withToken(await forceToken(MET_CLIENT, `${MET_SCOPE} ${MET_SCOPE}`)), 403, /carries 2/);
  });

  it('refuses a scope naming no force in the registry with 403', async () => {
    assertProblem(await withToken(await forceToken(MET_CLIENT, 'police-reporting/force.atlantis')), 403, /names no force/);
    assertProblem(await withToken(await forceToken(MET_CLIENT, 'police-reporting/force.')), 403, /names no force/);
  });

  it("refuses a person's token with 403 even on a force's client and scope: machine clients only", async () => {
    const personal = await forceToken(MET_CLIENT, MET_SCOPE, { username: 'met.officer', groups: ['analysts'] });
    assertProblem(await withToken(personal), 403, /not to people/);
  });

  it("refuses a contact-centre staff member's token with 401: the staff client is not a force's", async () => {
    const staff = await mint({ username: 'sam.supervisor', groups: ['supervisors'], clientId: LOCAL_STAFF_CLIENT_ID });
    assertProblem(await withToken(staff), 401, /not issued for this service/);
  });

  it('refuses a client not among the force clients with 401, whatever scope it carries', async () => {
    assertProblem(await withToken(await forceToken('pac-local-force-atlantis', MET_SCOPE)), 401, /not issued for this service/);
  });

  it('refuses an expired token with 401 and says so', async () => {
    assertProblem(await withToken(await forceToken(MET_CLIENT, MET_SCOPE, { expiresInSeconds: -120 })), 401, /expired/);
  });

  it('refuses a token from another issuer with 401', async () => {
    const foreign = await mint({ clientId: MET_CLIENT, scope: MET_SCOPE }, otherIssuer);
    assertProblem(await withToken(foreign), 401, /could not be verified/);
  });

  it('asks a caller with no Authorization header for a token: 401 with a bare Bearer challenge', async () => {
    const answer = await call({});
    assertProblem(answer, 401, /Authorization header/);
    assert.equal(answer.headers['WWW-Authenticate'], 'Bearer');
    assertProblem(await call({ authorization: `Basic ${Buffer.from(`${MET_CLIENT}:secret`).toString('base64')}` }), 401, /Bearer <token>/);
  });

  it('gives 503 with Retry-After, never a way in, when the issuer cannot be reached', async () => {
    const unreachable = await startOidcIssuer();
    const token = await mint({ clientId: MET_CLIENT, scope: MET_SCOPE }, unreachable);
    await unreachable.stop();
    process.env.FORCE_TOKEN_ISSUER = unreachable.issuer;
    try {
      const answer = await withToken(token, reportsRoute());
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.headers['Retry-After'], '30');
    } finally {
      process.env.FORCE_TOKEN_ISSUER = issuer.issuer;
    }
  });
});

describe('a force route taking a body', () => {
  it("takes the Met's body once the token is verified", async () => {
    const token = await forceToken(MET_CLIENT, MET_SCOPE);
    const answer = await call({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }, outcomeRoute, '{"outcome":"investigating"}');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { force: 'metropolitan', outcome: 'investigating' });
  });

  it('checks the token before reading the body: no token gets 401, not 413, 415 or 400', async () => {
    const oversize = JSON.stringify({ outcome: 'x'.repeat(4096) });
    assertProblem(await call({ 'content-type': 'application/json' }, outcomeRoute, oversize), 401);
    assertProblem(await call({ 'content-type': 'text/plain' }, outcomeRoute, 'hello'), 401);
  });

  it('refuses a bad body from a genuine force with 400 and the failing fields', async () => {
    const token = await forceToken(MET_CLIENT, MET_SCOPE);
    const answer = await call({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }, outcomeRoute, '{"outcome":"closed","extra":1}');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.type, '/problems/invalid-outcome');
  });
});

describe('the configuration', () => {
  const withClientIds = <T>(value: string, read: () => T): T => {
    process.env.FORCE_CLIENT_IDS = value;
    try {
      return read();
    } finally {
      process.env.FORCE_CLIENT_IDS = FORCE_CLIENT_IDS;
    }
  };

  it('binds each client id to its force', () => {
    const config = withClientIds('metropolitan=abc123, kent=def456,kent=ghi789', forceIssuerFromEnvironment);
    assert.deepEqual([...config.forceOfClient], [['abc123', 'metropolitan'], ['def456', 'kent'], ['ghi789', 'kent']]);
    assert.deepEqual([...config.clientIds], ['abc123', 'def456', 'ghi789']);
  });

  it('fails loudly on a client id with no force, a force not in the registry, or a client bound to two forces', () => {
    assert.throws(() => withClientIds('abc123', forceIssuerFromEnvironment), /not <force id>=<client id>/);
    assert.throws(() => withClientIds('atlantis=abc123', forceIssuerFromEnvironment), /atlantis, which is not a force/);
    assert.throws(() => withClientIds('metropolitan=abc123,kent=abc123', forceIssuerFromEnvironment), /both metropolitan and kent/);
    assert.throws(() => withClientIds(' , ', forceIssuerFromEnvironment), /names no client/);
  });

  it('a handler without authenticatedForce() cannot find a force', () => {
    assert.throws(() => forceOf({}), /authenticatedForce\(\) must run/);
  });
});

describe('what is written down', () => {
  it('never includes a token, in any log line or other output', () => {
    assert.ok(minted.length > 48);
    const written = output.text();
    for (const token of minted) {
      for (const part of token.split('.')) if (part.length > 0) assert.equal(written.includes(part), false);
    }
  });
});
