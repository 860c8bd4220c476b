/**
 * The staff console's own origin, in the synthesised ContactCentre stack: a CloudFront distribution
 * of its own (never the public website's), in front of an HTTP API of its own that serves the
 * console's pages only; CloudFront passes that API the console's own cookies and nothing else of
 * the viewer's but a form's type and origin and the sign-in's return parameters; every answer has
 * the console's strict Content-Security-Policy; and the public website's distribution passes no
 * cookie at all, so a staff cookie could never reach the public API even if a browser sent one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSOLE_COOKIES, CONSOLE_FORWARDED_HEADERS, CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA, CONSOLE_QUERY_PARAMETERS, CONSOLE_SCREENS } from '../../lib/constructs/staff-console.ts';
import { synthesisedApp, type Resource } from '../support/synthesised-app.ts';

for (const stage of ['dev', 'prod'] as const) {
  const app = synthesisedApp(stage);
  const contactCentre = Object.entries(app.resources.ContactCentre);
  const publicStack = Object.entries(app.resources.Public);
  const ofConsole = ([, r]: [string, Resource]) => r.Metadata?.[CONSOLE_ORIGIN_METADATA] === CONSOLE_ORIGIN;
  const [distributionId, distribution] = contactCentre.filter(([, r]) => r.Type === 'AWS::CloudFront::Distribution').find(ofConsole)!;
  const [apiId] = contactCentre.filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api').find(ofConsole)!;
  const config = distribution.Properties.DistributionConfig;
  const policyOf = (ref: { Ref: string }) => app.resources.ContactCentre[ref.Ref]!;

  describe(`the staff console's origin (${stage})`, () => {
    it('is a distribution of its own, in the ContactCentre stack, not the public website\'s', () => {
      assert.ok(distributionId);
      const publicDistributions = publicStack.filter(([, r]) => r.Type === 'AWS::CloudFront::Distribution');
      assert.equal(publicDistributions.length, 1);
      assert.ok(!publicDistributions.some(ofConsole), "the public site's distribution is not the console's");
      assert.equal(config.CacheBehaviors, undefined, 'one behaviour: everything goes to the console API');
      const origin = config.Origins.find((o: { Id: string }) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
      assert.match(JSON.stringify(origin.DomainName), new RegExp(`"Ref":"${apiId}"`), "its origin is the console's own API");
      assert.equal(config.DefaultCacheBehavior.ViewerProtocolPolicy, 'redirect-to-https');
    });

    it('passes its API only its own cookies, a form\'s type and origin, and the sign-in\'s return parameters', () => {
      const policy = policyOf(config.DefaultCacheBehavior.OriginRequestPolicyId).Properties.OriginRequestPolicyConfig;
      assert.deepEqual(policy.CookiesConfig, { CookieBehavior: 'whitelist', Cookies: [...CONSOLE_COOKIES] });
      assert.deepEqual(policy.HeadersConfig, { HeaderBehavior: 'whitelist', Headers: [...CONSOLE_FORWARDED_HEADERS] });
      assert.deepEqual(policy.QueryStringsConfig, { QueryStringBehavior: 'whitelist', QueryStrings: [...CONSOLE_QUERY_PARAMETERS] });
      for (const cookie of CONSOLE_COOKIES) assert.match(cookie, /^__Host-/, 'a __Host- cookie: this origin only, Secure, path /');
    });

    it('answers with its own strict security headers: no script, styles of its own, forms to itself and the staff sign-in only', () => {
      const headers = policyOf(config.DefaultCacheBehavior.ResponseHeadersPolicyId).Properties.ResponseHeadersPolicyConfig;
      const csp = JSON.stringify(headers.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
      for (const directive of ["default-src 'none'", "script-src 'none'", "style-src 'self'", "connect-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self' https://"]) {
        assert.ok(csp.includes(directive), `${directive} in ${csp}`);
      }
      assert.equal(headers.SecurityHeadersConfig.FrameOptions.FrameOption, 'DENY');
      assert.equal(headers.SecurityHeadersConfig.ReferrerPolicy.ReferrerPolicy, 'same-origin');
      assert.ok(headers.CustomHeadersConfig.Items.some((h: { Header: string; Value: string }) => h.Header === 'Cache-Control' && h.Value === 'no-store'));
    });

    it("serves only the console's pages on its API, and the staff functions' API none of them", () => {
      const routes = contactCentre.filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route');
      const consoleRoutes = routes.filter(([, r]) => r.Properties.ApiId.Ref === apiId).map(([, r]) => r.Properties.RouteKey as string);
      assert.deepEqual(consoleRoutes.sort(), CONSOLE_SCREENS.flatMap((s) => s.routes.map(([method, path]) => `${method} ${path}`)).sort());
      for (const [, route] of routes.filter(([, r]) => r.Properties.ApiId.Ref !== apiId)) assert.match(route.Properties.RouteKey, / \/contact-centre\//);
    });

    it('gives its functions the session key only as a dynamic reference, never its value', () => {
      const functions = contactCentre.filter(([, r]) => r.Type === 'AWS::Lambda::Function' && /console-/.test(String(r.Metadata?.['pac:handler'])));
      assert.equal(functions.length, CONSOLE_SCREENS.length);
      for (const [id, fn] of functions) {
        const key = JSON.stringify(fn.Properties.Environment.Variables.CONSOLE_SESSION_KEY);
        assert.match(key, /\{\{resolve:secretsmanager:/, `${id}'s session key`);
      }
    });
  });

  describe(`the public website's distribution (${stage})`, () => {
    it('passes no cookie to any origin, so no staff cookie can reach the public API', () => {
      const [, website] = publicStack.find(([, r]) => r.Type === 'AWS::CloudFront::Distribution')!;
      const behaviours = [website.Properties.DistributionConfig.DefaultCacheBehavior, ...(website.Properties.DistributionConfig.CacheBehaviors ?? [])];
      for (const behaviour of behaviours) {
        if (behaviour.OriginRequestPolicyId === undefined) continue;
        const policy = app.resources.Public[behaviour.OriginRequestPolicyId.Ref]!.Properties.OriginRequestPolicyConfig;
        assert.equal(policy.CookiesConfig.CookieBehavior, 'none', `${behaviour.PathPattern} passes cookies`);
      }
    });
  });
}
