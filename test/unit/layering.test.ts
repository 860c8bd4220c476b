/**
 * The README's table of what may import what ("## Layout"), checked: dependency-cruiser runs the
 * rules in .dependency-cruiser.cjs over functions/, lib/ and local/ (bin/, scripts/ and test/ may
 * import anything, so nothing there is checked), type-only imports included. Any import the table
 * does not allow, and any import cycle in functions/, fails this test with each one listed.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHECKED = ['functions', 'lib', 'local'];

/** One line per broken rule: the rule, the importing module, the imported one (or the cycle). */
const violationsOf = (result: ICruiseResult): string[] =>
  (result.summary.violations ?? []).map(({ rule, from, to, cycle }) => {
    const what = cycle === undefined ? `${from} → ${to}` : [from, ...cycle.map((step) => step.name)].join(' → ');
    return `${rule.name}: ${what}`;
  });

describe('what may import what', () => {
  it('keeps to the README table, and functions/ has no import cycle', async () => {
    const options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
    const cruised = await cruise(
      CHECKED,
      { ...options, baseDir: ROOT, tsConfig: { fileName: path.join(ROOT, 'tsconfig.json') }, outputType: 'json' },
      {},
      { tsConfig: extractTSConfig(path.join(ROOT, 'tsconfig.json')) },
    );
    const result = (typeof cruised.output === 'string' ? JSON.parse(cruised.output) : cruised.output) as ICruiseResult;
    assert.ok(result.summary.totalCruised > 100, `dependency-cruiser looked at only ${result.summary.totalCruised} modules`);
    const unresolved = result.modules
      .filter((module) => CHECKED.some((folder) => module.source.startsWith(`${folder}/`)))
      .flatMap((module) => module.dependencies.filter((d) => d.couldNotResolve).map((d) => `${module.source} → ${d.module}`));
    assert.deepEqual(unresolved, [], 'every import resolves, so that every one is checked');
    const violations = violationsOf(result);
    assert.deepEqual(violations, [], `imports the README's layering table does not allow (.dependency-cruiser.cjs says why):\n  ${violations.join('\n  ')}`);
  });
});
