/**
 * `npx cdk synth` as an operator runs it, with no AWS credentials and no network: it must bundle
 * every function with the local esbuild and write a template for each stack of the chosen stage.
 * The app runs cdk-nag's AWS Solutions checks on every stack, and synthesis fails on any finding
 * not acknowledged with a reason, so this test also fails on one.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { STACK_PARTS, stackName } from '../../lib/reporting-stacks.ts';

const run = promisify(execFile);

describe('cdk synth', () => {
  it('synthesises every stack of the prod stage offline, with no credentials, bundling each function, with no cdk-nag finding', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));
    try {
      // No AWS credentials, and the template validation on, whatever the test run set for its own synths.
      const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && name !== 'CDK_VALIDATION'));
      await run(path.join(PROJECT_ROOT, 'node_modules/.bin/cdk'), ['synth', '--quiet', '-c', 'stage=prod', '--output', out], {
        cwd: PROJECT_ROOT,
        env: { ...environment, CDK_DISABLE_CLI_TELEMETRY: 'true' },
        timeout: 300_000,
      });
      // Every stack of the app, each in its own template, named as the operator deploys them.
      const names = STACK_PARTS.map((part) => stackName('prod', part));
      const written = readdirSync(out).filter((file) => file.endsWith('.template.json'));
      assert.deepEqual(written.sort(), names.map((name) => `${name}.template.json`).sort());
      const resources = names.flatMap((name) => {
        const template = JSON.parse(readFileSync(path.join(out, `${name}.template.json`), 'utf8')) as {
          Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }>;
        };
        return Object.values(template.Resources);
      });
      const queues = resources.filter((r) => r.Type === 'AWS::SQS::Queue');
      assert.equal(queues.length, 100);
      // Every handler's function, not CDK's own (the website's bucket deployment runs Python).
      const functions = resources.filter((r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['pac:handler'] !== undefined);
      assert.ok(functions.length > 0, 'no function of ours in any stack');
      for (const fn of functions) {
        const asset = fn.Metadata?.['aws:asset:path'];
        assert.ok(asset !== undefined && existsSync(path.join(out, asset, 'index.mjs')), `no bundle for ${fn.Metadata?.['pac:handler']}`);
        // Its source map, for the stack traces of NODE_OPTIONS=--enable-source-maps, holds the mappings
        // but not the sources' text, which Node would read and parse at every cold start (issue 13).
        const map = JSON.parse(readFileSync(path.join(out, asset, 'index.mjs.map'), 'utf8')) as { mappings?: string; sourcesContent?: unknown };
        assert.ok((map.mappings ?? '').length > 0, `no mappings in the source map of ${fn.Metadata?.['pac:handler']}`);
        assert.equal(map.sourcesContent, undefined, `the source map of ${fn.Metadata?.['pac:handler']} carries the sources' text`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
