/**
 * The contact centre's staff console: server-rendered pages for call agents, analysts and
 * supervisors, on an origin of its own, never the public website's. In AWS that is a CloudFront
 * distribution of its own in front of an HTTP API of its own (the console's functions, which also
 * serve its one stylesheet), with its own strict Content-Security-Policy
 * (functions/pages/console/security-headers.ts). Locally the same functions are served on an
 * address of their own (local/stack.ts `consoleUrl`).
 *
 * Staff sign in through the staff user pool's managed login (authorization code with PKCE); the
 * console's functions exchange the code themselves and keep the access token, encrypted under a
 * secret Secrets Manager generates at deploy, in a `__Host-` cookie (HttpOnly, Secure,
 * SameSite=Strict) that CloudFront forwards only to the console's API. CloudFront adds a secret
 * header to every request it sends that API (CloudFrontOriginSecret, as the public site's), and
 * the console's functions refuse a request without it, so the API's own execute-api address, and
 * the firewall it would go around, cannot be used. The staff API's own
 * authorizer and the functions' token check are unchanged: the console's functions check the same
 * token the same way, and act through the same use cases, as the person signed in.
 */
import { type CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { HttpMethod, type CfnApi, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { variableOf } from '../../functions/configuration/settings.ts';
import { consoleSecurityHeaders } from '../../functions/pages/console/security-headers.ts';
import { resourcePrefix, type Stage } from '../stage.ts';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { CloudFrontOriginSecret } from './cloudfront-origin-secret.ts';
import { ReportingFunction } from './reporting-function.ts';
import type { SealingKey } from './sealing-key.ts';
import type { ForceQueues } from './force-queues.ts';
import { ServiceHttpApi, type Throttle } from './service-http-api.ts';

/** Template metadata marking the console's API and distribution, so the local stack serves them on an address of their own. */
export const CONSOLE_ORIGIN_METADATA = 'pac:origin';
export const CONSOLE_ORIGIN = 'staff-console';

/** The console's cookies: the only ones CloudFront passes on, and only to the console's API (functions/adapters/console-session.ts). */
export const CONSOLE_COOKIES = ['__Host-pac-staff-session', '__Host-pac-staff-sign-in'] as const;
/** The sign-in's return carries these. */
export const CONSOLE_QUERY_PARAMETERS = ['code', 'state', 'error', 'error_description', 'search', 'done'] as const;
/** A form post's type, and where it comes from (the CSRF check's second half). */
export const CONSOLE_FORWARDED_HEADERS = ['Content-Type', 'Origin'] as const;
export const CONSOLE_THROTTLE: Throttle = { rateLimit: 25, burstLimit: 50 };

/** Each of the console's functions, its routes, and whether it reads the report table. */
export const CONSOLE_SCREENS = [
  {
    name: 'ConsoleSession',
    handlerModule: 'functions/handlers/console-session.ts',
    description: 'The staff console: sign-in (authorization code with PKCE), sign-out, and its front page',
    routes: [
      ['GET', '/'],
      ['GET', '/sign-in'],
      ['GET', '/signed-in'],
      ['POST', '/sign-out'],
      ['GET', '/signed-out'],
      ['GET', '/assets/console.css'],
    ],
    table: false,
  },
  {
    name: 'ConsoleQueue',
    handlerModule: 'functions/handlers/console-queue.ts',
    description: 'The staff console: the queue, what waits at each stage and the contacts awaiting review',
    routes: [['GET', '/queue']],
    table: true,
  },
  {
    name: 'ConsolePhoneReport',
    handlerModule: 'functions/handlers/console-phone-report.ts',
    description: "The staff console: a call agent's phone report form, and the reference and code to read back",
    routes: [
      ['GET', '/phone-report'],
      ['POST', '/phone-report'],
    ],
    table: true,
    takesReports: true,
  },
  {
    name: 'ConsoleReview',
    handlerModule: 'functions/handlers/console-review.ts',
    description: "The staff console: an analyst's review of one contact: the original with its flagged details, the sanitised version, the force, a split, a closure proposed",
    routes: [
      ['GET', '/review/{reference}'],
      ['POST', '/review/{reference}/sanitised'],
      ['POST', '/review/{reference}/closure'],
      ['POST', '/review/{reference}/links/{otherReference}'],
      ['GET', '/review/{reference}/force'],
      ['POST', '/review/{reference}/force'],
      ['POST', '/review/{reference}/split'],
    ],
    table: true,
    opensOriginals: true,
  },
  {
    name: 'ConsoleApproval',
    handlerModule: 'functions/handlers/console-approval.ts',
    description: "The staff console: a supervisor's approval (original and sanitised side by side), return to the analyst, closures to confirm, and answers to approve",
    routes: [
      ['GET', '/approvals'],
      ['GET', '/approvals/{reference}'],
      ['POST', '/approvals/{reference}/approval'],
      ['POST', '/approvals/{reference}/return'],
      ['GET', '/closures'],
      ['POST', '/closures/{reference}/confirmation'],
      ['GET', '/answers'],
      ['GET', '/answers/{reference}/{answerId}'],
      ['POST', '/answers/{reference}/{answerId}/approval'],
    ],
    table: true,
    opensOriginals: true,
    disseminates: true,
  },
  {
    name: 'ConsoleKeepingInContact',
    handlerModule: 'functions/handlers/console-keeping-in-contact.ts',
    description: "The staff console: keeping in contact: forces' questions to relay, and answers to sanitise",
    routes: [
      ['GET', '/questions'],
      ['POST', '/questions/{reference}/{questionId}/relay'],
      ['GET', '/answers-to-sanitise'],
      ['GET', '/answers-to-sanitise/{reference}/{answerId}'],
      ['POST', '/answers-to-sanitise/{reference}/{answerId}'],
    ],
    table: true,
    opensOriginals: true,
  },
  {
    // Apart from the analysts' screens: call agents reach a function that checks codes and seals a
    // caller's words, never one that may open an original.
    name: 'ConsolePhoneAnswer',
    handlerModule: 'functions/handlers/console-phone-answer.ts',
    description: "The staff console: a caller's answer or added information by phone, once their reference and follow-up code match",
    routes: [
      ['GET', '/phone-answer'],
      ['POST', '/phone-answer'],
    ],
    table: true,
    sealsOriginals: true,
    checksCodes: true,
  },
] as const satisfies readonly {
  name: string;
  handlerModule: string;
  description: string;
  routes: readonly (readonly ['GET' | 'POST', string])[];
  table: boolean;
  /** Takes reports in: sends to the intake queue, sealed under the intake key, and issues follow-up codes. */
  takesReports?: boolean;
  /** Opens reporters' originals for review (the originals key, and the data keys table). */
  opensOriginals?: boolean;
  /** Sends approved reports to the forces' queues. */
  disseminates?: boolean;
  /** Seals a caller's own words (an answer or added information taken by phone) under the originals key. */
  sealsOriginals?: boolean;
  /** Checks a caller's follow-up code as the reporter's own follow-up routes do (the follow-up code key, opened only). */
  checksCodes?: boolean;
}[];

export interface StaffConsoleProps {
  readonly stage: Stage;
  /** The staff user pool's managed login: `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly signInUrl: string;
  /** Its web ACL (lib/constructs/console-protection.ts), made in us-east-1 by the Edge stack. */
  readonly webAclArn: string;
}

export interface StaffConsoleScreensProps {
  readonly table: ITable;
  readonly intakeQueue: IQueue;
  readonly intakeKey: SealingKey;
  readonly followUpCodeKey: SealingKey;
  readonly originalsKey: SealingKey;
  readonly staffIssuer: string;
  readonly staffClientId: string;
  readonly reviewAlarmAfter: Duration;
  readonly forceQueues: ForceQueues;
}

export class StaffConsole extends Construct {
  readonly api: HttpApi;
  readonly distribution: Distribution;
  /** https://<the distribution's domain name> */
  readonly url: string;
  readonly callbackUrl: string;
  readonly logoutUrl: string;
  private readonly stage: Stage;
  private readonly signInUrl: string;
  private readonly sessionKey: Secret;
  /** What CloudFront sends the console's API, which the console's functions check (functions/adapters/console-http.ts). */
  readonly originSecret: CloudFrontOriginSecret;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    this.stage = props.stage;
    this.signInUrl = props.signInUrl;

    this.sessionKey = new Secret(this, 'SessionKey', {
      secretName: `${resourcePrefix(props.stage)}-staff-console-session`,
      description: "The key the staff console's session cookies are encrypted under",
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Nothing is lost with it: a new key only signs everyone out.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.sessionKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "No automatic rotation: the console's functions are given it by a dynamic reference resolved at deploy. Putting a new value and deploying rotates it; its only effect is that everyone signed in signs in again. Sessions last 15 minutes whatever the key.",
    });

    this.originSecret = new CloudFrontOriginSecret(this, 'CloudFrontOrigin', {
      stage: props.stage,
      name: 'staff-console-origin',
      versionContext: 'consoleOriginSecretVersion',
      describes: "What CloudFront sends the staff console's API in its origin header; the console's functions refuse requests without it",
    });

    const service = new ServiceHttpApi(this, { stage: props.stage, name: 'staff-console', description: "The contact centre's staff console: pages", throttle: CONSOLE_THROTTLE });
    this.api = service.api;
    (this.api.node.defaultChild as CfnApi).addMetadata(CONSOLE_ORIGIN_METADATA, CONSOLE_ORIGIN);

    const headers = consoleSecurityHeaders(props.signInUrl);
    const responseHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: "The staff console's security headers (functions/pages/console/security-headers.ts)",
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: headers['Content-Security-Policy'] ?? '', override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        contentTypeOptions: { override: true },
      },
      customHeadersBehavior: {
        customHeaders: ['Cache-Control', 'Permissions-Policy', 'Cross-Origin-Opener-Policy', 'Cross-Origin-Resource-Policy'].map((header) => ({
          header,
          value: headers[header] ?? '',
          override: true,
        })),
      },
      removeHeaders: ['Server'],
    });
    const pages = new OriginRequestPolicy(this, 'PageRequests', {
      comment: "To the staff console's API: its own cookies, the sign-in's return parameters, a form's type and origin",
      cookieBehavior: OriginRequestCookieBehavior.allowList(...CONSOLE_COOKIES),
      headerBehavior: OriginRequestHeaderBehavior.allowList(...CONSOLE_FORWARDED_HEADERS),
      queryStringBehavior: OriginRequestQueryStringBehavior.allowList(...CONSOLE_QUERY_PARAMETERS),
    });
    for (const policy of [responseHeaders, pages]) (policy.node.defaultChild as CfnResource).addMetadata(CONSOLE_ORIGIN_METADATA, CONSOLE_ORIGIN);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Police anti-corruption reporting: the contact centre's staff console (${props.stage})`,
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: new HttpOrigin(`${this.api.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`, {
          customHeaders: this.originSecret.originHeaders,
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: pages,
        responseHeadersPolicy: responseHeaders,
      },
    });
    const cfnDistribution = this.distribution.node.defaultChild as CfnDistribution;
    cfnDistribution.addMetadata(CONSOLE_ORIGIN_METADATA, CONSOLE_ORIGIN);
    for (const [ruleId, reason] of Object.entries(DISTRIBUTION_ACKNOWLEDGEMENTS)) Validations.of(cfnDistribution).acknowledge({ id: ruleId, reason });
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.callbackUrl = `${this.url}/signed-in`;
    this.logoutUrl = `${this.url}/signed-out`;

  }

  /** The console's functions and their routes, once the staff client (whose id they need) exists. */
  addScreens(props: StaffConsoleScreensProps): ReportingFunction[] {
    const environment = {
      [variableOf('staffIssuer')]: props.staffIssuer,
      [variableOf('staffClientIds')]: props.staffClientId,
      [variableOf('staffSignInUrl')]: this.signInUrl,
      [variableOf('consoleUrl')]: this.url,
      [variableOf('consoleSessionKey')]: this.sessionKey.secretValue.unsafeUnwrap(),
      ...this.originSecret.functionEnvironment,
    };
    return CONSOLE_SCREENS.map((screen) => {
      const fn = new ReportingFunction(this, screen.name, {
        stage: this.stage,
        handlerModule: screen.handlerModule,
        description: screen.description,
        environment: screen.table ? { ...environment, [variableOf('reviewAlarmAfterSeconds')]: String(props.reviewAlarmAfter.toSeconds()) } : environment,
      });
      if (screen.table) fn.bindTable(props.table);
      if ('takesReports' in screen && screen.takesReports) {
        fn.addEnvironment(variableOf('intakeQueueUrl'), props.intakeQueue.queueUrl);
        props.intakeQueue.grantSendMessages(fn);
        fn.addEnvironment(variableOf('intakeKeyId'), props.intakeKey.key.keyArn);
        props.intakeKey.grantSeal(fn);
        fn.addEnvironment(variableOf('followUpCodeKeyId'), props.followUpCodeKey.key.keyArn);
        props.followUpCodeKey.grantOpen(fn);
        props.followUpCodeKey.grantSeal(fn);
      }
      if ('opensOriginals' in screen && screen.opensOriginals) {
        fn.addEnvironment(variableOf('originalsKeyId'), props.originalsKey.key.keyArn);
        props.originalsKey.grantOpen(fn);
      }
      if ('sealsOriginals' in screen && screen.sealsOriginals) {
        fn.addEnvironment(variableOf('originalsKeyId'), props.originalsKey.key.keyArn);
        props.originalsKey.grantSeal(fn);
      }
      if ('checksCodes' in screen && screen.checksCodes) {
        fn.addEnvironment(variableOf('followUpCodeKeyId'), props.followUpCodeKey.key.keyArn);
        props.followUpCodeKey.grantOpen(fn);
      }
      if ('disseminates' in screen && screen.disseminates) {
        fn.addEnvironment(variableOf('reportQueueNameTemplate'), props.forceQueues.queueNameTemplate);
        props.forceQueues.grantDisseminate(fn);
      }
      const integration = new HttpLambdaIntegration(`${screen.name}Integration`, fn);
      for (const [method, routePath] of screen.routes) {
        const [route] = this.api.addRoutes({ path: routePath, methods: [HttpMethod[method]], integration });
        Validations.of(route!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "The console's pages authenticate in the function, by the session cookie holding the staff access token, checked as the staff API's authorizer checks it (the pool's keys, issuer, client); the sign-in pages must open to someone not yet signed in.",
        });
      }
      return fn;
    });
  }
}

const DISTRIBUTION_ACKNOWLEDGEMENTS: Readonly<Record<string, string>> = {
  'AwsSolutions-CFR1': 'No geo restriction: contact-centre staff may work from anywhere; every page needs a staff sign-in with MFA.',
  'AwsSolutions-CFR3': 'Access logs off, as on the public site: they would record IP addresses and user agents. The console API keeps its access log, which holds none.',
  'AwsSolutions-CFR4': 'The default *.cloudfront.net certificate, until the console has its own domain and an ACM certificate in us-east-1.',
};

