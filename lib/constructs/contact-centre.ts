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
import { STAFF_GROUPS } from '../../functions/adapters/http/staff-authentication.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { ForceQueues } from './force-queues.ts';
import type { OriginalsKey } from './originals-key.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';

export const REVIEW_METRICS_NAMESPACE = 'PoliceReporting';
/** Must match the metric functions/handlers/measure-review-backlog.ts publishes. */
const OLDEST_AWAITING_REVIEW_METRIC = 'OldestContactAwaitingReviewSeconds';

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

    const staffFunction = (name: string, handlerModule: string, description: string) => {
      const fn = new ReportingFunction(this, name, { stage, handlerModule, description });
      fn.addEnvironment('STAFF_ISSUER', this.staffIssuer);
      fn.addEnvironment('STAFF_CLIENT_IDS', this.staffClient.userPoolClientId);
      return fn;
    };
    const route = (path: string, method: HttpMethod, fn: ReportingFunction) =>
      props.api.addRoutes({ path, methods: [method], authorizer, integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn) });

    const phone = staffFunction('RecordPhoneReport', 'functions/handlers/record-phone-report.ts', 'POST /contact-centre/reports: a call agent records a phone report');
    phone.bindTable(props.table, 'write');
    phone.addEnvironment('INTAKE_QUEUE_URL', props.intakeQueue.queueUrl);
    props.intakeQueue.grantSendMessages(phone);
    route('/contact-centre/reports', HttpMethod.POST, phone);

    const list = staffFunction('ListReviews', 'functions/handlers/list-reviews.ts', 'GET /contact-centre/reviews: contacts awaiting review');
    list.bindTable(props.table, 'read');
    route('/contact-centre/reviews', HttpMethod.GET, list);

    const view = staffFunction('ViewReview', 'functions/handlers/view-review.ts', 'GET /contact-centre/reviews/{reference}: a contact in full, original opened');
    view.bindTable(props.table, 'read-write');
    view.addEnvironment('ORIGINALS_KEY_ID', props.originalsKey.key.keyArn);
    props.originalsKey.grantOpen(view);
    route('/contact-centre/reviews/{reference}', HttpMethod.GET, view);

    for (const [name, handlerModule, path, method, description] of [
      ['SanitiseReport', 'functions/handlers/sanitise-report.ts', 'sanitised', HttpMethod.PUT, 'an analyst writes the sanitised report'],
      ['ChooseForce', 'functions/handlers/choose-force.ts', 'force', HttpMethod.PUT, 'the contact centre chooses the force'],
      ['CloseContact', 'functions/handlers/close-contact.ts', 'closure', HttpMethod.POST, 'the contact centre closes a contact'],
      ['SplitContact', 'functions/handlers/split-contact.ts', 'split', HttpMethod.POST, 'the contact centre splits a contact for several forces'],
    ] as const) {
      const fn = staffFunction(name, handlerModule, `${method} /contact-centre/reviews/{reference}/${path}: ${description}`);
      fn.bindTable(props.table, 'read-write');
      route(`/contact-centre/reviews/{reference}/${path}`, method, fn);
    }

    const approve = staffFunction('ApproveDissemination', 'functions/handlers/approve-dissemination.ts', 'POST /contact-centre/reviews/{reference}/approval: a supervisor approves dissemination');
    approve.bindTable(props.table, 'read-write');
    approve.addEnvironment('REPORT_QUEUE_NAME_TEMPLATE', props.forceQueues.queueNameTemplate);
    props.forceQueues.grantDisseminate(approve);
    route('/contact-centre/reviews/{reference}/approval', HttpMethod.POST, approve);

    // Keeping in contact: forces' questions relayed to reporters, and their answers reviewed.
    const followUps = staffFunction('ListFollowUps', 'functions/handlers/list-follow-ups.ts', 'GET /contact-centre/follow-ups: questions to relay, answers to review');
    followUps.bindTable(props.table, 'read');
    route('/contact-centre/follow-ups', HttpMethod.GET, followUps);

    const relay = staffFunction('RelayQuestion', 'functions/handlers/relay-question.ts', "POST …/questions/{questionId}/relay: relay a force's question to the reporter");
    relay.bindTable(props.table, 'read-write');
    route('/contact-centre/reviews/{reference}/questions/{questionId}/relay', HttpMethod.POST, relay);

    const phoneAnswer = staffFunction('RecordPhoneAnswer', 'functions/handlers/record-phone-answer.ts', 'POST …/questions/{questionId}/answers: a call agent records a reporter\'s answer');
    phoneAnswer.bindTable(props.table, 'read-write');
    phoneAnswer.addEnvironment('ORIGINALS_KEY_ID', props.originalsKey.key.keyArn);
    props.originalsKey.grantSeal(phoneAnswer);
    route('/contact-centre/reports/{reference}/questions/{questionId}/answers', HttpMethod.POST, phoneAnswer);

    const viewAnswer = staffFunction('ViewAnswer', 'functions/handlers/view-answer.ts', "GET …/answers/{answerId}: a reporter's answer in full, opened");
    viewAnswer.bindTable(props.table, 'read-write');
    viewAnswer.addEnvironment('ORIGINALS_KEY_ID', props.originalsKey.key.keyArn);
    props.originalsKey.grantOpen(viewAnswer);
    route('/contact-centre/reviews/{reference}/answers/{answerId}', HttpMethod.GET, viewAnswer);

    const sanitiseAnswer = staffFunction('SanitiseAnswer', 'functions/handlers/sanitise-answer.ts', 'PUT …/answers/{answerId}/sanitised: an analyst writes the answer the force will see');
    sanitiseAnswer.bindTable(props.table, 'read-write');
    route('/contact-centre/reviews/{reference}/answers/{answerId}/sanitised', HttpMethod.PUT, sanitiseAnswer);

    const approveAnswer = staffFunction('ApproveAnswer', 'functions/handlers/approve-answer.ts', 'POST …/answers/{answerId}/approval: a supervisor approves an answer for the force');
    approveAnswer.bindTable(props.table, 'read-write');
    approveAnswer.addEnvironment('REPORT_QUEUE_NAME_TEMPLATE', props.forceQueues.queueNameTemplate);
    props.forceQueues.grantDisseminate(approveAnswer);
    route('/contact-centre/reviews/{reference}/answers/{answerId}/approval', HttpMethod.POST, approveAnswer);

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
