/**
 * The website's firewall as deployed: a CloudFront web ACL in the Edge stack, in us-east-1, on the
 * Public stack's distribution through a cross-region reference CloudFormation resolves itself; AWS's
 * common, known-bad-input and IP reputation rules, with the common rule set's 8 KB body limit kept
 * off the report and follow-up paths (a report is larger); a general and a tighter per-address rate
 * limit; and WAF logging OFF: no logging configuration anywhere, no sampled requests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_FOLLOW_UP_BYTES } from '../../functions/domain/follow-up.ts';
import { MAX_REPORT_BYTES } from '../../functions/domain/report.ts';
import { COMMON_BODY_LIMIT_BYTES, REPORTING_PATH_PREFIXES } from '../../lib/constructs/edge-protection.ts';
import { API_PATHS } from '../../lib/constructs/public-website.ts';
import { EDGE_REGION, stackName } from '../../lib/reporting-stacks.ts';
import { synthesisedApp } from '../support/synthesised-app.ts';

for (const stage of ['dev', 'prod'] as const) {
  const app = synthesisedApp(stage);
  const webAcls = Object.entries(app.resources.Edge).filter(([, r]) => r.Type === 'AWS::WAFv2::WebACL' && String(r.Properties.Name).endsWith('-website'));
  const consoleAcl = Object.entries(app.resources.Edge).find(([, r]) => r.Type === 'AWS::WAFv2::WebACL' && String(r.Properties.Name).endsWith('-staff-console'));
  const [webAclId, webAcl] = webAcls[0] ?? [];
  const rules = (webAcl?.Properties.Rules ?? []) as any[];
  const rule = (name: string) => rules.find((r) => r.Name === name);
  const everywhere = Object.values(app.resources).flatMap((resources) => Object.entries(resources));

  describe(`the website's firewall (${stage})`, () => {
    it('is one CloudFront web ACL, in the Edge stack, in us-east-1', () => {
      assert.equal(webAcls.length, 1);
      assert.equal(webAcl!.Properties.Scope, 'CLOUDFRONT');
      assert.deepEqual(webAcl!.Properties.DefaultAction, { Allow: {} });
      assert.equal(app.stacks.edge.region, EDGE_REGION);
      assert.deepEqual(
        everywhere.filter(([, r]) => r.Type.startsWith('AWS::WAFv2::')).map(([id]) => id).sort(),
        [webAclId, consoleAcl?.[0]].sort(),
        "no other WAF resource anywhere in the app but the staff console's (test/infrastructure/console-protection.test.ts)",
      );
    });

    it("is on the Public stack's distribution, read from the Edge stack's output in us-east-1 (no export, no custom resource)", () => {
      const [, distribution] = Object.entries(app.resources.Public).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution')!;
      const reference = distribution.Properties.DistributionConfig.WebACLId['Fn::GetStackOutput'];
      assert.equal(reference.StackName, stackName(stage, 'Edge'));
      assert.equal(reference.Region, EDGE_REGION);
      const output = (app.templates.Edge.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs[reference.OutputName];
      assert.deepEqual(output?.Value, { 'Fn::GetAtt': [webAclId, 'Arn'] });
      assert.deepEqual(everywhere.filter(([, r]) => r.Type.startsWith('Custom::')).map(([, r]) => r.Type).filter((t) => t.includes('CrossRegion')), []);
    });

    it('logs nothing: WAF logging is OFF (no logging configuration in any stack) and no rule keeps sampled requests', () => {
      assert.deepEqual(everywhere.filter(([, r]) => r.Type === 'AWS::WAFv2::LoggingConfiguration'), [], 'WAF logging is off');
      assert.deepEqual(everywhere.filter(([, r]) => r.Type === 'AWS::Logs::DeliverySource' || r.Type === 'AWS::Logs::Delivery'), []);
      const configs = [webAcl!.Properties.VisibilityConfig, ...rules.map((r) => r.VisibilityConfig)];
      for (const config of configs) assert.equal(config.SampledRequestsEnabled, false, config.MetricName);
      for (const config of configs) assert.equal(config.CloudWatchMetricsEnabled, true, config.MetricName);
    });

    it("runs AWS's IP reputation, common and known-bad-input rules, but not the anonymous IP list (a reporter may use Tor or a VPN)", () => {
      const groups = rules.filter((r) => r.Statement.ManagedRuleGroupStatement !== undefined).map((r) => r.Statement.ManagedRuleGroupStatement);
      assert.deepEqual(groups.map((g) => g.Name).sort(), [
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
      for (const group of groups) assert.equal(group.VendorName, 'AWS');
      for (const managed of rules.filter((r) => r.Statement.ManagedRuleGroupStatement !== undefined)) assert.deepEqual(managed.OverrideAction, { None: {} });
      assert.ok(!JSON.stringify(rules).includes('AnonymousIpList'));
    });

    it('keeps the common rule set from blocking reports for their size, and blocks bodies over 8 KB everywhere else', () => {
      // A report or answer is larger than the common rule set's limit: it would be refused.
      assert.ok(MAX_REPORT_BYTES > COMMON_BODY_LIMIT_BYTES && MAX_FOLLOW_UP_BYTES > COMMON_BODY_LIMIT_BYTES);
      const common = rule('AWS-AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement;
      assert.deepEqual(
        common.RuleActionOverrides,
        ['SizeRestrictions_BODY', 'CrossSiteScripting_BODY', 'GenericRFI_BODY', 'GenericLFI_BODY', 'EC2MetaDataSSRF_BODY'].map((Name) => ({ Name, ActionToUse: { Count: {} } })),
        'a report that looks like an attack to a generic rule is not silently lost',
      );
      const size = rule('BodySizeOutsideReporting');
      assert.deepEqual(size.Action, { Block: {} });
      const [tooLarge, notReporting] = size.Statement.AndStatement.Statements;
      assert.equal(tooLarge.SizeConstraintStatement.Size, COMMON_BODY_LIMIT_BYTES);
      assert.equal(tooLarge.SizeConstraintStatement.ComparisonOperator, 'GT');
      const prefixes = notReporting.NotStatement.Statement.OrStatement.Statements.map((s: any) => s.ByteMatchStatement.SearchString);
      assert.deepEqual(prefixes, [...REPORTING_PATH_PREFIXES]);
      // Every path CloudFront sends to the API that takes a body starts with one of them.
      for (const path of API_PATHS) assert.ok(REPORTING_PATH_PREFIXES.some((prefix) => path.startsWith(prefix)), path);
    });

    it('limits each address: generally, and more tightly on the POSTs that take reports and follow-up codes, answering 429', () => {
      const general = rule('GeneralRateLimit');
      const reporting = rule('ReportingRateLimit');
      assert.equal(general.Statement.RateBasedStatement.AggregateKeyType, 'IP');
      assert.equal(general.Statement.RateBasedStatement.ScopeDownStatement, undefined);
      const tight = reporting.Statement.RateBasedStatement;
      assert.equal(tight.AggregateKeyType, 'IP');
      assert.ok(tight.Limit < general.Statement.RateBasedStatement.Limit);
      assert.ok(tight.Limit <= 100, 'tight enough to slow code guessing from one address');
      const [method, paths] = tight.ScopeDownStatement.AndStatement.Statements;
      assert.equal(method.ByteMatchStatement.SearchString, 'POST');
      assert.deepEqual(paths.OrStatement.Statements.map((s: any) => s.ByteMatchStatement.SearchString), [...REPORTING_PATH_PREFIXES]);
      for (const limited of [general, reporting]) assert.equal(limited.Action.Block.CustomResponse.ResponseCode, 429);
      const priorities = rules.map((r) => r.Priority);
      assert.equal(new Set(priorities).size, priorities.length, 'each rule its own priority');
    });
  });
}
