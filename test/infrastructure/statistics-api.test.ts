/**
 * What the operator deploys for the statistics API, in a template of its own: GET /stats open to
 * anyone (no authorizer), served by a function that may query the statistics items of the report
 * table and nothing else: no report, no write, no queue, no key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { unbundledContext } from '../../lib/app-context.ts';
import { ReportStore } from '../../lib/constructs/report-store.ts';
import { CloudFrontOriginSecret } from '../../lib/constructs/cloudfront-origin-secret.ts';
import { addRoutesOf } from '../../lib/constructs/route-functions.ts';
import { StatisticsApi } from '../../lib/constructs/statistics-api.ts';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };

const build = (app: App) => {
  const stack = new Stack(app, 'StatisticsApi-dev');
  const store = new ReportStore(stack, 'ReportStore', { stage: 'dev' });
  const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
  new StatisticsApi(stack, 'StatisticsApi', { stage: 'dev', publicApi: { addPublicRoutes: (spec, fn) => void addRoutesOf(api, spec, fn), originSecret: new CloudFrontOriginSecret(stack, 'Origin', { stage: 'dev' }) }, table: store.table });
  return { stack, store, api };
};

const { stack, store } = build(new App({ context: unbundledContext() }));
const template = Template.fromStack(stack);
const json = template.toJSON() as { Resources: Record<string, Resource> };
const resources = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const tableId = stack.getLogicalId(store.table.node.defaultChild as never);

const [[, fn]] = resources('AWS::Lambda::Function') as [[string, Resource]];
const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
const statements = [...resources('AWS::IAM::Policy'), ...resources('AWS::IAM::ManagedPolicy')]
  .filter(([, p]) => (p.Properties.Roles ?? []).some((role: { Ref: string }) => role.Ref === roleId))
  .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the statistics API', () => {
  it('serves GET /stats from the statistics function, to anyone: no authorizer', () => {
    const routes = resources('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    assert.deepEqual(
      routes.map((r) => r.RouteKey),
      ['GET /stats'],
    );
    assert.equal(routes[0]!.AuthorizationType, 'NONE');
    assert.equal(routes[0]!.AuthorizerId, undefined);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    assert.equal(fn.Metadata?.['pac:handler'], 'functions/handlers/get-statistics.ts');
    assert.deepEqual(fn.Properties.Environment.Variables.TABLE_NAME, { Ref: tableId });
  });

  it('lets the function query the statistics items of the table, and do nothing else with it', () => {
    const data = statements.filter((s) => actionsOf(s).some((a) => !a.startsWith('logs:') && !a.startsWith('xray:')));
    assert.deepEqual(
      data.map((s) => ({ Effect: s.Effect, Action: s.Action, Resource: s.Resource, Condition: s.Condition })),
      [
        {
          Effect: 'Allow',
          Action: 'dynamodb:Query',
          Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STATS#*'] } },
        },
      ],
    );
    const everything = statements.flatMap(actionsOf);
    for (const forbidden of ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 'kms:Decrypt', 'sqs:ReceiveMessage', '*']) {
      assert.ok(!everything.includes(forbidden), `the statistics function may ${forbidden}`);
    }
  });

  it('raises no cdk-nag AWS Solutions finding that is not acknowledged with a reason', () => {
    const app = new App({ context: unbundledContext() });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    build(app);
    assert.doesNotThrow(() => app.synth());
  });
});
