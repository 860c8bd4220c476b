/**
 * The website's web application firewall: an AWS WAF web ACL for CloudFront (which must be made in
 * us-east-1, in the Edge stack), put on the distribution by the Public stack. In order:
 *
 * 1. Amazon's IP reputation list: addresses Amazon's threat intelligence has seen sending bots,
 *    scans and attacks. Not the anonymous IP list: a reporter may well use Tor or a VPN to report,
 *    and must not be refused for hiding their address.
 * 2. A general limit per address: 2,000 requests in 5 minutes (about 7 a second, far above a
 *    person reading the site, and high enough for many people behind one mobile operator's NAT).
 * 3. A tighter limit per address on the POSTs that take reports and follow-up codes (`/report…`,
 *    `/follow-up…`): 50 in 5 minutes. Besides each reference's own lockout after ten wrong codes,
 *    it slows one address guessing codes across references, and one address flooding the intake.
 * 4. AWS's common rule set (OWASP-style attacks in the URI, query, headers and body), with its
 *    rules on the body counting instead of blocking. SizeRestrictions_BODY blocks any body over
 *    8 KB, and a report is up to 64 KB as JSON (MAX_REPORT_BYTES) and up to about 148 KB as a form
 *    (nine bytes a character of percent-encoding, functions/adapters/http/page-routes.ts), a
 *    follow-up answer up to 16 KB (94 KB as a form); rule 6 puts the 8 KB limit back everywhere
 *    else. The others (cross-site scripting, file inclusion, the metadata address) read a body as
 *    an attack when a reporter pastes what looks like HTML, a path or an address into what they
 *    write, and a blocked report is silently lost: the service's own schemas and escaping answer
 *    those in the body, with an error the reporter can act on.
 * 5. AWS's known bad inputs (Log4j, exploitable paths and headers).
 * 6. Bodies over 8 KB outside the report and follow-up paths: blocked. On those paths the function
 *    holds each body to its own limit (413), and API Gateway to 10 MB.
 *
 * What it answers: the rate limits 429 with Retry-After; the rest CloudFront's 403, which the
 * distribution turns into the site's not-found page.
 *
 * Nothing here records who visits: no logging configuration at all (WAF logs hold every
 * requester's address and headers), and no sampled requests (the console's sample of recent
 * requests holds them too). Operators have each rule's CloudWatch metrics, which are counts.
 */
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { resourcePrefix, type Stage } from '../stage.ts';

/** Requests from one address in the evaluation window, and the window. */
export const GENERAL_RATE_LIMIT = { limit: 2_000, windowSeconds: 300 } as const;
export const REPORTING_RATE_LIMIT = { limit: 50, windowSeconds: 300 } as const;
/** What AWSManagedRulesCommonRuleSet's SizeRestrictions_BODY blocks above. */
export const COMMON_BODY_LIMIT_BYTES = 8 * 1024;
/** The common rule set's rules on the body, which count rather than block (see 4 above). */
export const COMMON_RULES_ON_THE_BODY = ['SizeRestrictions_BODY', 'CrossSiteScripting_BODY', 'GenericRFI_BODY', 'GenericLFI_BODY', 'EC2MetaDataSSRF_BODY'] as const;
/** The path prefixes of the POSTs that take reports and follow-up codes (CloudFront's API paths but /stats). */
export const REPORTING_PATH_PREFIXES = ['/report', '/follow-up', '/cy/report', '/cy/follow-up'] as const;

export const metrics = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  // Sampled requests keep the requester's address and headers for three hours: off.
  sampledRequestsEnabled: false,
});

export const managed = (priority: number, name: string, ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[]): CfnWebACL.RuleProperty => ({
  name: `AWS-${name}`,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(ruleActionOverrides === undefined ? {} : { ruleActionOverrides }) } },
  visibilityConfig: metrics(name),
});

export const startsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/** A POST to one of the report and follow-up paths. */
const reportingPost: CfnWebACL.StatementProperty = {
  andStatement: {
    statements: [
      { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST', textTransformations: [{ priority: 0, type: 'NONE' }] } },
      { orStatement: { statements: REPORTING_PATH_PREFIXES.map(startsWith) } },
    ],
  },
};

const TOO_MANY = 'TooManyRequests';

export class EdgeProtection extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    const name = `${resourcePrefix(props.stage)}-website`;
    const rateLimited = (windowSeconds: number): CfnWebACL.RuleActionProperty => ({
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: TOO_MANY,
          responseHeaders: [{ name: 'Retry-After', value: String(windowSeconds) }],
        },
      },
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name,
      description: 'The public website firewall - managed rules and rate limits, no logging',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metrics(name),
      customResponseBodies: {
        [TOO_MANY]: {
          contentType: 'TEXT_PLAIN',
          content: 'Too many requests from your connection. Please wait a few minutes and try again; nothing you sent has been kept.',
        },
      },
      rules: [
        managed(0, 'AWSManagedRulesAmazonIpReputationList'),
        {
          name: 'GeneralRateLimit',
          priority: 1,
          action: rateLimited(GENERAL_RATE_LIMIT.windowSeconds),
          statement: {
            rateBasedStatement: { aggregateKeyType: 'IP', limit: GENERAL_RATE_LIMIT.limit, evaluationWindowSec: GENERAL_RATE_LIMIT.windowSeconds },
          },
          visibilityConfig: metrics('GeneralRateLimit'),
        },
        {
          name: 'ReportingRateLimit',
          priority: 2,
          action: rateLimited(REPORTING_RATE_LIMIT.windowSeconds),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: REPORTING_RATE_LIMIT.limit,
              evaluationWindowSec: REPORTING_RATE_LIMIT.windowSeconds,
              scopeDownStatement: reportingPost,
            },
          },
          visibilityConfig: metrics('ReportingRateLimit'),
        },
        managed(
          3,
          'AWSManagedRulesCommonRuleSet',
          COMMON_RULES_ON_THE_BODY.map((name) => ({ name, actionToUse: { count: {} } })),
        ),
        managed(4, 'AWSManagedRulesKnownBadInputsRuleSet'),
        {
          name: 'BodySizeOutsideReporting',
          priority: 5,
          action: { block: {} },
          statement: {
            andStatement: {
              statements: [
                {
                  sizeConstraintStatement: {
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: COMMON_BODY_LIMIT_BYTES,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                { notStatement: { statement: { orStatement: { statements: REPORTING_PATH_PREFIXES.map(startsWith) } } } },
              ],
            },
          },
          visibilityConfig: metrics('BodySizeOutsideReporting'),
        },
      ],
    });
  }
}
