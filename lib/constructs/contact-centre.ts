/**
 * The contact centre: staff sign-in (a Cognito user pool with the groups call-agents, analysts and
 * supervisors, checked by an API Gateway JWT authorizer and again by each function), the hotline
 * intake, and the review API through which every contact is sanitised and approved before its
 * force sees it, on an HTTP API of its own. Each function gets exactly the access its step needs.
 */
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  CustomThreatProtectionMode,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STAFF_GROUPS } from '../../functions/configuration/stack-names.ts';
import { functionsOf } from '../route-registry.ts';
import { isProduction, resourcePrefix, type Stage, type StaffSignInUrls, UNCONFIGURED_STAFF_SIGN_IN } from '../stage.ts';
import type { ForceQueues } from './force-queues.ts';
import type { SealingKey } from './sealing-key.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';
import { addRoutesOf, routeFunction } from './route-functions.ts';
import { ServiceHttpApi, type Throttle } from './service-http-api.ts';
import { StaffConsole } from './staff-console.ts';
import { variableOf } from '../../functions/configuration/settings.ts';

export const REVIEW_METRICS_NAMESPACE = 'PoliceReporting';
/** Must match the metric functions/handlers/measure-review-backlog.ts publishes. */
const OLDEST_AWAITING_REVIEW_METRIC = 'OldestContactAwaitingReviewSeconds';

export interface ContactCentreProps {
  readonly stage: Stage;
  readonly table: ITable;
  readonly intakeQueue: IQueue;
  readonly forceQueues: ForceQueues;
  readonly originalsKey: SealingKey;
  readonly intakeKey: SealingKey;
  readonly followUpCodeKey: SealingKey;
  readonly paging: Paging;
  /** How long a contact may wait for review before an operator is paged. */
  readonly reviewAlarmAfter?: Duration;
  /** The staff console's callback and sign-out URLs (lib/stage.ts staffSignInUrls). */
  readonly signIn: StaffSignInUrls;
  /** The staff console's web ACL (lib/constructs/console-protection.ts), from the Edge stack. */
  readonly consoleWebAclArn: string;
}

/** How long staff tokens last: access and id tokens a quarter of an hour, a refresh token a working shift. */
export const STAFF_TOKEN_VALIDITY = {
  access: Duration.minutes(15),
  id: Duration.minutes(15),
  refresh: Duration.hours(8),
} as const;

/** The contact centre's API as a whole: a few dozen staff at their desks. */
export const CONTACT_CENTRE_THROTTLE: Throttle = { rateLimit: 25, burstLimit: 50 };

export class ContactCentre extends Construct {
  /** The contact centre's own HTTP API: the staff routes only, each behind the staff authorizer. */
  readonly api: HttpApi;
  readonly userPool: UserPool;
  /** Managed login, where the staff console's authorization code grant starts. */
  readonly domain: UserPoolDomain;
  readonly staffClient: UserPoolClient;
  /** The issuer staff tokens must come from: what every staff function checks. */
  readonly staffIssuer: string;
  /** The staff console, on an origin of its own (lib/constructs/staff-console.ts). */
  readonly staffConsole: StaffConsole;

