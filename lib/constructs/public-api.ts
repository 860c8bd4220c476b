/**
 * The public API: an HTTP API whose public routes take reports in and let reporters follow them
 * up with their reference and follow-up code (the website's pages among them). Its access log holds
 * what operators need to run it (time, route, status, latency) and by construction leaves out
 * the source IP, user agent and every header.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionsOf } from '../route-registry.ts';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';
import type { SealingKey } from './sealing-key.ts';
import type { Paging } from './paging.ts';
import type { ReportingFunction } from './reporting-function.ts';
import { addRoutesOf, routeFunction } from './route-functions.ts';

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

  constructor(scope: Construct, id: string, props: { stage: Stage; table: ITable; intakeQueue: IQueue; originalsKey: SealingKey; intakeKey: SealingKey; paging: Paging }) {
    super(scope, id);
    // Every public function the route registry (lib/route-registry.ts) gives this API: those that
    // take reports in (the API's and the website form's) and those that open reports with a
    // follow-up code and may seal what the reporter writes (the API's and the website's pages).
    const functions = functionsOf('public-api').map((spec) => ({
      spec,
      fn: routeFunction(this, spec, {
        stage: props.stage,
        table: props.table,
        intakeQueue: props.intakeQueue,
        originalsKey: props.originalsKey,
        intakeKey: props.intakeKey,
      }),
    }));
    this.submitReport = functions.find(({ spec }) => spec.name === 'SubmitReport')!.fn;

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
    for (const { spec, fn } of functions) addRoutesOf(this.api, spec, fn);

    props.paging.page(
      this,
      'SubmitErrorsAlarm',
      'Reports are being refused with server errors: the public cannot report.',
      this.submitReport.metricErrors({ period: Duration.minutes(5) }),
      1,
    );
  }
}
