/**
 * Nothing the app deploys, in any of its stacks, records a reporter's address: no API access log
 * field that holds one, no CloudFront, WAF or bucket access log, and CloudFront passes the API no
 * cookie and no header that identifies the viewer. And the website (the Public stack's) is served
 * as designed: the files from a private bucket through origin access control, the report paths
 * from the API uncached, every answer with the website's security headers.
 */
import assert from 'node:assert/strict';
import { CONSOLE_SCREENS } from '../../lib/constructs/staff-console.ts';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { CLOUDFRONT_ORIGIN_HEADER, variableOf } from '../../functions/configuration/settings.ts';
import { STATISTICS_QUERY_PARAMETERS } from '../../functions/domain/statistics-view.ts';
import { REGISTERED_ROUTES } from '../../lib/route-registry.ts';
import { CONTENT_SECURITY_POLICY } from '../../functions/pages/security-headers.ts';
import type { Stage } from '../../lib/stage.ts';
import { NOT_FOUND_FILE, notFoundFileFor, staticPathFor, STATIC_PAGES } from '../../functions/pages/static-pages.ts';
import { synthesisedApp, type Resources } from '../support/synthesised-app.ts';
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA } from '../../lib/constructs/staff-console.ts';

/** Every stack's resources as one (imports resolved), for what nothing in the app may do; the Public stack's, for the website. */
const synth = (stage: Stage): { all: Resources; website: Resources } => {
  const app = synthesisedApp(stage);
  return { all: app.merged.Resources, website: app.resources.Public };
};
const stages = { dev: synth('dev'), prod: synth('prod') };
const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = <T>(items: T[], what: string): T => {
  assert.equal(items.length, 1, `one ${what}`);
  return items[0] as T;
};

/** The path patterns CloudFront sends to the public API. */
const API_PATTERNS = [
  '/report',
  '/report/*',
  '/reports',
  '/reports/*',
  '/follow-up',
  '/follow-up/*',
  '/cy/report',
  '/cy/report/*',
  '/cy/follow-up',
  '/cy/follow-up/*',
  '/stats',
  '/stats/*',
];
const IDENTIFYING_LOG_FIELDS = ['sourceIp', 'userAgent', '$context.identity', 'caller', 'user', 'x-forwarded-for'];
const IDENTIFYING_HEADERS = ['user-agent', 'referer', 'cookie', 'x-forwarded-for', 'host'];
const CACHING_DISABLED = CachePolicy.CACHING_DISABLED.cachePolicyId;
const CACHING_OPTIMIZED = CachePolicy.CACHING_OPTIMIZED.cachePolicyId;

const website = (resources: Resources) => {
  const [, distribution] = only(ofType(resources, 'AWS::CloudFront::Distribution'), 'distribution');
  const config = distribution.Properties!.DistributionConfig;
  const origins: any[] = config.Origins;
  const originOf = (behaviour: any) => origins.find((o) => o.Id === behaviour.TargetOriginId);
  const behaviours: any[] = config.CacheBehaviors ?? [];
  const bucketId: string = originOf(config.DefaultCacheBehavior).DomainName['Fn::GetAtt'][0];
  return { config, origins, originOf, behaviours, bucketId, bucket: resources[bucketId]! };
};

