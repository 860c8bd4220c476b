/**
 * The public API: an HTTP API whose public routes take reports in and let reporters follow them
 * up with their reference and follow-up code (the website's pages among them). Its access log holds
 * what operators need to run it (time, route, status, latency) and by construction leaves out
 * the source IP, user agent and every header.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IDEMPOTENCY_PARTITION } from '../../functions/adapters/stack-names.ts';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { OriginalsKey } from './originals-key.ts';
import type { Paging } from './paging.ts';
import { ReportingFunction } from './reporting-function.ts';

/** The access log's fields. Nothing that could identify a reporter may be added here. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
} as const;

interface PublicRoute {
  readonly method: HttpMethod;
  readonly path: string;
}

/**
 * Every public function and its routes. `takes` functions take reports in (the API's and the
 * website form's); `follows` functions open reports with a follow-up code and may seal what the
 * reporter writes (the API's and the website's follow-up pages).
 */
const PUBLIC_FUNCTIONS: readonly { name: string; handler: string; role: 'takes' | 'follows'; what: string; routes: readonly PublicRoute[] }[] = [
  { name: 'SubmitReport', handler: 'submit-report', role: 'takes', what: 'takes a report in, gives it a reference and follow-up code, and queues it for routing', routes: [{ method: HttpMethod.POST, path: '/reports' }] },
  { name: 'ReportForm', handler: 'report-form', role: 'takes', what: "the website's report form, with or without JavaScript", routes: [{ method: HttpMethod.GET, path: '/report' }, { method: HttpMethod.POST, path: '/report' }] },
  { name: 'OpenReport', handler: 'open-report', role: 'follows', what: 'a reporter sees where their report stands and the questions relayed to them', routes: [{ method: HttpMethod.POST, path: '/reports/{reference}/follow-up' }] },
  { name: 'AnswerQuestion', handler: 'answer-question', role: 'follows', what: 'a reporter answers a relayed question', routes: [{ method: HttpMethod.POST, path: '/reports/{reference}/answers' }] },
  { name: 'AddInformation', handler: 'add-information', role: 'follows', what: 'a reporter adds information to their report', routes: [{ method: HttpMethod.POST, path: '/reports/{reference}/information' }] },
  {
    name: 'FollowUpPages',
    handler: 'follow-up-pages',
    role: 'follows',
    what: "the website's pages for a reporter coming back to their report",
    routes: [
      { method: HttpMethod.GET, path: '/follow-up' },
      { method: HttpMethod.POST, path: '/follow-up' },
      { method: HttpMethod.POST, path: '/follow-up/answer' },
      { method: HttpMethod.POST, path: '/follow-up/information' },
    ],
  },
];

export class PublicApi extends Construct {
  readonly api: HttpApi;
  readonly submitReport: ReportingFunction;

  constructor(scope: Construct, id: string, props: { stage: Stage; table: ITable; intakeQueue: IQueue; originalsKey: OriginalsKey; paging: Paging }) {
    super(scope, id);
    const functions = PUBLIC_FUNCTIONS.map((spec) => {
      const fn = new ReportingFunction(this, spec.name, {
        stage: props.stage,
        handlerModule: `functions/handlers/${spec.handler}.ts`,
        description: `${spec.routes.map((r) => `${r.method} ${r.path}`).join(', ')}: ${spec.what}`,
        // A follow-up code is checked, or a new one hashed, with scrypt: it wants the memory, and the CPU that comes with it.
        memorySize: 1024,
      });
      if (spec.role === 'takes') {
        // Writes the reservation and the follow-up code's hash; reads back its own idempotency records and nothing else.
        fn.bindTable(props.table, 'write');
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['dynamodb:GetItem'],
            resources: [props.table.tableArn],
            conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [IDEMPOTENCY_PARTITION] } },
          }),
        );
        fn.addEnvironment('INTAKE_QUEUE_URL', props.intakeQueue.queueUrl);
        props.intakeQueue.grantSendMessages(fn);
      } else {
        fn.bindTable(props.table, 'read-write');
        fn.addEnvironment('ORIGINALS_KEY_ID', props.originalsKey.key.keyArn);
        props.originalsKey.grantSeal(fn);
      }
      return { spec, fn };
    });
    this.submitReport = functions[0]!.fn;

    this.api = new HttpApi(this, 'Api', {
      apiName: `${resourcePrefix(props.stage)}-public`,
      description: 'The public reporting API',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: isProduction(props.stage) ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      removalPolicy: isProduction(props.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    for (const { spec, fn } of functions) {
      const integration = new HttpLambdaIntegration(`${spec.name}Integration`, fn);
      for (const route of spec.routes) {
        const [added] = this.api.addRoutes({ path: route.path, methods: [route.method], integration });
        Validations.of(added!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            spec.role === 'takes'
              ? 'Anyone may report, without an account and anonymously: that is the service. Throttled at the stage.'
              : 'Reporters follow up anonymously: the reference and follow-up code are the authorisation, checked by the function, ten wrong codes an hour per reference.',
        });
      }
    }

    props.paging.page(
      this,
      'SubmitErrorsAlarm',
      'Reports are being refused with server errors: the public cannot report.',
      this.submitReport.metricErrors({ period: Duration.minutes(5) }),
      1,
    );
  }
}
