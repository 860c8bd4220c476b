/**
 * The contact centre: staff sign-in (a Cognito user pool with the groups call-agents, analysts and
 * supervisors, checked by an API Gateway JWT authorizer and again by each function), the hotline
 * intake, and the review API through which every contact is sanitised and approved before its
 * force sees it, on an HTTP API of its own. Each function gets exactly the access its step needs.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STAFF_GROUPS } from '../../functions/configuration/stack-names.ts';
import { functionsOf } from '../route-registry.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { ForceQueues } from './force-queues.ts';
import type { OriginalsKey } from './originals-key.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';
import { addRoutesOf, routeFunction } from './route-functions.ts';
import { ServiceHttpApi, type Throttle } from './service-http-api.ts';
import { variableOf } from '../../functions/configuration/settings.ts';

export const REVIEW_METRICS_NAMESPACE = 'PoliceReporting';
/** Must match the metric functions/handlers/measure-review-backlog.ts publishes. */
const OLDEST_AWAITING_REVIEW_METRIC = 'OldestContactAwaitingReviewSeconds';

export interface ContactCentreProps {
  readonly stage: Stage;
  readonly table: ITable;
  readonly intakeQueue: IQueue;
  readonly forceQueues: ForceQueues;
  readonly originalsKey: OriginalsKey;
  readonly paging: Paging;
  /** How long a contact may wait for review before an operator is paged. */
  readonly reviewAlarmAfter?: Duration;
}

/** The contact centre's API as a whole: a few dozen staff at their desks. */
export const CONTACT_CENTRE_THROTTLE: Throttle = { rateLimit: 25, burstLimit: 50 };

export class ContactCentre extends Construct {
  /** The contact centre's own HTTP API: the staff routes only, each behind the staff authorizer. */
  readonly api: HttpApi;
  readonly userPool: UserPool;
  readonly staffClient: UserPoolClient;
  /** The issuer staff tokens must come from: what every staff function checks. */
  readonly staffIssuer: string;

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
      deletionProtection: isProduction(stage),
      removalPolicy: isProduction(stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const group of STAFF_GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }
    this.staffClient = this.userPool.addClient('StaffClient', {
      userPoolClientName: `${prefix}-contact-centre`,
      authFlows: { userSrp: true },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
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
      environment: { [variableOf('staffIssuer')]: this.staffIssuer, [variableOf('staffClientIds')]: this.staffClient.userPoolClientId },
    };
    this.api = new ServiceHttpApi(this, {
      stage,
      name: 'contact-centre',
      description: "The contact centre's API: staff only",
      throttle: CONTACT_CENTRE_THROTTLE,
    }).api;
    for (const spec of functionsOf('contact-centre')) addRoutesOf(this.api, spec, routeFunction(this, spec, resources), authorizer);

    // How long the oldest contact has waited for review, measured every 15 minutes; pages past the limit.
    const backlog = new ReportingFunction(this, 'MeasureReviewBacklog', {
      stage,
      handlerModule: 'functions/handlers/measure-review-backlog.ts',
      description: 'Publishes how long the oldest contact has waited for review',
      environment: { POWERTOOLS_METRICS_NAMESPACE: REVIEW_METRICS_NAMESPACE },
    });
    backlog.bindTable(props.table, 'read');
    new Rule(this, 'MeasureReviewBacklogSchedule', { schedule: Schedule.rate(Duration.minutes(15)), targets: [new LambdaFunction(backlog)] });
    const limit = props.reviewAlarmAfter ?? Duration.hours(48);
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
