/**
 * Every stack of the app stays well inside what CloudFormation lets one stack hold: 500 resources
 * (hard), so that the next few capabilities (each adds tens: about 8 for a public function with
 * its route, about 6 for a staff one, in the ContactCentre stack with its API) fit without another
 * split. Past 300 in any stack, split it further (lib/reporting-stacks.ts) before adding more. And
 * 200 outputs, which the exports between stacks count against.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STACK_PARTS } from '../../lib/reporting-stacks.ts';
import { synthesisedApp } from '../support/synthesised-app.ts';

/** The budget per stack: 500 is CloudFormation's limit. */
const MAX_RESOURCES = 300;
const MAX_OUTPUTS = 200;

for (const stage of ['dev', 'prod'] as const) {
  describe(`the ${stage} app's stacks`, () => {
    it(`each hold at most ${MAX_RESOURCES} resources`, (t) => {
      const app = synthesisedApp(stage);
      const counts = STACK_PARTS.map((part) => ({ part, resources: Object.keys(app.resources[part]).length }));
      const report = counts.map(({ part, resources }) => `${part} ${resources}`).join(', ');
      t.diagnostic(`${stage}: ${report} (${counts.reduce((sum, { resources }) => sum + resources, 0)} in all)`);
      const over = counts.filter(({ resources }) => resources > MAX_RESOURCES);
      assert.deepEqual(over, [], `more than ${MAX_RESOURCES} resources in a stack: ${report}`);
    });

    it(`each have at most ${MAX_OUTPUTS} outputs, exports included`, () => {
      const app = synthesisedApp(stage);
      for (const part of STACK_PARTS) {
        const outputs = Object.keys((app.templates[part].toJSON() as { Outputs?: Record<string, unknown> }).Outputs ?? {}).length;
        assert.ok(outputs <= MAX_OUTPUTS, `${part}: ${outputs} outputs`);
      }
    });
  });
}
