/**
 * Least privilege in the report table, read from the synthesised templates as an attacker with a
 * foothold in one function would read them: every function's DynamoDB statements are exactly what
 * lib/table-access.ts declares for its handler (the actions it uses, on the table or the index it
 * uses, each bounded by dynamodb:LeadingKeys to its partitions), and nothing else in the app may
 * touch the table at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HANDLER_METADATA } from '../../lib/project-layout.ts';
import { handlerName, TABLE_ACCESS, type TableGrant } from '../../lib/table-access.ts';
import { synthesiseApp, synthesisedApp, type Resource, type SynthesisedApp } from '../support/synthesised-app.ts';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/**
 * A statement as the test compares it: one entry per action (CDK may merge statements that share
 * their resource and condition), each with `table` or `index/<name>`, its sorted partitions and its
 * condition operators.
 */
const shape = (actions: readonly string[], on: string, partitions: readonly string[], operators: readonly string[]) =>
  actions.map((action) => JSON.stringify({ action, on, partitions: [...partitions].sort(), operators: [...operators].sort() }));

const declaredShape = ({ actions, index, partitions }: TableGrant) =>
  shape(
    actions.map((action) => `dynamodb:${action}`),
    index === undefined ? 'table' : `index/${index}`,
    partitions,
    ['ForAllValues:StringLike'],
  );

for (const stage of ['dev', 'prod'] as const) {
  describe(`the ${stage} app's access to the report table`, () => {
    const app = synthesisedApp(stage);
    const resources = Object.entries(app.merged.Resources);
    const [tableId] = resources.find(([, r]) => r.Type === 'AWS::DynamoDB::Table' && String(r.Properties.TableName).endsWith('-reports')) ?? [];
    assert.ok(tableId !== undefined);

    /** Where a statement's resource points: the table, one of its indexes, or elsewhere. */
    const target = (resource: unknown): string => {
      const text = JSON.stringify(resource);
      if (!text.includes(`"${tableId}"`)) return text.includes('dynamodb') || text === '"*"' ? `elsewhere: ${text}` : 'not the table';
      if (JSON.stringify(resource) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] })) return 'table';
      const joined = (resource as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
      const suffix = joined?.[1].at(-1);
      return typeof suffix === 'string' && /^\/index\/[A-Za-z0-9_.-]+$/.test(suffix) ? `index/${suffix.slice('/index/'.length)}` : `elsewhere: ${text}`;
    };

    /** Every statement that names a DynamoDB action, by the role whose policy holds it. */
    const dynamoStatements = new Map<string, Statement[]>();
    for (const [, policy] of resources.filter(([, r]) => r.Type === 'AWS::IAM::Policy')) {
      const statements = (policy.Properties.PolicyDocument.Statement as Statement[]).filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:') || a === '*'));
      for (const role of policy.Properties.Roles as { Ref: string }[]) dynamoStatements.set(role.Ref, [...(dynamoStatements.get(role.Ref) ?? []), ...statements]);
    }
    const functions = resources.filter(([, r]) => r.Type === 'AWS::Lambda::Function') as [string, Resource][];
    const roleOf = (fn: Resource): string => (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    it('gives every function of ours exactly the statements declared for its handler, and nothing more', () => {
      for (const [logicalId, fn] of functions.filter(([, r]) => r.Metadata?.[HANDLER_METADATA] !== undefined)) {
        const handler = handlerName(String(fn.Metadata?.[HANDLER_METADATA]));
        const declared = TABLE_ACCESS[handler];
        assert.ok(declared !== undefined, `${logicalId} (${handler}) has no declared table access`);
        const actual = (dynamoStatements.get(roleOf(fn)) ?? []).flatMap((s) => {
          assert.equal(s.Effect, 'Allow', `${logicalId}: ${JSON.stringify(s)}`);
          const resourcesOf = list(s.Resource as unknown[]);
          assert.equal(resourcesOf.length, 1, `${logicalId}: one resource per statement: ${JSON.stringify(s)}`);
          // The data keys table's grants are held to lib/constructs/data-key-store.ts (test/infrastructure/retention.test.ts).
          if (JSON.stringify(resourcesOf[0]).includes('DataKeys')) return [];
          const conditions = s.Condition ?? {};
          const partitions = Object.values(conditions).flatMap((keys) => list(keys['dynamodb:LeadingKeys'] ?? []));
          assert.ok(partitions.length > 0, `${logicalId}: a statement without dynamodb:LeadingKeys: ${JSON.stringify(s)}`);
          return shape(list(s.Action), target(resourcesOf[0]), partitions, Object.keys(conditions));
        });
        assert.deepEqual(actual.sort(), declared.flatMap(declaredShape).sort(), `${logicalId} (${handler})`);
      }
    });

    it('lets no other role touch DynamoDB', () => {
      const ours = new Set(functions.filter(([, r]) => r.Metadata?.[HANDLER_METADATA] !== undefined).map(([, fn]) => roleOf(fn)));
      const others = [...dynamoStatements].filter(([role, statements]) => !ours.has(role) && statements.length > 0);
      assert.deepEqual(others.map(([role]) => role), []);
    });

    it('grants no Scan, no batch write and no wildcard action anywhere', () => {
      const actions = [...dynamoStatements.values()].flat().flatMap((s) => list(s.Action));
      assert.deepEqual(actions.filter((a) => /Scan|Batch|\*/.test(a)), []);
    });

    it('declares access only for handlers the app runs', () => {
      const running = new Set(functions.map(([, fn]) => fn.Metadata?.[HANDLER_METADATA]).filter((m) => m !== undefined).map((m) => handlerName(String(m))));
      assert.deepEqual(Object.keys(TABLE_ACCESS).filter((handler) => !running.has(handler)), []);
    });
  });
}

