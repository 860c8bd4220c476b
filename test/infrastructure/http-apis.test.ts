/**
 * The service's three HTTP APIs, as deployed: the public API (in the Public stack, behind
 * CloudFront), the contact centre's (ContactCentre stack) and the force API (ForceAccess stack),
 * each serving only its own audience's routes, each with an access log that holds no address, no
 * CORS, an output with its URL, and throttles: a stage throttle for each API and, on the public
 * API, one of its own for every route, so a flood on one route cannot use up the others'.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { PUBLIC_ROUTE_THROTTLES, PUBLIC_STAGE_THROTTLE } from '../../lib/constructs/public-api.ts';
import { CONTACT_CENTRE_THROTTLE } from '../../lib/constructs/contact-centre.ts';
import { FORCE_API_THROTTLE } from '../../lib/constructs/force-api.ts';
import { ACCESS_LOG_FIELDS } from '../../lib/constructs/service-http-api.ts';
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA } from '../../lib/constructs/staff-console.ts';
import { REGISTERED_ROUTES } from '../../lib/route-registry.ts';
import type { StackPart } from '../../lib/reporting-stacks.ts';
import { synthesisedApp, type Resource } from '../support/synthesised-app.ts';

const app = synthesisedApp('dev');
/** The staff console's own API and its stage are pages on an origin of their own (test/infrastructure/staff-console.test.ts), not one of the three. */
const ofStaffConsole = (part: StackPart, resource: Resource): boolean => {
  const apiId = (resource.Properties?.ApiId as { Ref?: string } | undefined)?.Ref;
  const api = apiId === undefined ? resource : app.resources[part][apiId];
  return api?.Metadata?.[CONSOLE_ORIGIN_METADATA] === CONSOLE_ORIGIN;
};
const ofType = (part: StackPart, type: string): [string, Resource][] =>
  Object.entries(app.resources[part]).filter(([, r]) => r.Type === type && !ofStaffConsole(part, r));

const API_OF = { public: 'Public', staff: 'ContactCentre', force: 'ForceAccess' } as const satisfies Record<string, StackPart>;

const onlyApi = (part: StackPart): [string, Resource] => {
  const apis = ofType(part, 'AWS::ApiGatewayV2::Api');
  assert.equal(apis.length, 1, `${part} has one HTTP API`);
  return apis[0]!;
};
const onlyStage = (part: StackPart): Resource => {
  const stages = ofType(part, 'AWS::ApiGatewayV2::Stage');
  assert.equal(stages.length, 1, `${part} has one stage`);
  return stages[0]![1];
};

