/**
 * The staff console's web application firewall: an AWS WAF web ACL for CloudFront (made in
 * us-east-1, in the Edge stack, beside the website's), put on the console's distribution by the
 * ContactCentre stack. In order:
 *
 * 0. With `-c consoleAllowedAddresses=<CIDR>,<CIDR>` (the contact centre's offices' and VPN's
 *    egress addresses, IPv4 or IPv6): everything else is refused first, so that the console's pages
 *    cannot be used from anywhere else (the console's functions refuse what does not come through
 *    this distribution: lib/constructs/staff-console.ts). What it does not cover: the staff user
 *    pool's sign-in and the staff API, at addresses of their own, where the pool's MFA and the
 *    API's throttle are the controls. Without it (no fixed addresses yet) the console is open to
 *    the internet behind its sign-in, and the synth says so.
 * 1. Amazon's IP reputation list: addresses seen sending bots, scans and attacks.
 * 2. Without the addresses of 0 only: a limit per address on the sign-in's paths (`/sign-in`,
 *    `/signed-in`), 500 in 5 minutes, which slows anyone trying forged sign-in returns. A session
 *    lasts 15 minutes and each sign-in is two requests, so a contact centre of a hundred behind one
 *    address signing in at the start of a shift stays under it; with the addresses given, everyone
 *    else is refused already and the contact centre is not limited.
 * 3. A general limit per address: 6,000 requests in 5 minutes (20 a second). A whole contact
 *    centre may share one address behind its network's NAT, so this only stops floods.
 * 4. AWS's common rule set, with its rules on the body counting instead of blocking: staff paste
 *    what reporters wrote (HTML, paths, addresses) into the phone report and the sanitised text,
 *    and a form blocked at the edge loses their work; the console's own schemas and escaping answer
 *    those, with an error they can act on.
 * 5. AWS's known bad inputs (Log4j, exploitable paths and headers).
 *
 * Like the website's, it records nothing about who visits: no logging, no sampled requests.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { Annotations } from 'aws-cdk-lib';
import { CfnIPSet, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { resourcePrefix, type Stage } from '../stage.ts';
import { COMMON_RULES_ON_THE_BODY, managed, metrics, startsWith } from './edge-protection.ts';

export const CONSOLE_ALLOWED_ADDRESSES_CONTEXT = 'consoleAllowedAddresses';
export const CONSOLE_SIGN_IN_RATE_LIMIT = { limit: 500, windowSeconds: 300 } as const;
export const CONSOLE_GENERAL_RATE_LIMIT = { limit: 6_000, windowSeconds: 300 } as const;
export const CONSOLE_SIGN_IN_PATHS = ['/sign-in', '/signed-in'] as const;

/** A CIDR block WAF takes: an address and a prefix of 1 to 32 (IPv4) or 1 to 128 (IPv6); /0 is refused at deploy. */
const cidrVersion = (block: string): 4 | 6 | undefined => {
  const [address = '', prefix = '', ...rest] = block.split('/');
  if (rest.length > 0 || !/^\d{1,3}$/.test(prefix)) return undefined;
  const bits = Number(prefix);
  if (isIPv4(address) && bits >= 1 && bits <= 32) return 4;
  if (isIPv6(address) && bits >= 1 && bits <= 128) return 6;
  return undefined;
};

/** `-c consoleAllowedAddresses=…`: CIDRs separated by commas; none when not given. A bad one stops the synth. */
export const consoleAllowedAddresses = (value: unknown): { ipv4: string[]; ipv6: string[] } => {
  const given = value === undefined || value === '' ? [] : Array.isArray(value) ? value : String(value).split(',');
  const addresses = given.map((address) => String(address).trim()).filter((address) => address !== '');
  const wrong = addresses.filter((address) => cidrVersion(address) === undefined);
  if (wrong.length > 0) throw new Error(`${CONSOLE_ALLOWED_ADDRESSES_CONTEXT}: not CIDR blocks (such as 203.0.113.0/24 or 2001:db8::/48): ${wrong.join(', ')}`);
  return { ipv4: addresses.filter((address) => cidrVersion(address) === 4), ipv6: addresses.filter((address) => cidrVersion(address) === 6) };
};