describe("moving a deployed table from GSI1 (every attribute) to Queues (keys and what a force's list shows)", () => {
  const indexesOf = (app: SynthesisedApp) => {
    const [, table] = Object.entries(app.merged.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table' && String(r.Properties.TableName).endsWith('-reports'))!;
    return (table.Properties.GlobalSecondaryIndexes as { IndexName: string; Projection: { ProjectionType: string } }[])
      .map((index) => [index.IndexName, index.Projection.ProjectionType])
      .sort();
  };
  /** The index each DynamoDB statement of the app is on, one entry per statement. */
  const statementIndexes = (app: SynthesisedApp) =>
    Object.values(app.merged.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:')))
      .flatMap((s) => list(s.Resource as unknown[]).map((r) => /\/index\/([A-Za-z0-9_.-]+)"/.exec(JSON.stringify(r))?.[1]))
      .filter((index) => index !== undefined);

  it("projects only what a force's list shows, and grants nothing on GSI1, once moved", () => {
    const app = synthesisedApp('prod');
    assert.deepEqual(indexesOf(app), [['Queues', 'INCLUDE'], ['Retention', 'KEYS_ONLY']]);
    const [, table] = Object.entries(app.merged.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table' && String(r.Properties.TableName).endsWith('-reports'))!;
    const [queues] = table.Properties.GlobalSecondaryIndexes as { Projection: { NonKeyAttributes: string[] } }[];
    assert.deepEqual([...queues!.Projection.NonKeyAttributes].sort(), ['categories', 'forceReferences', 'notifiedAt', 'receivedAt', 'reference', 'status']);
    assert.ok(statementIndexes(app).length > 0);
    assert.deepEqual([...new Set(statementIndexes(app))].sort(), ['Queues', 'Retention']);
  });

  it('keeps GSI1 beside it, and lets every queue reader read both, for the one deploy that says so', () => {
    const app = synthesiseApp({ stage: 'prod' }, { context: { queueIndexTransition: 'on' } });
    assert.deepEqual(indexesOf(app), [['GSI1', 'ALL'], ['Queues', 'INCLUDE'], ['Retention', 'KEYS_ONLY']]);
    const indexes = statementIndexes(app);
    assert.equal(indexes.filter((index) => index === 'GSI1').length, indexes.filter((index) => index === 'Queues').length);
    assert.ok(indexes.includes('GSI1'));
  });
});