describe('the three HTTP APIs', () => {
  it('serve each audience on its own API: public routes in the Public stack, staff in ContactCentre, force in ForceAccess', () => {
    for (const [audience, part] of Object.entries(API_OF) as [keyof typeof API_OF, StackPart][]) {
      const [apiId] = onlyApi(part);
      const routes = ofType(part, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
      const expected = REGISTERED_ROUTES.filter((r) => r.fn.audience.kind === audience).map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(routes.map((r) => r.RouteKey).sort(), expected.sort(), `${part}'s API routes the ${audience} routes, and only those`);
      for (const route of routes) assert.deepEqual(route.ApiId, { Ref: apiId }, `${route.RouteKey} is on ${part}'s API`);
    }
    assert.deepEqual(ofType('Data', 'AWS::ApiGatewayV2::Api'), []);
    assert.deepEqual(ofType('Delivery', 'AWS::ApiGatewayV2::Api'), []);
  });

  it('answer no CORS preflight: no API has a CORS configuration', () => {
    for (const part of Object.values(API_OF)) assert.equal(onlyApi(part)[1].Properties.CorsConfiguration, undefined, part);
  });

  it('each have an access log with the fields operators need and no address, user agent or header', () => {
    for (const part of Object.values(API_OF)) {
      const stage = onlyStage(part);
      assert.deepEqual(JSON.parse(stage.Properties.AccessLogSettings.Format), ACCESS_LOG_FIELDS, part);
      const [logGroupId] = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'];
      assert.equal(app.resources[part][logGroupId]?.Type, 'AWS::Logs::LogGroup', part);
    }
  });

  it("each give their URL as an output of their stack", () => {
    const outputs = (part: StackPart) => (app.templates[part].toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
    for (const [part, output] of [
      ['Public', 'PublicApiUrl'],
      ['ContactCentre', 'ContactCentreApiUrl'],
      ['ForceAccess', 'ForceApiUrl'],
    ] as const) {
      const [apiId] = onlyApi(part);
      assert.deepEqual(outputs(part)[output]?.Value, { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }, `${part} ${output}`);
    }
  });

  it('throttle each API as a whole', () => {
    const throttleOf = (part: StackPart) => onlyStage(part).Properties.DefaultRouteSettings;
    assert.deepEqual(throttleOf('Public'), { ThrottlingRateLimit: PUBLIC_STAGE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_STAGE_THROTTLE.burstLimit });
    assert.deepEqual(throttleOf('ContactCentre'), {
      ThrottlingRateLimit: CONTACT_CENTRE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: CONTACT_CENTRE_THROTTLE.burstLimit,
    });
    assert.deepEqual(throttleOf('ForceAccess'), { ThrottlingRateLimit: FORCE_API_THROTTLE.rateLimit, ThrottlingBurstLimit: FORCE_API_THROTTLE.burstLimit });
  });

  it('throttle every public route on its own, the submit and follow-up code routes lowest, and the stage waits for each route', () => {
    const stageId = ofType('Public', 'AWS::ApiGatewayV2::Stage')[0]![0];
    const stage = onlyStage('Public') as Resource & { DependsOn?: string[] };
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const publicKeys = REGISTERED_ROUTES.filter((r) => r.fn.audience.kind === 'public').map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(Object.keys(settings).sort(), publicKeys.sort(), `${stageId}: a throttle for each public route, and no other`);
    for (const key of publicKeys) {
      const figures = PUBLIC_ROUTE_THROTTLES[key]!;
      assert.deepEqual(settings[key], { ThrottlingRateLimit: figures.rateLimit, ThrottlingBurstLimit: figures.burstLimit }, key);
      assert.ok(figures.rateLimit < PUBLIC_STAGE_THROTTLE.rateLimit && figures.burstLimit >= figures.rateLimit, key);
    }
    // Taking reports and trying codes are the routes a flood or a guesser would aim at.
    const takingOrCodes = publicKeys.filter((key) => key.startsWith('POST '));
    const pages = publicKeys.filter((key) => key.startsWith('GET '));
    for (const post of takingOrCodes) for (const get of pages) assert.ok(settings[post]!.ThrottlingRateLimit < settings[get]!.ThrottlingRateLimit, `${post} below ${get}`);
    // API Gateway refuses route settings for a route key it does not have yet.
    const routeIds = ofType('Public', 'AWS::ApiGatewayV2::Route').map(([id]) => id);
    for (const routeId of routeIds) assert.ok((stage.DependsOn ?? []).includes(routeId), `the stage depends on ${routeId}`);
    for (const part of ['ContactCentre', 'ForceAccess'] as const) assert.equal(onlyStage(part).Properties.RouteSettings, undefined, part);
  });
});

describe("README's throttle table", () => {
  it('gives the figures the stack deploys, and no others', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const deploy = readme.slice(readme.indexOf('## Deploy'), readme.indexOf('## Layout'));
    const rows = [...deploy.matchAll(/^\| (`[^|]+|contact centre API[^|]*|force API[^|]*) \| (\d+) \| (\d+) \|/gm)].map((m) => ({ routes: m[1]!, rate: Number(m[2]), burst: Number(m[3]) }));
    const pair = ({ rateLimit, burstLimit }: { rateLimit: number; burstLimit: number }) => `${rateLimit}/${burstLimit}`;
    const deployed = new Set([...Object.values(PUBLIC_ROUTE_THROTTLES).map(pair), pair(CONTACT_CENTRE_THROTTLE), pair(FORCE_API_THROTTLE)]);
    assert.deepEqual(new Set(rows.map((r) => `${r.rate}/${r.burst}`)), deployed);
    for (const [key, figures] of Object.entries(PUBLIC_ROUTE_THROTTLES)) {
      const row = rows.find((r) => r.routes.includes(key.split(' ')[0]!) && r.routes.includes(key.split('/').pop()!));
      assert.ok(row !== undefined, `README names ${key}`);
      assert.equal(`${row.rate}/${row.burst}`, pair(figures), key);
    }
    assert.equal(`${rows.find((r) => r.routes.startsWith('contact centre'))?.rate}/${rows.find((r) => r.routes.startsWith('contact centre'))?.burst}`, pair(CONTACT_CENTRE_THROTTLE));
    assert.equal(`${rows.find((r) => r.routes.startsWith('force API'))?.rate}/${rows.find((r) => r.routes.startsWith('force API'))?.burst}`, pair(FORCE_API_THROTTLE));
  });
});
