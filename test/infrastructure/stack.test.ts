/**
 * What the operator deploys, asserted in the synthesised stacks: one FIFO queue and DLQ per
 * force and for triage, encryption at rest and in transit, point-in-time recovery and (in prod)
 * deletion protection, least-privilege grants per function, alarms on every DLQ, and an access
 * log that cannot hold a reporter's address. Each assertion reads the stack that holds what it
 * asserts on, or, for what spans the app (every function, each function's grants), every stack's
 * resources as one template with the imports between them resolved.
 */
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA } from '../../lib/constructs/staff-console.ts';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { FORCES } from '../../functions/domain/forces.ts';
import { unbundledContext } from '../../lib/app-context.ts';
import { addReportingStacks, type StackPart } from '../../lib/reporting-stacks.ts';
import { synthesiseApp, synthesisedApp, type Resources } from '../support/synthesised-app.ts';

const devApp = synthesisedApp('dev');
const { Data: devData, Delivery: devDelivery, ContactCentre: devContactCentre, Public: devPublic } = devApp.templates;
const prodData = synthesisedApp('prod').templates.Data;
/** Resources of the type in the part's stack, or in every stack of the app (imports resolved) when no part is given. */
const resources = (type: string, part?: StackPart) =>
  Object.entries(part === undefined ? devApp.merged.Resources : devApp.resources[part]).filter(([, r]) => r.Type === type);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** The IAM statements attached to the role of the function whose handler module is given. */
