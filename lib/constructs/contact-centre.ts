/**
 * The contact centre: staff sign-in (a Cognito user pool with the groups call-agents, analysts and
 * supervisors, checked by an API Gateway JWT authorizer and again by each function), the hotline
 * intake, and the review API through which every contact is sanitised and approved before its
 * force sees it. Each function gets exactly the access its step needs.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STAFF_GROUPS } from '../../functions/adapters/stack-names.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { ForceQueues } from './force-queues.ts';
import type { OriginalsKey } from './originals-key.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';

export const REVIEW_METRICS_NAMESPACE = 'PoliceReporting';
/** Must match the metric functions/handlers/measure-review-backlog.ts publishes. */
const OLDEST_AWAITING_REVIEW_METRIC = 'OldestContactAwaitingReviewSeconds';

interface StaffRoute {
  readonly name: string;
  /** The module in functions/handlers/, without its extension. */
  readonly handler: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly table: 'read' | 'write' | 'read-write';
  readonly originals?: 'seal' | 'open';
  readonly intake?: boolean;
  readonly disseminates?: boolean;
  readonly what: string;
}

export interface ContactCentreProps {
  readonly stage: Stage;
  readonly api: HttpApi;
  readonly table: ITable;
  readonly intakeQueue: IQueue;
  readonly forceQueues: ForceQueues;
  readonly originalsKey: OriginalsKey;
  readonly paging: Paging;
  /** How long a contact may wait for review before an operator is paged. */
  readonly reviewAlarmAfter?: Duration;
}

export class ContactCentre extends Construct {
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

    // Every staff route, and exactly what its function may do: the table access it needs, whether
    // it may seal or open originals, queue a report for routing, or put one on a force's queue.
    const routes: readonly StaffRoute[] = [
      { name: 'RecordPhoneReport', handler: 'record-phone-report', method: HttpMethod.POST, path: '/contact-centre/reports', table: 'write', intake: true, what: 'a call agent records a phone report' },
      { name: 'ListReviews', handler: 'list-reviews', method: HttpMethod.GET, path: '/contact-centre/reviews', table: 'read', what: 'contacts awaiting review' },
      { name: 'ViewReview', handler: 'view-review', method: HttpMethod.GET, path: '/contact-centre/reviews/{reference}', table: 'read-write', originals: 'open', what: 'a contact in full, original opened' },
      { name: 'SanitiseReport', handler: 'sanitise-report', method: HttpMethod.PUT, path: '/contact-centre/reviews/{reference}/sanitised', table: 'read-write', what: 'an analyst writes the sanitised report' },
      { name: 'ChooseForce', handler: 'choose-force', method: HttpMethod.PUT, path: '/contact-centre/reviews/{reference}/force', table: 'read-write', what: 'the contact centre chooses the force' },
      { name: 'CloseContact', handler: 'close-contact', method: HttpMethod.POST, path: '/contact-centre/reviews/{reference}/closure', table: 'read-write', what: 'a member of staff proposes closing a contact' },
      { name: 'ConfirmClosure', handler: 'confirm-closure', method: HttpMethod.POST, path: '/contact-centre/reviews/{reference}/closure/confirmation', table: 'read-write', what: 'another supervisor confirms a closure' },
      { name: 'SplitContact', handler: 'split-contact', method: HttpMethod.POST, path: '/contact-centre/reviews/{reference}/split', table: 'read-write', what: 'the contact centre splits a contact for several forces' },
      { name: 'ApproveDissemination', handler: 'approve-dissemination', method: HttpMethod.POST, path: '/contact-centre/reviews/{reference}/approval', table: 'read-write', disseminates: true, what: 'a supervisor approves dissemination' },
      // Keeping in contact: forces' questions relayed to reporters, and their answers reviewed.
      { name: 'ListFollowUps', handler: 'list-follow-ups', method: HttpMethod.GET, path: '/contact-centre/follow-ups', table: 'read', what: 'questions to relay, answers to review' },
      { name: 'RelayQuestion', handler: 'relay-question', method: HttpMethod.POST, path: '/contact-centre/reviews/{reference}/questions/{questionId}/relay', table: 'read-write', what: "relay a force's question to the reporter" },
      { name: 'RecordPhoneAnswer', handler: 'record-phone-answer', method: HttpMethod.POST, path: '/contact-centre/reports/{reference}/questions/{questionId}/answers', table: 'read-write', originals: 'seal', what: "a call agent records a reporter's answer" },
      { name: 'ViewAnswer', handler: 'view-answer', method: HttpMethod.GET, path: '/contact-centre/reviews/{reference}/answers/{answerId}', table: 'read-write', originals: 'open', what: "a reporter's answer in full, opened" },
      { name: 'SanitiseAnswer', handler: 'sanitise-answer', method: HttpMethod.PUT, path: '/contact-centre/reviews/{reference}/answers/{answerId}/sanitised', table: 'read-write', what: 'an analyst writes the answer the force will see' },
      { name: 'ApproveAnswer', handler: 'approve-answer', method: HttpMethod.POST, path: '/contact-centre/reviews/{reference}/answers/{answerId}/approval', table: 'read-write', disseminates: true, what: 'a supervisor approves an answer for the force' },
    ];
    for (const spec of routes) {
      const fn = new ReportingFunction(this, spec.name, {
        stage,
        handlerModule: `functions/handlers/${spec.handler}.ts`,
        description: `${spec.method} ${spec.path}: ${spec.what}`,
        environment: { STAFF_ISSUER: this.staffIssuer, STAFF_CLIENT_IDS: this.staffClient.userPoolClientId },
      });
      fn.bindTable(props.table, spec.table);
      if (spec.originals !== undefined) {
        fn.addEnvironment('ORIGINALS_KEY_ID', props.originalsKey.key.keyArn);
        if (spec.originals === 'open') props.originalsKey.grantOpen(fn);
        else props.originalsKey.grantSeal(fn);
      }
      if (spec.intake === true) {
        fn.addEnvironment('INTAKE_QUEUE_URL', props.intakeQueue.queueUrl);
        props.intakeQueue.grantSendMessages(fn);
      }
      if (spec.disseminates === true) {
        fn.addEnvironment('REPORT_QUEUE_NAME_TEMPLATE', props.forceQueues.queueNameTemplate);
        props.forceQueues.grantDisseminate(fn);
      }
      props.api.addRoutes({ path: spec.path, methods: [spec.method], authorizer, integration: new HttpLambdaIntegration(`${spec.name}Integration`, fn) });
    }

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
