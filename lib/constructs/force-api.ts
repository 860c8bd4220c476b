/**
 * The force API: what a force's own systems may do about the reports disseminated to it, through
 * a machine client of the force user pool that names that force, and nothing about any other
 * force's reports (those do not exist for it: 404).
 */
import { HttpMethod, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { Stage } from '../stage.ts';
import type { ForceAccess } from './force-access.ts';
import { ReportingFunction } from './reporting-function.ts';

export class ForceApi extends Construct {
  constructor(scope: Construct, id: string, props: { stage: Stage; api: HttpApi; table: ITable; forceAccess: ForceAccess }) {
    super(scope, id);
    const route = (path: string, method: HttpMethod, fn: ReportingFunction) =>
      props.api.addRoutes({
        path,
        methods: [method],
        authorizer: props.forceAccess.authorizer,
        integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn),
      });

    const ask = new ReportingFunction(this, 'AskQuestion', {
      stage: props.stage,
      handlerModule: 'functions/handlers/ask-question.ts',
      description: 'POST /force/reports/{reference}/questions: a force asks the reporter a question',
    });
    ask.bindTable(props.table, 'read-write');
    props.forceAccess.bindForceAuthentication(ask);
    route('/force/reports/{reference}/questions', HttpMethod.POST, ask);
  }
}
