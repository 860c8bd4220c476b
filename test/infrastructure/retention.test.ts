/**
 * Retention as deployed: the retention job run once a day by a schedule, with the schedule the
 * context gives (`-c retention=…`, every field defaulting, anything else refused at synthesis);
 * the data keys table never recoverable (no point-in-time recovery) and kept in prod; and the
 * data keys reachable only as each function needs them: the sealers may put a key, the openers
 * read one, the retention job destroy them, and nobody else touch the table. The job asks KMS
 * nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RETENTION } from '../../functions/domain/retention-schedule.ts';
import { ORIGINALS_KEY_USERS } from '../../lib/key-access.ts';
import { retentionScheduleFrom } from '../../lib/stage.ts';
import { handlerName } from '../../lib/table-access.ts';
import { synthesiseApp, synthesisedApp, type SynthesisedApp } from '../support/synthesised-app.ts';

const JOB = 'functions/handlers/apply-retention.ts';
const list = <T,>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const jobOf = (app: SynthesisedApp) => {
  const found = Object.entries(app.resources.Delivery).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['pac:handler'] === JOB);
  assert.ok(found !== undefined, `${JOB} is deployed in the Delivery stack`);
  return found;
};

/** Every statement naming the data keys table, by the handler of the function whose role holds it. */
const dataKeyStatements = (app: SynthesisedApp) => {
  const resources = Object.entries(app.merged.Resources);
  const [keysTableId] = resources.find(([, r]) => r.Type === 'AWS::DynamoDB::Table' && String(r.Properties.TableName).endsWith('-data-keys')) ?? [];
  assert.ok(keysTableId !== undefined);
  const handlerOfRole = new Map(
    resources
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['pac:handler'] !== undefined)
      .map(([, r]) => [(r.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0], handlerName(String(r.Metadata?.['pac:handler']))]),
  );
  const byHandler = new Map<string, { actions: string[]; partitions: unknown }[]>();
  for (const [, policy] of resources.filter(([, r]) => r.Type === 'AWS::IAM::Policy')) {
    for (const statement of policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> }[]) {
      if (!JSON.stringify(statement.Resource).includes(`"${keysTableId}"`)) continue;
      for (const role of policy.Properties.Roles as { Ref: string }[]) {
        const handler = handlerOfRole.get(role.Ref) ?? `role ${role.Ref}`;
        byHandler.set(handler, [
          ...(byHandler.get(handler) ?? []),
          { actions: list(statement.Action).sort(), partitions: statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] },
        ]);
      }
    }
  }
  return { keysTableId, byHandler };
};

describe('the retention job', () => {
  const app = synthesisedApp('dev');

  it('runs once a day, on a schedule, and a failed run is left to the next', () => {
    const [jobId] = jobOf(app);
    const rules = Object.values(app.resources.Delivery).filter((r) => r.Type === 'AWS::Events::Rule' && JSON.stringify(r.Properties.Targets).includes(jobId));
    assert.equal(rules.length, 1);
    assert.equal(rules[0]!.Properties.ScheduleExpression, 'rate(1 day)');
    assert.equal(rules[0]!.Properties.State, 'ENABLED');
    const invokeConfig = Object.values(app.resources.Delivery).find((r) => r.Type === 'AWS::Lambda::EventInvokeConfig' && JSON.stringify(r.Properties.FunctionName).includes(jobId));
    assert.equal(invokeConfig?.Properties.MaximumRetryAttempts, 0);
    const alarms = Object.values(app.resources.Delivery).filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && JSON.stringify(r.Properties.Dimensions ?? []).includes(jobId));
    assert.equal(alarms.length, 1, 'an operator is paged when a run fails');
  });

  it('is given the default schedule unless the context sets one, and any field may be left to its default', () => {
    const [, job] = jobOf(app);
    assert.deepEqual(JSON.parse(job.Properties.Environment.Variables.RETENTION), DEFAULT_RETENTION);
    const set = synthesiseApp({ stage: 'dev' }, { context: { retention: '{"keepingInContactDays":180}' } });
    assert.deepEqual(JSON.parse(jobOf(set)[1].Properties.Environment.Variables.RETENTION), { ...DEFAULT_RETENTION, keepingInContactDays: 180 });
  });

  it('refuses a schedule it cannot read, at synthesis, saying what is wrong', () => {
    assert.throws(() => retentionScheduleFrom('{"keepingInContactDays":0}'), /keepingInContactDays/);
    assert.throws(() => retentionScheduleFrom('{"keepingInContactDays":365,"originalsDays":30}'), /retention/);
    assert.throws(() => retentionScheduleFrom('a year'), /not JSON/);
    assert.throws(() => synthesiseApp({ stage: 'dev' }, { context: { retention: '{"originalDays":1.5}' } }), /originalDays/);
    assert.deepEqual(retentionScheduleFrom(undefined), DEFAULT_RETENTION);
  });

  it('asks KMS nothing: destroying a data key is deleting it', () => {
    const [jobId] = jobOf(app);
    const role = String((app.resources.Delivery[jobId]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]);
    const statements = Object.values(app.resources.Delivery)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(role))
      .flatMap((r) => r.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    assert.deepEqual(statements.flatMap((s) => list(s.Action)).filter((a) => a.startsWith('kms:')), []);
  });
});

describe('the data keys table', () => {
  for (const stage of ['dev', 'prod'] as const) {
    it(`(${stage}) has no point-in-time recovery, so that a destroyed key is gone, and is kept in prod`, () => {
      const stageApp = synthesisedApp(stage);
      const { keysTableId } = dataKeyStatements(stageApp);
      const table = stageApp.merged.Resources[keysTableId]!;
      assert.notEqual(table.Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled, true);
      assert.equal(table.Properties.TableName, `pac-${stage}-data-keys`);
      assert.equal(table.Properties.DeletionProtectionEnabled ?? false, stage === 'prod');
      assert.equal(table.DeletionPolicy, stage === 'prod' ? 'Retain' : 'Delete');
      const reports = Object.values(stageApp.merged.Resources).find((r) => r.Type === 'AWS::DynamoDB::Table' && String(r.Properties.TableName).endsWith('-reports'));
      assert.equal(reports?.Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled, true, 'the report table, holding only ciphertext, keeps its recovery');
    });
  }

  it('may be written by the sealers, read by the openers, emptied by the retention job, and touched by nobody else', () => {
    const { byHandler } = dataKeyStatements(synthesisedApp('dev'));
    const expected = new Map<string, string[]>([
      ...ORIGINALS_KEY_USERS.seal.map((handler): [string, string[]] => [handler, ['dynamodb:PutItem']]),
      ...ORIGINALS_KEY_USERS.open.map((handler): [string, string[]] => [handler, ['dynamodb:GetItem']]),
      ['apply-retention', ['dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:UpdateItem']],
    ]);
    assert.deepEqual([...byHandler.keys()].sort(), [...expected.keys()].sort());
    for (const [handler, statements] of byHandler) {
      assert.deepEqual(statements.flatMap((s) => s.actions).sort(), expected.get(handler), handler);
      assert.ok(statements.every((s) => JSON.stringify(s.partitions) === '["REPORT-KEYS#*"]'), `${handler}: every statement bounded to the reports' key partitions`);
    }
  });
});