const statementsOf = (handlerModule: string): Statement[] => {
  const [, fn] = resources('AWS::Lambda::Function').find(([, r]) => (r as any).Metadata?.['pac:handler'] === handlerModule)!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  // CDK moves statements that overflow a role's inline policy into managed policies.
  return [...resources('AWS::IAM::Policy'), ...resources('AWS::IAM::ManagedPolicy')]
    .filter(([, p]) => (p.Properties.Roles ?? []).some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
};
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
const resourcesOf = (statements: Statement[], action: string) =>
  JSON.stringify(statements.filter((s) => actionsOf([s]).includes(action)).map((s) => s.Resource));

describe('the CDK stack', () => {
  it('has a FIFO queue and a FIFO DLQ for each of the 48 forces and for triage, redriving after 10 tries', () => {
    for (const destination of [...FORCES.map((f) => f.id), 'triage']) {
      devDelivery.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `pac-dev-reports-${destination}.fifo`,
        FifoQueue: true,
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 10 },
      });
      devDelivery.hasResourceProperties('AWS::SQS::Queue', { QueueName: `pac-dev-reports-${destination}-dlq.fifo`, FifoQueue: true });
    }
    assert.equal(resources('AWS::SQS::Queue', 'Delivery').length, 49 * 2 + 2);
    assert.equal(resources('AWS::SQS::Queue').length, 49 * 2 + 2, 'every queue is in the Delivery stack');
  });

  it('encrypts every queue at rest and refuses every request that is not over TLS', () => {
    const queues = resources('AWS::SQS::Queue', 'Delivery');
    assert.ok(queues.every(([, q]) => q.Properties.SqsManagedSseEnabled === true || q.Properties.KmsMasterKeyId !== undefined));
    const policies = resources('AWS::SQS::QueuePolicy', 'Delivery');
    const queuesRefusingPlainText = new Set(
      policies
        .filter(([, p]) =>
          p.Properties.PolicyDocument.Statement.some(
            (s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
          ),
        )
        .flatMap(([, p]) => p.Properties.Queues.map((q: { Ref: string }) => q.Ref)),
    );
    assert.deepEqual([...queuesRefusingPlainText].sort(), queues.map(([id]) => id).sort());
  });

  it('pages an operator when any dead-letter queue holds a message', () => {
    const deadLetterQueues = resources('AWS::SQS::Queue', 'Delivery').filter(([, q]) => /-dlq(\.fifo)?$/.test(q.Properties.QueueName));
    assert.equal(deadLetterQueues.length, 50);
    // Alarms on one metric, or on the maximum of up to ten (metric math), paging through the topic.
    const depthAlarms = resources('AWS::CloudWatch::Alarm', 'Delivery').filter(([, a]) => {
      const metricNames = [a.Properties.MetricName, ...(a.Properties.Metrics ?? []).map((m: any) => m.MetricStat?.Metric?.MetricName)];
      return metricNames.includes('ApproximateNumberOfMessagesVisible');
    });
    for (const [, alarm] of depthAlarms) {
      assert.equal(alarm.Properties.Threshold, 1);
      assert.equal(alarm.Properties.AlarmActions?.length, 1);
    }
    const watched = JSON.stringify(depthAlarms.map(([, a]) => [a.Properties.Dimensions, a.Properties.Metrics]));
    for (const [id] of deadLetterQueues) assert.ok(watched.includes(id), `no alarm on ${id}`);
    assert.ok(depthAlarms.length <= 8, `${depthAlarms.length} alarms: DLQs are grouped ten to an alarm`);
  });

  it('keeps reports encrypted, recoverable to any point, and (in prod) safe from deletion', () => {
    const table = { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, SSESpecification: { SSEEnabled: true } };
    devData.hasResourceProperties('AWS::DynamoDB::Table', { ...table, DeletionProtectionEnabled: false });
    prodData.hasResourceProperties('AWS::DynamoDB::Table', { ...table, DeletionProtectionEnabled: true, TableName: 'pac-prod-reports' });
    prodData.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    devData.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  it('runs every handler in functions/handlers/ as one function, on Node.js 24, arm64, traced', () => {
    // CDK's own deploy-time functions (the website's bucket deployment, emptying its bucket in dev)
    // serve custom resources and nothing else; every other function runs a handler.
    const customResourceFunctions = new Set(
      Object.values(devApp.merged.Resources).map((r) => r.Properties?.ServiceToken?.['Fn::GetAtt']?.[0]).filter((id) => id !== undefined),
    );
    const functions = resources('AWS::Lambda::Function').filter(([id]) => !customResourceFunctions.has(id));
    const handlers = readdirSync(new URL('../../functions/handlers/', import.meta.url)).map((file) => `functions/handlers/${file}`);
    assert.deepEqual(functions.map(([, fn]) => (fn as any).Metadata?.['pac:handler']).sort(), handlers.sort());
    for (const [, fn] of functions) {
      assert.equal(fn.Properties.Runtime, 'nodejs24.x');
      assert.deepEqual(fn.Properties.Architectures, ['arm64']);
      assert.deepEqual(fn.Properties.TracingConfig, { Mode: 'Active' });
    }
  });

  it('feeds the router batches of ten with partial batch responses', () => {
    devDelivery.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    devDelivery.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'pac-dev-intake',
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
  });

  it('lets the submit function write reports and queue them for routing, and nothing more', () => {
    const statements = statementsOf('functions/handlers/submit-report.ts');
    const actions = actionsOf(statements);
    for (const reading of ['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem']) {
      assert.ok(!actions.includes(reading), `submit may ${reading}`);
    }
    // It reads back its own idempotency records and the wrapped follow-up code key, and no report.
    const reads = statements.filter((s) => actionsOf([s]).includes('dynamodb:GetItem'));
    assert.deepEqual(reads.flatMap((s) => (s as any).Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']).sort(), ['FOLLOW-UP-CODE-KEY', 'IDEMPOTENCY']);
    assert.ok(actions.includes('dynamodb:PutItem'));
    assert.ok(!actions.some((a) => a === 'sqs:ReceiveMessage' || a === 'sqs:DeleteMessage' || a === '*'));
    const sendTo = resourcesOf(statements, 'sqs:SendMessage');
    assert.match(sendTo, /IntakeQueue/);
    assert.doesNotMatch(sendTo, /ForceQueues/);
  });

  it('lets the router read the intake queue and send to every destination queue, and not to their DLQs', () => {
    const statements = statementsOf('functions/handlers/route-report.ts');
    const sendTo = resourcesOf(statements, 'sqs:SendMessage');
    for (const destination of ['metropolitan', 'kent', 'triage']) assert.match(sendTo, new RegExp(`ForceQueues${destination}Queue`));
    assert.doesNotMatch(sendTo, /DeadLetters/);
    assert.match(resourcesOf(statements, 'sqs:ReceiveMessage'), /IntakeQueue/);
    assert.doesNotMatch(resourcesOf(statements, 'sqs:ReceiveMessage'), /ForceQueues/);
    assert.ok(!statements.some((s) => s.Resource === '*' && actionsOf([s]).some((a) => a.startsWith('sqs:') || a.startsWith('dynamodb:'))));
  });

  it("leaves the reporter's address, browser and headers out of the API access log", () => {
    const [[, stage]] = resources('AWS::ApiGatewayV2::Stage', 'Public') as [[string, any]];
    const format: string = stage.Properties.AccessLogSettings.Format;
    assert.ok(JSON.parse(format), 'the access log is JSON');
    for (const identifying of ['sourceIp', 'userAgent', 'identity', 'header', 'cookie', 'caller', 'user']) {
      assert.ok(!format.toLowerCase().includes(identifying.toLowerCase()), `access log records ${identifying}`);
    }
    assert.match(format, /\$context\.requestId/);
  });
});

describe('the contact centre in the CDK stack', () => {
  const kmsActions = (handlerModule: string) => actionsOf(statementsOf(handlerModule)).filter((a) => a.startsWith('kms:'));
  /** The handlers whose roles may take the action (on the key, by its construct id, if one is given). */
  const handlersWith = (action: string, key?: 'OriginalsKey' | 'IntakeKey') =>
    resources('AWS::Lambda::Function')
      .map(([, fn]) => (fn as any).Metadata?.['pac:handler'] as string)
      .filter((handler) =>
        statementsOf(handler).some(
          (s) => actionsOf([s]).includes(action) && (key === undefined || new RegExp(`"${key}[0-9A-F]{8}"`).test(JSON.stringify(s.Resource))),
        ),
      );

  it('has a staff user pool with the call-agents, analysts and supervisors groups, MFA required, no self sign-up', () => {
    for (const group of ['call-agents', 'analysts', 'supervisors']) devContactCentre.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    devContactCentre.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  });

  it("puts every contact-centre route on the contact centre's own API, behind its JWT authorizer, and the public route behind none", () => {
    // Each API is in the stack of the routes it serves (lib/reporting-stacks.ts).
    // The staff console's pages are on an API of their own (test/infrastructure/staff-console.test.ts).
    const consoleApis = new Set(resources('AWS::ApiGatewayV2::Api', 'ContactCentre').filter(([, a]) => a.Metadata?.[CONSOLE_ORIGIN_METADATA] === CONSOLE_ORIGIN).map(([id]) => id));
    const staffRoutes = resources('AWS::ApiGatewayV2::Route', 'ContactCentre')
      .filter(([, r]) => !consoleApis.has(r.Properties.ApiId.Ref))
      .map(([, r]) => r.Properties);
    assert.equal(staffRoutes.length, 18);
    for (const route of staffRoutes) {
      assert.match(String(route.RouteKey), / \/contact-centre\//);
      assert.equal(route.AuthorizationType, 'JWT', route.RouteKey);
    }
    const publicRoutes = resources('AWS::ApiGatewayV2::Route', 'Public').map(([, r]) => r.Properties);
    assert.deepEqual(publicRoutes.filter((r) => /\/(contact-centre|force)\//.test(String(r.RouteKey))), [], 'no staff or force route on the public API');
    assert.equal(publicRoutes.find((r) => r.RouteKey === 'POST /reports')?.AuthorizationType, 'NONE');
    devContactCentre.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    devPublic.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
  });

  it("lets only the contact centre's views (the staff API's and the console's review, approval and answer screens) open originals and answers, and only the router and the answers' and additions' takers (the console's phone answers among them, which open none) seal them", () => {
    assert.deepEqual(handlersWith('kms:Decrypt', 'OriginalsKey').sort(), [
      'functions/handlers/console-approval.ts',
      'functions/handlers/console-keeping-in-contact.ts',
      'functions/handlers/console-review.ts',
      'functions/handlers/view-answer.ts',
      'functions/handlers/view-review.ts',
    ]);
    assert.deepEqual(handlersWith('kms:GenerateDataKey', 'OriginalsKey').sort(), [
      'functions/handlers/add-information.ts',
      'functions/handlers/answer-question.ts',
      'functions/handlers/console-phone-answer.ts',
      'functions/handlers/follow-up-pages.ts',
      'functions/handlers/record-phone-answer.ts',
      'functions/handlers/route-report.ts',
    ]);
    devData.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('lets only the router open what waits on the intake queue, and only the functions that take reports in seal it', () => {
    assert.deepEqual(handlersWith('kms:Decrypt', 'IntakeKey'), ['functions/handlers/route-report.ts']);
    assert.deepEqual(handlersWith('kms:GenerateDataKey', 'IntakeKey').sort(), [
      'functions/handlers/console-phone-report.ts',
      'functions/handlers/record-phone-report.ts',
      'functions/handlers/report-form.ts',
      'functions/handlers/submit-report.ts',
    ]);
    assert.deepEqual(kmsActions('functions/handlers/route-report.ts').sort(), ['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  it("lets only the router, the supervisors' approvals, a force's transfer and the sweeper that finishes them put anything on force queues", () => {
    assert.deepEqual(handlersWith('sqs:SendMessage').sort(), [
      'functions/handlers/approve-answer.ts',
      'functions/handlers/approve-dissemination.ts',
      'functions/handlers/console-approval.ts',
      'functions/handlers/console-phone-report.ts',
      'functions/handlers/record-phone-report.ts',
      'functions/handlers/report-form.ts',
      'functions/handlers/route-report.ts',
      'functions/handlers/submit-report.ts',
      'functions/handlers/sweep-due.ts',
      'functions/handlers/transfer-report.ts',
    ]);
    for (const intakeOnly of ['functions/handlers/console-phone-report.ts', 'functions/handlers/record-phone-report.ts', 'functions/handlers/report-form.ts', 'functions/handlers/submit-report.ts']) {
      assert.doesNotMatch(resourcesOf(statementsOf(intakeOnly), 'sqs:SendMessage'), /ForceQueues/);
    }
  });

  it('reviews by default, and pages when a contact has waited 48 hours', () => {
    const router = resources('AWS::Lambda::Function').find(([, fn]) => (fn as any).Metadata?.['pac:handler'] === 'functions/handlers/route-report.ts')!;
    assert.equal(router[1].Properties.Environment.Variables.REVIEW, 'on');
    devContactCentre.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'OldestContactAwaitingReviewSeconds',
      Threshold: 48 * 3600,
      AlarmActions: Match.anyValue(),
    });
    devContactCentre.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
  });
});

describe('a force that reads its queue from its own AWS account', () => {
  // The queues and their policies are the Delivery stack's.
  const withAccount: Resources = synthesiseApp({ stage: 'prod', forceAccounts: { kent: '111122223333' } }).resources.Delivery;
  const policies = Object.values(withAccount).filter((r) => r.Type === 'AWS::SQS::QueuePolicy');
  const kentQueueId = Object.entries(withAccount).find(([, r]) => r.Type === 'AWS::SQS::Queue' && r.Properties.QueueName === 'pac-prod-reports-kent.fifo')![0];

  it("may receive from that force's queue, and nothing else", () => {
    const grants = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow').map((s: any) => ({ queues: p.Properties.Queues, statement: s })),
    );
    assert.equal(grants.length, 1);
    const [{ queues, statement }] = grants as [{ queues: unknown; statement: any }];
    assert.equal(JSON.stringify(statement.Principal).includes('111122223333'), true);
    assert.deepEqual(JSON.stringify(queues), JSON.stringify([{ Ref: kentQueueId }]));
    assert.deepEqual(JSON.stringify(statement.Resource), JSON.stringify({ 'Fn::GetAtt': [kentQueueId, 'Arn'] }));
    assert.deepEqual([...statement.Action].sort(), ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
  });

  it('still refuses plain-text requests to every queue, that one included', () => {
    const covered = new Set(
      policies
        .filter((p) => p.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'))
        .flatMap((p) => p.Properties.Queues.map((q: { Ref: string }) => q.Ref)),
    );
    const queues = Object.entries(withAccount).filter(([, r]) => r.Type === 'AWS::SQS::Queue').map(([id]) => id);
    assert.deepEqual([...covered].sort(), queues.sort());
  });

  it('refuses an account id that is not one, or a force that does not exist', () => {
    const attempt = (forceAccounts: Record<string, string>) => () =>
      addReportingStacks(new App({ context: unbundledContext() }), { stage: 'dev', forceAccounts });
    assert.throws(attempt({ kent: '1234' }), /not a 12-digit AWS account id/);
    assert.throws(attempt({ atlantis: '111122223333' }), /not a force/);
  });
});