  constructor(scope: Construct, id: string, props: ContactCentreProps) {
    super(scope, id);
    const { stage } = props;
    const prefix = resourcePrefix(stage);

    this.userPool = new UserPool(this, 'StaffPool', {
      userPoolName: `${prefix}-contact-centre-staff`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      // Threat protection (the Plus plan's): compromised credentials and risky sign-ins are
      // blocked or challenged, not only counted. Custom auth is not an allowed flow of any client,
      // but should one be added, it is protected too.
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customThreatProtectionMode: CustomThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: isProduction(stage),
      removalPolicy: isProduction(stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const group of STAFF_GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }
    // Managed login: Cognito's own sign-in pages, which the authorization code grant starts at.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `${prefix}-staff-${Stack.of(this).account}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // The staff console, on its own origin: its address is where sign-in comes back to.
    this.staffConsole = new StaffConsole(this, 'StaffConsole', { stage, signInUrl: this.domain.baseUrl(), webAclArn: props.consoleWebAclArn });
    // The staff console is a public client (no secret: a browser cannot keep one) that signs in
    // with the authorization code grant and PKCE, and nothing else.
    this.staffClient = this.userPool.addClient('StaffClient', {
      userPoolClientName: `${prefix}-contact-centre`,
      generateSecret: false,
      // Outside managed login, SRP only: the password never leaves the browser. Never
      // USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH or custom auth; refresh tokens are allowed.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        // openid for the id token; the staff functions read cognito:groups and username from the
        // access token, which carries them without any further scope. No profile, email or phone
        // (not needed), and never aws.cognito.signin.user.admin (it lets the token change its own user).
        scopes: [OAuthScope.OPENID],
        callbackUrls: [...props.signIn.callbackUrls, this.staffConsole.callbackUrl],
        logoutUrls: [...props.signIn.logoutUrls, this.staffConsole.logoutUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Short-lived tokens: a stolen access token is good for 15 minutes; a refresh token for a
      // working shift at most, and revoked when the member of staff signs out.
      accessTokenValidity: STAFF_TOKEN_VALIDITY.access,
      idTokenValidity: STAFF_TOKEN_VALIDITY.id,
      refreshTokenValidity: STAFF_TOKEN_VALIDITY.refresh,
      authSessionValidity: Duration.minutes(3),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
    new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.staffClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    if (props.signIn.placeholder) {
      Annotations.of(this).addWarningV2(
        'pac:staffSignInUrls',
        `No -c staffCallbackUrls / staffLogoutUrls: the staff client's callback and sign-out URLs are ${[...UNCONFIGURED_STAFF_SIGN_IN.callbackUrls, ...UNCONFIGURED_STAFF_SIGN_IN.logoutUrls].join(', ')}, which receive nothing: staff can sign in only at the console's own CloudFront address (the StaffConsoleUrl output) until the console's own domain is given.`,
      );
    }
    this.staffIssuer = `https://cognito-idp.${Stack.of(this).region}.${Stack.of(this).urlSuffix}/${this.userPool.userPoolId}`;
    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', this.userPool, { userPoolClients: [this.staffClient] });

    // Every staff route, from the route registry (lib/route-registry.ts), and exactly what its
    // function may do: the table access it needs, whether it may seal or open originals, queue a
    // report for routing, or put one on a force's queue.
    const resources = {
      stage,
      table: props.table,
      intakeQueue: props.intakeQueue,
      forceQueues: props.forceQueues,
      originalsKey: props.originalsKey,
      intakeKey: props.intakeKey,
      followUpCodeKey: props.followUpCodeKey,
      environment: { [variableOf('staffIssuer')]: this.staffIssuer, [variableOf('staffClientIds')]: this.staffClient.userPoolClientId },
    };
    this.api = new ServiceHttpApi(this, {
      stage,
      name: 'contact-centre',
      description: "The contact centre's API: staff only",
      throttle: CONTACT_CENTRE_THROTTLE,
    }).api;
    for (const spec of functionsOf('contact-centre')) addRoutesOf(this.api, spec, routeFunction(this, spec, resources), authorizer);

    const limit = props.reviewAlarmAfter ?? Duration.hours(48);
    this.staffConsole.addScreens({
      table: props.table,
      intakeQueue: props.intakeQueue,
      intakeKey: props.intakeKey,
      followUpCodeKey: props.followUpCodeKey,
      originalsKey: props.originalsKey,
      forceQueues: props.forceQueues,
      staffIssuer: this.staffIssuer, staffClientId: this.staffClient.userPoolClientId, reviewAlarmAfter: limit });

    // How long the oldest contact has waited for review, measured every 15 minutes; pages past the limit.
    const backlog = new ReportingFunction(this, 'MeasureReviewBacklog', {
      stage,
      handlerModule: 'functions/handlers/measure-review-backlog.ts',
      description: 'Publishes how long the oldest contact has waited for review',
      environment: { POWERTOOLS_METRICS_NAMESPACE: REVIEW_METRICS_NAMESPACE },
    });
    backlog.bindTable(props.table);
    new Rule(this, 'MeasureReviewBacklogSchedule', { schedule: Schedule.rate(Duration.minutes(15)), targets: [new LambdaFunction(backlog)] });
    props.paging.page(
      this,
      'ReviewBacklogAlarm',
      `A contact has waited more than ${limit.toHumanString()} for review.`,
      new Metric({
        namespace: REVIEW_METRICS_NAMESPACE,
        metricName: OLDEST_AWAITING_REVIEW_METRIC,
        dimensionsMap: { service: 'police-reporting' },
        statistic: 'Maximum',
        period: Duration.minutes(15),
      }),
      limit.toSeconds(),
    );
  }
}
