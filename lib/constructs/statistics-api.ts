/**
 * The statistics API: `GET /stats` on the public API, for anyone, with no authorizer (the figures
 * are published, and suppressed below 5 per force and month by the function). Its function shares
 * the report table with everything else but may read nothing in it except the statistics items:
 * its only permission is `dynamodb:Query` on the table, for partition keys starting `STATS#`. A
 * public, anonymous function that could read a report would be one bug away from publishing it.
 */
import { Validations } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Stage } from '../stage.ts';
import { ReportingFunction } from './reporting-function.ts';

/** The partition keys of the statistics items (functions/adapters/statistics-store.ts). */
export const STATISTICS_KEYS = 'STATS#*';

export interface StatisticsApiProps {
  readonly stage: Stage;
  readonly api: HttpApi;
  readonly table: ITable;
}

export class StatisticsApi extends Construct {
  readonly getStatistics: ReportingFunction;

  constructor(scope: Construct, id: string, props: StatisticsApiProps) {
    super(scope, id);
    this.getStatistics = new ReportingFunction(this, 'GetStatistics', {
      stage: props.stage,
      handlerModule: 'functions/handlers/get-statistics.ts',
      description: "GET /stats: a force's statistics by month, counts below 5 suppressed",
    });
    this.getStatistics.addEnvironment('TABLE_NAME', props.table.tableName);
    this.getStatistics.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [STATISTICS_KEYS] } },
      }),
    );

    const [route] = props.api.addRoutes({
      path: '/stats',
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('GetStatisticsIntegration', this.getStatistics),
    });
    Validations.of(route!).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Published statistics, never below 5 per force and month: anyone may read them, without an account. Throttled at the stage.',
    });
  }
}