for (const [stage, { all: resources, website: publicResources }] of Object.entries(stages)) {
  describe(`no reporter's address is logged (${stage})`, () => {
    it('no API stage access log holds a source IP, user agent, caller, user or forwarded-for', () => {
      const stagesWithLogs = [...ofType(resources, 'AWS::ApiGatewayV2::Stage'), ...ofType(resources, 'AWS::ApiGateway::Stage')]
        .map(([id, s]) => [id, (s.Properties?.AccessLogSettings ?? s.Properties?.AccessLogSetting)?.Format] as const)
        .filter(([, format]) => format !== undefined);
      assert.ok(stagesWithLogs.length >= 1, 'the public API has an access log');
      for (const [id, format] of stagesWithLogs) {
        const text = JSON.stringify(format).toLowerCase();
        for (const field of IDENTIFYING_LOG_FIELDS) assert.ok(!text.includes(field.toLowerCase()), `${id}'s access log records ${field}`);
      }
    });

    it('has no CloudFront standard or real-time log, no WAF log, and no access log on the website bucket', () => {
      for (const [id, distribution] of ofType(resources, 'AWS::CloudFront::Distribution')) {
        const config = distribution.Properties!.DistributionConfig;
        assert.equal(config.Logging, undefined, `${id} has standard logging`);
        for (const behaviour of [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])]) {
          assert.equal(behaviour.RealtimeLogConfigArn, undefined, `${id} ${behaviour.PathPattern ?? 'default'} has real-time logs`);
        }
      }
      for (const type of ['AWS::CloudFront::RealtimeLogConfig', 'AWS::WAFv2::LoggingConfiguration', 'AWS::Logs::DeliverySource']) {
        assert.deepEqual(ofType(resources, type), [], `the stack has an ${type}`);
      }
      const { bucket, bucketId } = website(publicResources);
      assert.equal(bucket.Type, 'AWS::S3::Bucket');
      assert.equal(bucket.Properties?.LoggingConfiguration, undefined, `${bucketId} has server access logs`);
      for (const [id, other] of ofType(resources, 'AWS::S3::Bucket')) assert.equal(other.Properties?.LoggingConfiguration, undefined, `${id} has server access logs`);
    });

    it('passes the API no cookie, no identifying header and no query string but the statistics parameters', () => {
      // The staff console's policy passes its own cookies to its own API, on its own origin (test/infrastructure/staff-console.test.ts).
      const policies = ofType(resources, 'AWS::CloudFront::OriginRequestPolicy').filter(([, p]) => p.Metadata?.[CONSOLE_ORIGIN_METADATA] !== CONSOLE_ORIGIN);
      assert.ok(policies.length >= 1);
      for (const [id, policy] of policies) {
        const config = policy.Properties!.OriginRequestPolicyConfig;
        assert.equal(config.CookiesConfig.CookieBehavior, 'none', `${id} forwards cookies`);
        // Only an allow-list can be checked: every other behaviour passes the viewer's headers on.
        assert.ok(['none', 'whitelist'].includes(config.HeadersConfig.HeaderBehavior), `${id} forwards ${config.HeadersConfig.HeaderBehavior} headers`);
        for (const header of (config.HeadersConfig.Headers ?? []).map((h: string) => h.toLowerCase())) {
          assert.ok(!IDENTIFYING_HEADERS.includes(header) && !header.startsWith('cloudfront-viewer-'), `${id} forwards ${header}`);
        }
        const queries = config.QueryStringsConfig;
        assert.ok(['none', 'whitelist'].includes(queries.QueryStringBehavior), `${id} forwards ${queries.QueryStringBehavior} query strings`);
        for (const name of queries.QueryStrings ?? []) assert.ok((STATISTICS_QUERY_PARAMETERS as readonly string[]).includes(name), `${id} forwards ?${name}`);
      }
      // Every behaviour uses one of those policies (or none), never a managed one such as AllViewer,
      // and a managed cache policy that puts no header, cookie or query string in the key.
      const { config } = website(publicResources);
      for (const behaviour of [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])]) {
        const policy = behaviour.OriginRequestPolicyId;
        assert.ok(policy === undefined || resources[policy.Ref]?.Type === 'AWS::CloudFront::OriginRequestPolicy', `${behaviour.PathPattern ?? 'default'}: ${JSON.stringify(policy)}`);
        assert.ok([CACHING_DISABLED, CACHING_OPTIMIZED].includes(behaviour.CachePolicyId), `${behaviour.PathPattern ?? 'default'} cache policy`);
      }
    });
  });

  describe(`the website (${stage})`, () => {
    it('sends the report, follow-up and statistics paths to the API, uncached, every method allowed', () => {
      const { behaviours, originOf } = website(publicResources);
      assert.deepEqual(behaviours.map((b) => b.PathPattern).sort(), [...API_PATTERNS].sort());
      for (const behaviour of behaviours) {
        assert.equal(behaviour.CachePolicyId, CACHING_DISABLED, behaviour.PathPattern);
        assert.ok(behaviour.AllowedMethods.includes('POST'), behaviour.PathPattern);
        const origin = originOf(behaviour);
        assert.equal(origin.CustomOriginConfig?.OriginProtocolPolicy, 'https-only', behaviour.PathPattern);
        assert.match(JSON.stringify(origin.DomainName), /execute-api/, behaviour.PathPattern);
        assert.equal(behaviour.ViewerProtocolPolicy, 'redirect-to-https', behaviour.PathPattern);
      }
    });

    it('sends the API a secret origin header, by a dynamic reference to a generated secret, never the value', () => {
      const { behaviours, originOf } = website(publicResources);
      const [secretId, secret] = only(ofType(publicResources, 'AWS::SecretsManager::Secret'), 'secret');
      assert.equal(secret.Properties!.GenerateSecretString.PasswordLength, 64);
      assert.equal(secret.Properties!.SecretString, undefined, 'the value is generated, not in the template');
      const reference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };
      for (const behaviour of behaviours) {
        assert.deepEqual(originOf(behaviour).OriginCustomHeaders, [{ HeaderName: CLOUDFRONT_ORIGIN_HEADER, HeaderValue: reference }], behaviour.PathPattern);
      }
      // Every public function is given the same reference, and nothing else in the app is.
      const variable = variableOf('cloudFrontOriginSecret');
      const publicHandlers = new Set(REGISTERED_ROUTES.filter((r) => r.fn.audience.kind === 'public').map((r) => r.handlerModule));
      for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
        const value = fn.Properties?.Environment?.Variables?.[variable];
        const handler = fn.Metadata?.['pac:handler'] as string;
        if (publicHandlers.has(handler)) assert.deepEqual(value, reference, id);
        // The staff console's functions check their own distribution's secret, never this one.
        else if (CONSOLE_SCREENS.some((screen) => screen.handlerModule === handler)) assert.ok(value !== undefined && JSON.stringify(value) !== JSON.stringify(reference), id);
        else assert.equal(value, undefined, id);
      }
    });

    it('answers everything with no referrer, no caching in the browser, and the website CSP', () => {
      const { config } = website(publicResources);
      const [policyId, policy] = only(ofType(publicResources, 'AWS::CloudFront::ResponseHeadersPolicy'), 'response headers policy');
      for (const behaviour of [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])]) {
        assert.deepEqual(behaviour.ResponseHeadersPolicyId, { Ref: policyId }, behaviour.PathPattern ?? 'default');
      }
      const headers = policy.Properties!.ResponseHeadersPolicyConfig;
      assert.deepEqual(headers.SecurityHeadersConfig.ReferrerPolicy, { ReferrerPolicy: 'no-referrer', Override: true });
      assert.deepEqual(headers.SecurityHeadersConfig.ContentSecurityPolicy, { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true });
      assert.deepEqual(
        headers.CustomHeadersConfig.Items.find((h: { Header: string }) => h.Header.toLowerCase() === 'cache-control'),
        { Header: 'Cache-Control', Value: 'no-store', Override: true },
      );
    });

    it('serves the files from a private bucket through origin access control', () => {
      const { config, originOf, bucket, bucketId } = website(publicResources);
      assert.equal(config.DefaultRootObject, 'index.html');
      const origin = originOf(config.DefaultCacheBehavior);
      assert.ok(origin.S3OriginConfig !== undefined, 'the default behaviour is an S3 origin');
      assert.equal(origin.S3OriginConfig.OriginAccessIdentity, '', 'no legacy origin access identity');
      const oac = publicResources[origin.OriginAccessControlId?.['Fn::GetAtt']?.[0]];
      assert.equal(oac?.Type, 'AWS::CloudFront::OriginAccessControl');
      assert.equal(oac.Properties!.OriginAccessControlConfig.OriginAccessControlOriginType, 's3');
      assert.equal(oac.Properties!.OriginAccessControlConfig.SigningBehavior, 'always');
      assert.deepEqual(bucket.Properties!.PublicAccessBlockConfiguration, {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const [, bucketPolicy] = only(
        ofType(publicResources, 'AWS::S3::BucketPolicy').filter(([, p]) => p.Properties!.Bucket.Ref === bucketId),
        'website bucket policy',
      );
      const allows = bucketPolicy.Properties!.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow');
      const cloudFront = allows.filter((s: any) => s.Principal?.Service === 'cloudfront.amazonaws.com');
      assert.equal(cloudFront.length, 1);
      assert.equal(cloudFront[0].Action, 's3:GetObject');
      assert.match(JSON.stringify(cloudFront[0].Condition.StringEquals['AWS:SourceArn']), /:distribution\//);
      assert.ok(!allows.some((s: any) => JSON.stringify(s.Principal).includes('"*"')), 'the bucket allows anyone');
    });

    it("answers an address the site does not have with its own not-found page, and only the bucket's 403 becomes one", () => {
      const { config } = website(publicResources);
      assert.deepEqual(
        config.CustomErrorResponses.map(({ ErrorCode, ResponseCode, ResponsePagePath }: any) => ({ ErrorCode, ResponseCode, ResponsePagePath })),
        [{ ErrorCode: 403, ResponseCode: 404, ResponsePagePath: `/${NOT_FOUND_FILE}` }],
      );
      assert.ok(existsSync(new URL(`../../web/static/${NOT_FOUND_FILE}`, import.meta.url)), 'the page is deployed with the site');
    });

    it('answers /cy as the local gateway does: the Welsh start page, and the Welsh not-found page (404) for a /cy/ path it does not have', () => {
      const { config } = website(publicResources);
      const associations: any[] = config.DefaultCacheBehavior.FunctionAssociations ?? [];
      assert.deepEqual(associations.map((a) => a.EventType).sort(), ['viewer-request', 'viewer-response']);
      const functionIds = new Set(associations.map((a) => a.FunctionARN['Fn::GetAtt'][0]));
      assert.equal(functionIds.size, 1, 'one function for both events');
      const fn = publicResources[[...functionIds][0]]!;
      assert.equal(fn.Type, 'AWS::CloudFront::Function');
      assert.equal(fn.Properties!.FunctionConfig.Runtime, 'cloudfront-js-2.0');
      // The function's own code, from the template, run on CloudFront's events.
      const handler = new Function(`${fn.Properties!.FunctionCode}; return handler;`)() as (event: any) => any;
      const files = new Set(Object.keys(STATIC_PAGES).map((name) => `/${name}`));
      for (const path of ['/', '/cy', '/cy/', '/cy/index.html', '/cy/404.html', '/cy/nothing', '/cy/report-it', '/cy/assets/site.css', '/assets/site.css', '/nothing', '/index.html']) {
        const request = handler({ request: { uri: path, headers: {} } });
        const local = files.has(staticPathFor(path)) || path.startsWith('/assets/') || path === '/nothing' ? staticPathFor(path) : `/${notFoundFileFor(path)}`;
        if (path === '/') assert.equal(request.uri, '/', 'the root is the default root object');
        else if (path === '/nothing') assert.equal(request.uri, '/nothing', "outside /cy the bucket's 403 becomes the English not-found page");
        else assert.equal(request.uri, local, path);
        const response = handler({ request, response: { statusCode: 200, headers: {} } });
        assert.equal(response.statusCode, request.uri === '/cy/404.html' ? 404 : 200, path);
      }
    });
  });
}