const TOO_MANY = 'TooManyRequests';
const NOT_FROM_HERE = 'NotFromHere';

export class ConsoleProtection extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { stage: Stage }) {
    super(scope, id);
    const name = `${resourcePrefix(props.stage)}-staff-console`;
    const allowed = consoleAllowedAddresses(this.node.tryGetContext(CONSOLE_ALLOWED_ADDRESSES_CONTEXT));
    const sets = (['ipv4', 'ipv6'] as const)
      .filter((version) => allowed[version].length > 0)
      .map((version) => new CfnIPSet(this, `Allowed${version.toUpperCase()}`, { name: `${name}-${version}`, scope: 'CLOUDFRONT', ipAddressVersion: version.toUpperCase(), addresses: allowed[version], description: 'The contact centre egress addresses' }));
    if (sets.length === 0) {
      Annotations.of(this).addInfo(`The staff console is open to any address behind its sign-in: give the contact centre's addresses with -c ${CONSOLE_ALLOWED_ADDRESSES_CONTEXT}=<CIDR>,<CIDR>.`);
    }
    const rateLimited = (windowSeconds: number): CfnWebACL.RuleActionProperty => ({
      block: { customResponse: { responseCode: 429, customResponseBodyKey: TOO_MANY, responseHeaders: [{ name: 'Retry-After', value: String(windowSeconds) }] } },
    });
    const onlyFrom: CfnWebACL.RuleProperty[] =
      sets.length === 0
        ? []
        : [
            {
              name: 'OnlyTheContactCentre',
              priority: 0,
              action: { block: { customResponse: { responseCode: 403, customResponseBodyKey: NOT_FROM_HERE } } },
              statement: {
                notStatement: {
                  statement: sets.length === 1 ? { ipSetReferenceStatement: { arn: sets[0]!.attrArn } } : { orStatement: { statements: sets.map((set) => ({ ipSetReferenceStatement: { arn: set.attrArn } })) } },
                },
              },
              visibilityConfig: metrics('OnlyTheContactCentre'),
            },
          ];
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name,
      description: 'The staff console firewall - managed rules, rate limits, the contact centre addresses when given, no logging',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metrics(name),
      customResponseBodies: {
        [TOO_MANY]: { contentType: 'TEXT_PLAIN', content: 'Too many requests from your connection. Please wait a few minutes and try again.' },
        [NOT_FROM_HERE]: { contentType: 'TEXT_PLAIN', content: "The staff console can only be used from the contact centre's network. Connect to it (or its VPN) and try again." },
      },
      rules: [
        ...onlyFrom,
        managed(1, 'AWSManagedRulesAmazonIpReputationList'),
        ...(sets.length > 0 ? [] : [{
          name: 'SignInRateLimit',
          priority: 2,
          action: rateLimited(CONSOLE_SIGN_IN_RATE_LIMIT.windowSeconds),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: CONSOLE_SIGN_IN_RATE_LIMIT.limit,
              evaluationWindowSec: CONSOLE_SIGN_IN_RATE_LIMIT.windowSeconds,
              scopeDownStatement: { orStatement: { statements: CONSOLE_SIGN_IN_PATHS.map(startsWith) } },
            },
          },
          visibilityConfig: metrics('SignInRateLimit'),
        }]),
        {
          name: 'GeneralRateLimit',
          priority: 3,
          action: rateLimited(CONSOLE_GENERAL_RATE_LIMIT.windowSeconds),
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: CONSOLE_GENERAL_RATE_LIMIT.limit, evaluationWindowSec: CONSOLE_GENERAL_RATE_LIMIT.windowSeconds } },
          visibilityConfig: metrics('ConsoleGeneralRateLimit'),
        },
        managed(4, 'AWSManagedRulesCommonRuleSet', COMMON_RULES_ON_THE_BODY.map((rule) => ({ name: rule, actionToUse: { count: {} } }))),
        managed(5, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }
}
