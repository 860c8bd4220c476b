/**
 * The staff console's firewall as deployed: a CloudFront web ACL of its own in the Edge stack
 * (us-east-1), on the console's distribution through the same cross-region reference as the
 * website's; a per-address limit on the sign-in paths and a general one high enough for a whole
 * contact centre behind one address; AWS's managed rules with the body rules counting (staff paste
 * what reporters wrote); with `-c consoleAllowedAddresses`, only those addresses, checked at
 * synth; and no logging, no sampled requests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSOLE_GENERAL_RATE_LIMIT, CONSOLE_SIGN_IN_PATHS, CONSOLE_SIGN_IN_RATE_LIMIT, consoleAllowedAddresses } from '../../lib/constructs/console-protection.ts';
import { COMMON_RULES_ON_THE_BODY } from '../../lib/constructs/edge-protection.ts';
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA, CONSOLE_SCREENS } from '../../lib/constructs/staff-console.ts';
import { CLOUDFRONT_ORIGIN_HEADER, variableOf } from '../../functions/configuration/settings.ts';
import { EDGE_REGION, stackName } from '../../lib/reporting-stacks.ts';
import { synthesiseApp, synthesisedApp, type SynthesisedApp } from '../support/synthesised-app.ts';

const consoleAclOf = (app: SynthesisedApp) => Object.entries(app.resources.Edge).find(([, r]) => r.Type === 'AWS::WAFv2::WebACL' && String(r.Properties.Name).endsWith('-staff-console'))!;
const rulesOf = (app: SynthesisedApp): any[] => consoleAclOf(app)[1].Properties.Rules;

describe("the staff console's firewall", () => {
  const app = synthesisedApp('prod');
  const [aclId, acl] = consoleAclOf(app);
  const rule = (name: string) => rulesOf(app).find((r) => r.Name === name);

  it("is a CloudFront web ACL of its own in the Edge stack, on the console's distribution by the Edge stack's output", () => {
    assert.equal(acl.Properties.Scope, 'CLOUDFRONT');
    assert.equal(app.stacks.edge.region, EDGE_REGION);
    const [, distribution] = Object.entries(app.resources.ContactCentre).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution' && r.Metadata?.[CONSOLE_ORIGIN_METADATA] === CONSOLE_ORIGIN)!;
    const reference = distribution.Properties.DistributionConfig.WebACLId['Fn::GetStackOutput'];
    assert.equal(reference.StackName, stackName('prod', 'Edge'));
    assert.equal(reference.Region, EDGE_REGION);
    const output = (app.templates.Edge.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs[reference.OutputName];
    assert.deepEqual(output?.Value, { 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it("proves to the console's API that a request came through here: its own secret in the origin header, and in every console function", () => {
    const [, distribution] = Object.entries(app.resources.ContactCentre).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution' && r.Metadata?.[CONSOLE_ORIGIN_METADATA] === CONSOLE_ORIGIN)!;
    const config = distribution.Properties.DistributionConfig;
    const origin = config.Origins.find((o: { Id: string }) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    const [header] = origin.OriginCustomHeaders;
    assert.equal(header.HeaderName, CLOUDFRONT_ORIGIN_HEADER);
    const secretId = header.HeaderValue['Fn::Join'][1][1].Ref;
    assert.match(String(app.resources.ContactCentre[secretId]?.Properties.Name), /-staff-console-origin$/);
    const functions = Object.values(app.resources.ContactCentre).filter((r) => r.Type === 'AWS::Lambda::Function' && CONSOLE_SCREENS.some((screen) => screen.handlerModule === r.Metadata?.['pac:handler']));
    assert.equal(functions.length, CONSOLE_SCREENS.length);
    for (const fn of functions) assert.deepEqual(fn.Properties.Environment.Variables[variableOf('cloudFrontOriginSecret')], header.HeaderValue, String(fn.Metadata?.['pac:handler']));
  });

  it('limits sign-ins per address tightly, and everything else only against floods', () => {
    const signIn = rule('SignInRateLimit').Statement.RateBasedStatement;
    assert.equal(signIn.Limit, CONSOLE_SIGN_IN_RATE_LIMIT.limit);
    assert.deepEqual(signIn.ScopeDownStatement.OrStatement.Statements.map((s: any) => s.ByteMatchStatement.SearchString), [...CONSOLE_SIGN_IN_PATHS]);
    assert.equal(rule('GeneralRateLimit').Statement.RateBasedStatement.Limit, CONSOLE_GENERAL_RATE_LIMIT.limit);
    assert.ok(CONSOLE_GENERAL_RATE_LIMIT.limit / CONSOLE_GENERAL_RATE_LIMIT.windowSeconds >= 20, 'a contact centre behind one address is not throttled');
    assert.equal(rule('GeneralRateLimit').Action.Block.CustomResponse.ResponseCode, 429);
  });

  it("runs AWS's IP reputation, common and known-bad-input rules, the common rules on the body only counting", () => {
    const groups = rulesOf(app).filter((r) => r.Statement.ManagedRuleGroupStatement !== undefined).map((r) => r.Statement.ManagedRuleGroupStatement);
    assert.deepEqual(groups.map((g) => g.Name).sort(), ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    const common = groups.find((g) => g.Name === 'AWSManagedRulesCommonRuleSet');
    assert.deepEqual(common.RuleActionOverrides.map((o: any) => [o.Name, Object.keys(o.ActionToUse)]), COMMON_RULES_ON_THE_BODY.map((name) => [name, ['Count']]));
  });

  it('keeps no sampled requests and has no logging', () => {
    for (const config of [acl.Properties.VisibilityConfig, ...rulesOf(app).map((r) => r.VisibilityConfig)]) assert.equal(config.SampledRequestsEnabled, false, config.MetricName);
  });

  it('is open to any address without -c consoleAllowedAddresses, and the synth says so', () => {
    assert.equal(rule('OnlyTheContactCentre'), undefined);
    assert.deepEqual(acl.Properties.DefaultAction, { Allow: {} });
    const info = app.stacks.edge.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === 'aws:cdk:info').map((m) => String(m.data));
    assert.ok(info.some((text) => text.includes('consoleAllowedAddresses')), info.join('\n'));
  });

  it('with -c consoleAllowedAddresses, refuses every other address first, IPv4 and IPv6', () => {
    const allowed = synthesiseApp({ stage: 'prod' }, { context: { consoleAllowedAddresses: '203.0.113.0/24, 198.51.100.7/32,2001:db8::/48' } });
    const rules = rulesOf(allowed);
    const only = rules.find((r) => r.Name === 'OnlyTheContactCentre');
    assert.equal(only.Priority, 0);
    assert.equal(Math.min(...rules.map((r) => r.Priority)), 0);
    assert.equal(only.Action.Block.CustomResponse.ResponseCode, 403);
    assert.equal(rules.find((r) => r.Name === 'SignInRateLimit'), undefined, 'everyone else is refused already: the contact centre behind its one address is not limited at the start of a shift');
    const sets = Object.entries(allowed.resources.Edge).filter(([, r]) => r.Type === 'AWS::WAFv2::IPSet');
    assert.deepEqual(sets.map(([, r]) => [r.Properties.IPAddressVersion, r.Properties.Addresses]).sort(), [['IPV4', ['203.0.113.0/24', '198.51.100.7/32']], ['IPV6', ['2001:db8::/48']]]);
    const refs = only.Statement.NotStatement.Statement.OrStatement.Statements.map((s: any) => s.IPSetReferenceStatement.Arn['Fn::GetAtt'][0]).sort();
    assert.deepEqual(refs, sets.map(([id]) => id).sort());
  });

  it('stops the synth on an address that is not a CIDR block', () => {
    assert.deepEqual(consoleAllowedAddresses(undefined), { ipv4: [], ipv6: [] });
    assert.deepEqual(consoleAllowedAddresses('203.0.113.7/32,2001:db8::/48'), { ipv4: ['203.0.113.7/32'], ipv6: ['2001:db8::/48'] });
    for (const wrong of ['203.0.113.0', '203.0.113.0/33', '256.1.1.1/32', 'office', '2001:db8::/129', '0.0.0.0/0', '::/0', ':::/64', '1:2:3:4:5:6:7:8:9/64', '203.0.113.0/24/8']) {
      assert.throws(() => consoleAllowedAddresses(wrong), /consoleAllowedAddresses: not CIDR blocks/, wrong);
    }
  });
});