describe('the website bucket', () => {
  it('is kept in prod, and emptied and deleted with the stack elsewhere', () => {
    const prod = website(stages.prod.website).bucketId;
    assert.equal(stages.prod.website[prod]!.DeletionPolicy, 'Retain');
    assert.deepEqual(ofType(stages.prod.all, 'Custom::S3AutoDeleteObjects'), []);
    const dev = website(stages.dev.website).bucketId;
    assert.equal(stages.dev.website[dev]!.DeletionPolicy, 'Delete');
    assert.equal(ofType(stages.dev.website, 'Custom::S3AutoDeleteObjects').length, 1);
  });
});

describe("the origin secret's version", () => {
  it('is pinned in both references when given, so that a new value reaches CloudFront and the functions in one deploy', async () => {
    const { App, Stack } = await import('aws-cdk-lib');
    const { CloudFrontOriginSecret, originSecretVersion } = await import('../../lib/constructs/cloudfront-origin-secret.ts');
    const versionId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    const stack = new Stack(new App({ context: { originSecretVersion: versionId } }), 'Pinned');
    const secret = new CloudFrontOriginSecret(stack, 'Origin', { stage: 'dev' });
    const header = JSON.stringify(stack.resolve(secret.originHeaders));
    const environment = JSON.stringify(stack.resolve(secret.functionEnvironment));
    assert.match(header, new RegExp(`:SecretString:::${versionId}}}`));
    assert.match(environment, new RegExp(`:SecretString:::${versionId}}}`));
    assert.equal(originSecretVersion(undefined), undefined);
    assert.throws(() => originSecretVersion('AWSCURRENT; drop'), /not a Secrets Manager VersionId/);
  });
});
