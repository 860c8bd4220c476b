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
import type { ForceQueues } from './force-queues.ts';
import { ReportingFunction } from './reporting-function.ts';

export class ForceApi extends Construct {
  constructor(scope: Construct, id: string, props: { stage: Stage; api: HttpApi; table: ITable; forceAccess: ForceAccess; forceQueues: ForceQueues }) {
    super(scope, id);
    const route = (path: string, method: HttpMethod, fn: ReportingFunction) =>
      props.api.addRoutes({
        path,
        methods: [method],
        authorizer: props.forceAccess.authorizer,
        integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn),
      });

    const forceFunction = (name: string, handlerModule: string, description: string, access: 'read' | 'read-write') => {
      const fn = new ReportingFunction(this, name, { stage: props.stage, handlerModule, description });
      fn.bindTable(props.table, access);
      props.forceAccess.bindForceAuthentication(fn);
      return fn;
    };

    route('/force/reports', HttpMethod.GET, forceFunction('ListForceReports', 'functions/handlers/list-force-reports.ts', "GET /force/reports: the force's reports, newest first", 'read'));
    route(
      '/force/reports/{reference}',
      HttpMethod.GET,
      forceFunction('ReadForceReport', 'functions/handlers/read-force-report.ts', 'GET /force/reports/{reference}: one report, the read recorded', 'read-write'),
    );
    route(
      '/force/reports/{reference}/outcome',
      HttpMethod.POST,
      forceFunction('RecordOutcome', 'functions/handlers/record-outcome.ts', 'POST …/outcome: the force records what it did', 'read-write'),
    );
    const transfer = forceFunction('TransferReport', 'functions/handlers/transfer-report.ts', 'POST …/transfer: the force passes a report to another force', 'read-write');
    transfer.addEnvironment('REPORT_QUEUE_NAME_TEMPLATE', props.forceQueues.queueNameTemplate);
    props.forceQueues.grantDisseminate(transfer);
    route('/force/reports/{reference}/transfer', HttpMethod.POST, transfer);
    route(
      '/force/reports/{reference}/questions',
      HttpMethod.POST,
      forceFunction('AskQuestion', 'functions/handlers/ask-question.ts', 'POST …/questions: a force asks the reporter a question', 'read-write'),
    );
  }
}
