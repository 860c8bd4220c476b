/**
 * Each HTTP route is declared once, in the route registry (lib/route-registry.ts), and three things
 * are made from it: the synthesised stack's routes, the published document (schemas/openapi.json)
 * and the local gateway's check of every answer. This fails when any of them disagree: the same
 * method and path everywhere; each route's authorizer as its audience says (none for the public,
 * the staff pool's for staff, the force systems' for forces); the function integrated with each
 * route running the handler the registry names; every status documented with a schema; and each
 * handler file checking the groups and validating the body the registry publishes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type * as z from '../../functions/domain/zod.ts';
import { metadataOf } from '../../functions/domain/zod.ts';
import { answerSummary, contactForReview, contactSummary, questionSummary } from '../../functions/adapters/contact-centre-views.ts';
import { STAFF_GROUPS } from '../../functions/configuration/stack-names.ts';
import { forceReportSummary } from '../../functions/domain/force-facing.ts';
import type {
  answerSummarySchema,
  contactForReviewSchema,
  contactSummarySchema,
  forceReportSummarySchema,
  publicStatisticsSchema,
  questionSummarySchema,
} from '../../functions/domain/responses.ts';
import type { publicStatistics } from '../../functions/domain/statistics-view.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { REGISTERED_ROUTES, ROUTE_FUNCTIONS, type RegisteredRoute } from '../../lib/route-registry.ts';
import { contractBreach, contractMode, servesAsRegistered } from '../../local/http-gateway.ts';
import { synthesisedApp } from '../support/synthesised-app.ts';
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA } from '../../lib/constructs/staff-console.ts';

// ─── what each of the three says ───────────────────────────────────────────────────────────────

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };

// Every stack's resources as one template, imports resolved: each audience's routes, authorizer
// and functions are in the stack of its own API (lib/reporting-stacks.ts).
const app = synthesisedApp('dev');
const template = app.merged as { Resources: Record<string, Resource> };
const staffPool = app.logicalId(app.stacks.contactCentre.contactCentre.userPool);
const forcePool = app.logicalId(app.stacks.forceAccess.forceAccess.userPool);

/** The user pool a JWT authorizer takes its issuer from. */
const poolOfAuthorizer = (authorizerId: string): string => {
  const issuer = JSON.stringify(template.Resources[authorizerId]?.Properties.JwtConfiguration?.Issuer);
  const pools = [staffPool, forcePool].filter((pool) => issuer.includes(`"Ref":"${pool}"`));
  assert.equal(pools.length, 1, `authorizer ${authorizerId} takes its issuer from one of the two pools`);
  return pools[0]!;
};

interface StackRoute {
  readonly key: string;
  readonly authorizer: 'none' | 'staff' | 'force';
  readonly handlerModule: unknown;
  readonly functionId: string;
}

