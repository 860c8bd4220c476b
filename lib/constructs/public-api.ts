/**
 * The public API: an HTTP API whose only public route takes reports in. Its access log holds
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
import { IDEMPOTENCY_PARTITION } from '../../functions/adapters/http/idempotent-submission.ts';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
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

export class PublicApi extends Construct {
  readonly api: HttpApi;
  readonly submitReport: ReportingFunction;

  constructor(scope: Construct, id: string, props: { stage: Stage; table: ITable; intakeQueue: IQueue; paging: Paging }) {
    super(scope, id);
    this.submitReport = new ReportingFunction(this, 'SubmitReport', {
      stage: props.stage,
      handlerModule: 'functions/handlers/submit-report.ts',
      description: 'POST /reports: takes a report in, gives it a reference and queues it for routing',
    });
    this.submitReport.bindTable(props.table, 'write');
    // Idempotent submission reads back its own records, and nothing else in the table.
    this.submitReport.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [IDEMPOTENCY_PARTITION] } },
      }),
    );
    this.submitReport.addEnvironment('INTAKE_QUEUE_URL', props.intakeQueue.queueUrl);
    props.intakeQueue.grantSendMessages(this.submitReport);

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
    const [submitRoute] = this.api.addRoutes({
      path: '/reports',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('SubmitReportIntegration', this.submitReport),
    });
    Validations.of(submitRoute!).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Anyone may report, without an account and anonymously: that is the service. Throttled at the stage.',
    });

    props.paging.page(
      this,
      'SubmitErrorsAlarm',
      'Reports are being refused with server errors: the public cannot report.',
      this.submitReport.metricErrors({ period: Duration.minutes(5) }),
      1,
    );
  }
}
