/**
 * The composition root and the functions' configuration: every setting checked and named when
 * wrong, ports built from the running function's own environment, once per environment.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clock, forceQueues, portsFor, reportStore, reviewPolicy } from '../../functions/adapters/composition-root.ts';
import { DynamoReportStore } from '../../functions/adapters/report-store.ts';
import { SqsForceQueues } from '../../functions/adapters/queues.ts';
import { functionEnvironment, inFunctionEnvironment, perFunction } from '../../functions/configuration/function-environment.ts';
import { readSettings, SETTINGS, variableOf } from '../../functions/configuration/settings.ts';

const table = { TABLE_NAME: 'pac-dev-reports' };

describe('settings', () => {
  it('are read typed from the environment, lists split and trimmed', () => {
    const settings = readSettings(
      { TABLE_NAME: 'pac-dev-reports', STAFF_CLIENT_IDS: ' abc , def,', REVIEW: 'on', REVIEW_EXEMPT_FORCES: 'kent, essex' },
      ['tableName', 'staffClientIds', 'review', 'reviewExemptForces'],
    );
    assert.deepEqual(settings, { tableName: 'pac-dev-reports', staffClientIds: ['abc', 'def'], review: 'on', reviewExemptForces: ['kent', 'essex'] });
  });

  it('name every variable missing or malformed, in one error', () => {
    assert.throws(
      () => readSettings({ INTAKE_QUEUE_URL: 'not a url', REPORT_QUEUE_NAME_TEMPLATE: 'pac-dev-reports.fifo', REVIEW: 'maybe' }, ['tableName', 'intakeQueueUrl', 'reportQueueNameTemplate', 'review']),
      (error: Error) =>
        /TABLE_NAME is not set/.test(error.message) &&
        /INTAKE_QUEUE_URL is not a queue URL/.test(error.message) &&
        /REPORT_QUEUE_NAME_TEMPLATE has no \{destination\} in it/.test(error.message) &&
        /REVIEW is not on or off/.test(error.message),
    );
  });

  it('treat an optional setting that is absent or empty as empty, and a required one that is empty as missing', () => {
    assert.deepEqual(readSettings({ REVIEW: 'off' }, ['review', 'reviewExemptForces']), { review: 'off', reviewExemptForces: [] });
    assert.throws(() => readSettings({ TABLE_NAME: '' }, ['tableName']), /TABLE_NAME is not set/);
  });

  it('each have a variable of their own', () => {
    const variables = Object.keys(SETTINGS).map((name) => variableOf(name as keyof typeof SETTINGS));
    assert.equal(new Set(variables).size, variables.length);
  });
});

describe('the function environment', () => {
  it('is the process environment on Lambda, and the one function’s own inside a local invocation', () => {
    assert.equal(functionEnvironment(), process.env);
    const own = { TABLE_NAME: 'own' };
    assert.equal(inFunctionEnvironment(own, () => functionEnvironment()), own);
  });

  it('carries through awaits', async () => {
    const own = { TABLE_NAME: 'own' };
    const seen = await inFunctionEnvironment(own, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return functionEnvironment();
    });
    assert.equal(seen, own);
  });

  it('gives what a function makes from its environment (settings, here) once per environment', () => {
    const read = perFunction((environment) => readSettings(environment, ['tableName']));
    const one = { TABLE_NAME: 'pac-one-reports' };
    const two = { TABLE_NAME: 'pac-two-reports' };
    assert.equal(inFunctionEnvironment(one, read).tableName, 'pac-one-reports');
    assert.equal(inFunctionEnvironment(two, read).tableName, 'pac-two-reports');
    assert.equal(inFunctionEnvironment(one, read), inFunctionEnvironment(one, read));
  });
});

describe('portsFor', () => {
  const ports = portsFor({ store: reportStore, forceQueues, clock });

  it('builds the adapters behind the ports a function names, under its names', () => {
    const built = inFunctionEnvironment({ ...table, REPORT_QUEUE_NAME_TEMPLATE: 'pac-dev-reports-{destination}.fifo' }, ports);
    assert.ok(built.store instanceof DynamoReportStore);
    assert.ok(built.forceQueues instanceof SqsForceQueues);
    assert.ok(built.clock() instanceof Date);
    assert.deepEqual(Object.keys(built).sort(), ['clock', 'forceQueues', 'store']);
  });

  it('builds once per environment, so each local function has ports of its own', () => {
    const one = { ...table, REPORT_QUEUE_NAME_TEMPLATE: 'pac-dev-reports-{destination}.fifo' };
    const two = { ...one };
    assert.equal(inFunctionEnvironment(one, ports), inFunctionEnvironment(one, ports));
    assert.notEqual(inFunctionEnvironment(one, ports), inFunctionEnvironment(two, ports));
  });

  it('fails at the first invocation of a function the stack does not give a variable its ports need', () => {
    assert.throws(() => inFunctionEnvironment(table, ports), /REPORT_QUEUE_NAME_TEMPLATE is not set/);
    assert.throws(() => inFunctionEnvironment({ REVIEW: 'on', REVIEW_EXEMPT_FORCES: 'atlantis' }, portsFor({ reviewPolicy })), /No force "atlantis"/);
  });
});