const stackRoutes: StackRoute[] = Object.entries(template.Resources)
  .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route')
  // The staff console's pages are on an API of their own, not the published one (lib/constructs/staff-console.ts).
  .filter(([, r]) => template.Resources[(r.Properties.ApiId as { Ref: string }).Ref]?.Metadata?.[CONSOLE_ORIGIN_METADATA] !== CONSOLE_ORIGIN)
  .map(([id, route]) => {
    const { RouteKey, AuthorizationType, AuthorizerId, Target } = route.Properties;
    const integrationId = (Target['Fn::Join'][1] as unknown[]).map((part) => (part as { Ref?: string }).Ref).find((ref) => ref !== undefined)!;
    const functionId = template.Resources[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
    let authorizer: StackRoute['authorizer'] = 'none';
    if (AuthorizerId !== undefined) {
      assert.equal(AuthorizationType, 'JWT', `${id}: an authorizer of the JWT kind`);
      authorizer = poolOfAuthorizer(AuthorizerId.Ref) === staffPool ? 'staff' : 'force';
    } else {
      assert.equal(AuthorizationType ?? 'NONE', 'NONE', `${id}: no authorizer, no authorization`);
    }
    return { key: RouteKey as string, authorizer, handlerModule: template.Resources[functionId]!.Metadata?.['pac:handler'], functionId };
  });

type Operation = { operationId: string; security?: Record<string, unknown>[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
const document = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schemas/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation | unknown>>;
  components: { schemas: Record<string, unknown> };
};
const documented = new Map<string, Operation>(
  Object.entries(document.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([method]) => method !== 'parameters')
      .map(([method, operation]) => [`${method.toUpperCase()} ${p}`, operation as Operation] as const),
  ),
);

const keyOf = (route: RegisteredRoute) => `${route.method} ${route.path}`;
const statusesOf = (route: RegisteredRoute) => [...Object.keys(route.responses), ...Object.keys(route.problems)].map(Number).sort((a, b) => a - b);
const sorted = (keys: Iterable<string>) => [...keys].sort();

// ─── the checks ────────────────────────────────────────────────────────────────────────────────

describe('the route registry, the stack and the published document', () => {
  it('declare the same routes: every method and path once in each', () => {
    const registered = REGISTERED_ROUTES.map(keyOf);
    assert.equal(new Set(registered).size, registered.length, 'a route is in the registry twice');
    assert.deepEqual(sorted(stackRoutes.map((r) => r.key)), sorted(registered), 'the stack routes what the registry declares');
    assert.equal(new Set(stackRoutes.map((r) => r.key)).size, stackRoutes.length, 'the stack routes a method and path twice');
    assert.deepEqual(sorted(documented.keys()), sorted(registered), 'schemas/openapi.json documents what the registry declares');
    const operationIds = REGISTERED_ROUTES.map((r) => r.operationId);
    assert.equal(new Set(operationIds).size, operationIds.length, 'operation ids are unique');
  });

  it('guard each route as its audience says: no authorizer for the public, the staff pool for staff, the force pool for forces', () => {
    for (const route of REGISTERED_ROUTES) {
      const deployed = stackRoutes.find((r) => r.key === keyOf(route))!;
      const expected = route.fn.audience.kind === 'public' ? 'none' : route.fn.audience.kind;
      assert.equal(deployed.authorizer, expected, `${keyOf(route)} is ${route.fn.audience.kind}`);
      const operation = documented.get(keyOf(route))!;
      const security = { public: undefined, staff: [{ staff: [] }], force: [{ forceSystem: [] }] }[route.fn.audience.kind];
      assert.deepEqual(operation.security, security, `${keyOf(route)}: the document's security says ${route.fn.audience.kind}`);
    }
  });

  it('integrate each route with a function running the handler the registry names, and that file exists', () => {
    for (const route of REGISTERED_ROUTES) {
      const deployed = stackRoutes.find((r) => r.key === keyOf(route))!;
      assert.equal(deployed.handlerModule, route.handlerModule, keyOf(route));
      // How the local gateway knows the stack's function from a test's stand-in.
      assert.ok(servesAsRegistered(route, { handlerModule: route.handlerModule, logicalId: deployed.functionId }), `${keyOf(route)}: ${deployed.functionId}`);
      assert.ok(!servesAsRegistered(route, { handlerModule: route.handlerModule, logicalId: 'Stats' }));
      assert.ok(existsSync(path.join(PROJECT_ROOT, route.handlerModule)), `${route.handlerModule} exists`);
    }
    assert.equal(new Set(ROUTE_FUNCTIONS.map((fn) => fn.name)).size, ROUTE_FUNCTIONS.length, 'function names are unique');
    assert.equal(new Set(ROUTE_FUNCTIONS.map((fn) => fn.handler)).size, ROUTE_FUNCTIONS.length, 'one function per handler file');
  });

  it('document every status each route answers, each with a schema, and no other', () => {
    for (const route of REGISTERED_ROUTES) {
      const both = Object.keys(route.responses).filter((status) => status in route.problems);
      assert.deepEqual(both, [], `${keyOf(route)}: a status is either a success answer or a problem`);
      assert.ok(Object.keys(route.responses).length > 0, `${keyOf(route)} answers something`);
      const operation = documented.get(keyOf(route))!;
      assert.deepEqual(Object.keys(operation.responses).map(Number).sort((a, b) => a - b), statusesOf(route), `${keyOf(route)}: the document's statuses`);
      for (const [status, response] of Object.entries(operation.responses)) {
        const contents = Object.values(response.content ?? {});
        assert.ok(contents.length > 0 && contents.every((c) => c.schema !== undefined), `${keyOf(route)} ${status} has a schema`);
        for (const content of contents) {
          const ref = (content.schema as { $ref?: string }).$ref;
          if (ref !== undefined) assert.ok(document.components.schemas[ref.replace('#/components/schemas/', '')] !== undefined, `${ref} is in the document`);
        }
      }
      for (const [status, answer] of Object.entries(route.responses)) {
        if ('json' in answer) assert.equal(typeof metadataOf(answer.json)?.id, 'string', `${keyOf(route)} ${status}: its schema is named`);
      }
    }
  });

  it('match what each handler file checks: its chain, its staff groups, and the body schema it validates', async () => {
    for (const fn of ROUTE_FUNCTIONS) {
      const source = readFileSync(path.join(PROJECT_ROOT, `functions/handlers/${fn.handler}.ts`), 'utf8');
      const chain = /export const handler = (\w+)\(/.exec(source)?.[1];
      const bodies = new Set(fn.routes.flatMap((r) => (r.body === undefined ? [] : ['json' in r.body ? 'json' : 'form'])));
      assert.ok(bodies.size <= 1, `${fn.name}: its routes take one kind of body, as they share a handler`);
      const [body = 'none'] = bodies;
      const pages = fn.routes.some((r) => Object.values(r.responses).some((answer) => 'page' in answer));
      const expected = {
        public: pages ? 'pageRoute' : body === 'json' ? 'publicRoute' : 'publicQueryRoute',
        staff: body === 'json' ? 'staffRouteWithBody' : 'staffRoute',
        force: body === 'json' ? 'forceRouteWithBody' : 'forceRoute',
      }[fn.audience.kind];
      assert.equal(chain, expected, `${fn.handler}.ts builds its handler on ${expected}`);
      if (fn.audience.kind === 'staff') {
        const groups = /staffRoute(?:WithBody)?\(\[([^\]]*)\]/.exec(source)?.[1]?.match(/'([^']+)'/g)?.map((g) => g.slice(1, -1));
        assert.deepEqual(groups, [...fn.audience.groups], `${fn.handler}.ts lets in the groups the registry names`);
        for (const group of fn.audience.groups) assert.ok((STAFF_GROUPS as readonly string[]).includes(group));
      }
      const route = fn.routes[0]!;
      if (route.body !== undefined && 'json' in route.body) {
        const expression = /\bschema:\s*([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*,/.exec(source)?.[1];
        assert.ok(expression !== undefined, `${fn.handler}.ts names its body schema`);
        const [root, ...properties] = expression.split('.');
        const from = new RegExp(`import\\s*\\{[^}]*\\b${root}\\b[^}]*\\}\\s*from\\s*'([^']+)'`).exec(source)?.[1];
        assert.ok(from !== undefined, `${fn.handler}.ts imports ${root}`);
        const file = path.join(PROJECT_ROOT, from.replace(/^#domain\//, 'functions/domain/').replace(/^#adapters\//, 'functions/adapters/'));
        const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        const schema = properties.reduce((value, property) => (value as Record<string, unknown>)[property], module[root!]);
        assert.equal(schema, route.body.json, `${fn.handler}.ts validates the body schema the registry publishes`);
      }
    }
  });
});

// The views the handlers answer with are typed from their schemas: a field added to a view and not
// to its schema, or changed in one and not the other, fails the type check (npm test runs tsc).
type DeepReadonly<T> = T extends (infer I)[] ? readonly DeepReadonly<I>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Fits<View, Schema extends z.ZodMiniType, Except extends string = never> = Omit<View, Except> extends DeepReadonly<Omit<z.input<Schema>, Except>> ? true : false;
const viewsFitTheirSchemas: [
  Fits<ReturnType<typeof contactSummary>, typeof contactSummarySchema>,
  Fits<ReturnType<typeof contactForReview>, typeof contactForReviewSchema>,
  Fits<ReturnType<typeof questionSummary>, typeof questionSummarySchema>,
  Fits<ReturnType<typeof answerSummary>, typeof answerSummarySchema>,
  // forceReportSummary's status is typed string (its 'transferred' widens), so only the rest is held to the schema here.
  Fits<ReturnType<typeof forceReportSummary>, typeof forceReportSummarySchema, 'status'>,
  Fits<ReturnType<typeof publicStatistics>, typeof publicStatisticsSchema>,
] = [true, true, true, true, true, true];

describe('the local gateway, holding answers to the registry', () => {
  const route = (key: string) => REGISTERED_ROUTES.find((r) => keyOf(r) === key)!;
  const json = (statusCode: number, body: unknown, type = 'application/json') => ({ statusCode, headers: { 'Content-Type': type }, body: JSON.stringify(body) });

  it('enforces the contract under the test runner', () => {
    assert.equal(viewsFitTheirSchemas.length, 6);
    assert.equal(contractMode(), 'enforce');
    assert.equal(contractMode({ NODE_TEST_CONTEXT: 'child-v8', PAC_RESPONSE_CONTRACTS: 'warn' }, []), 'warn');
    assert.equal(contractMode({}, []), 'warn');
  });

  it('lets through an answer that keeps to it', () => {
    assert.equal(contractBreach(route('POST /reports/{reference}/information'), json(202, { status: 'received' })), undefined);
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'There is no report with that reference.' };
    assert.equal(contractBreach(route('GET /contact-centre/reviews/{reference}'), json(404, problem, 'application/problem+json')), undefined);
    assert.equal(contractBreach(route('GET /report'), { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html>' }), undefined);
  });

  it('finds an undocumented status, the wrong media type, a body its schema refuses, and a problem that misstates its status', () => {
    const information = route('POST /reports/{reference}/information');
    assert.match(contractBreach(information, json(200, { status: 'received' })) ?? '', /status 200 is not documented/);
    assert.match(contractBreach(information, json(202, { status: 'received' }, 'text/plain')) ?? '', /documented as application\/json/);
    assert.match(contractBreach(information, json(202, { status: 'received', reference: 'PAC-0000-0000' })) ?? '', /does not match its schema Received/);
    assert.match(contractBreach(information, json(404, { type: 'about:blank', title: 'Not Found', status: 400 }, 'application/problem+json')) ?? '', /problem says status 400/);
    assert.match(contractBreach(information, { statusCode: 202, headers: { 'content-type': 'application/json' }, body: '{' }) ?? '', /not JSON/);
  });
});
