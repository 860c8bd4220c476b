/**
 * How the local runtime sees an app of several stacks as one template (local/stack-template.ts):
 * each import becomes what its export gives, and anything it cannot make one template of fails
 * loudly rather than leaving a function with half its configuration.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeStackTemplates, resolver, type StackTemplate } from '../../local/stack-template.ts';

const data: StackTemplate = {
  Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'pac-local-reports' } } },
  Outputs: {
    ExportsOutputRefTable: { Value: { Ref: 'Table' }, Export: { Name: 'App-Data:ExportsOutputRefTable' } },
    ExportsOutputFnGetAttTableArn: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] }, Export: { Name: 'App-Data:ExportsOutputFnGetAttTableArn' } },
  },
};
const importing = (name: string) => ({ 'Fn::ImportValue': name });
const functions: StackTemplate = {
  Resources: {
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Environment: { Variables: { TABLE_NAME: importing('App-Data:ExportsOutputRefTable') } } },
    },
    Policy: {
      Type: 'AWS::IAM::Policy',
      Properties: { Resource: { 'Fn::Join': ['', [importing('App-Data:ExportsOutputFnGetAttTableArn'), '/index/*']] } },
    },
  },
  Outputs: { Named: { Value: 'pac-local-reports-{destination}.fifo' } },
};

describe('the stacks of an app as one template', () => {
  it("holds every stack's resources and outputs, each import replaced by what its export gives", () => {
    const merged = mergeStackTemplates({ 'App-Data': data, 'App-Functions': functions });
    assert.deepEqual(Object.keys(merged.Resources).sort(), ['Fn', 'Policy', 'Table']);
    assert.deepEqual((merged.Resources.Fn!.Properties as any).Environment.Variables.TABLE_NAME, { Ref: 'Table' });
    assert.deepEqual((merged.Resources.Policy!.Properties as any).Resource, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, '/index/*']] });
    assert.equal(merged.Outputs?.Named?.Value, 'pac-local-reports-{destination}.fifo');
    const resolve = resolver(new Map([['Table', 'pac-local-reports']]), new Map([['Table.Arn', 'arn:aws:dynamodb:local:000000000000:table/pac-local-reports']]));
    assert.equal(resolve((merged.Resources.Fn!.Properties as any).Environment.Variables.TABLE_NAME), 'pac-local-reports');
  });

  it('fails on an import that no stack exports', () => {
    const orphan: StackTemplate = { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: importing('App-Gone:Role') } } } };
    assert.throws(() => mergeStackTemplates({ 'App-Data': data, 'App-Orphan': orphan }), /App-Orphan\/Fn imports App-Gone:Role, which no stack of the app exports/);
  });

  it('fails on an import or an export whose name is not a plain string', () => {
    const computed: StackTemplate = { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: importing({ 'Fn::Sub': '${AWS::StackName}-Role' } as never) } } } };
    assert.throws(() => mergeStackTemplates({ 'App-Data': data, 'App-Computed': computed }), /not a plain string/);
    const exportsComputed: StackTemplate = { Resources: {}, Outputs: { Out: { Value: 'x', Export: { Name: { 'Fn::Sub': '${AWS::StackName}-Out' } } } } };
    assert.throws(() => mergeStackTemplates({ 'App-Computed': exportsComputed }), /not a plain string/);
  });

  it('fails on a logical id, an output or an export two stacks share', () => {
    assert.throws(() => mergeStackTemplates({ 'App-Data': data, 'App-Again': { Resources: { Table: data.Resources.Table! } } }), /App-Data and App-Again both have a resource Table/);
    assert.throws(
      () => mergeStackTemplates({ 'App-Functions': functions, 'App-Again': { Resources: {}, Outputs: { Named: { Value: 'x' } } } }),
      /App-Functions and App-Again both have an output Named/,
    );
    assert.throws(
      () => mergeStackTemplates({ 'App-Data': data, 'App-Again': { Resources: {}, Outputs: { Other: { Value: 'x', Export: { Name: 'App-Data:ExportsOutputRefTable' } } } } }),
      /App-Data and App-Again both export App-Data:ExportsOutputRefTable/,
    );
  });

  it("leaves out CDK's version metadata, which every stack has under one logical id", () => {
    const metadata = { CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:…' } } };
    const merged = mergeStackTemplates({ 'App-Data': { ...data, Resources: { ...data.Resources, ...metadata } }, 'App-Functions': { ...functions, Resources: { ...functions.Resources, ...metadata } } });
    assert.equal(merged.Resources.CDKMetadata, undefined);
  });

  it('tells the resolver an import is left to the merge', () => {
    assert.throws(() => resolver(new Map(), new Map())(importing('App-Data:ExportsOutputRefTable')), /imports are resolved when the stacks' templates are merged/);
  });
});
