/**
 * `npx cdk synth` as an operator runs it, with no AWS credentials and no network: it must bundle
 * every function with the local esbuild and write a template for the chosen stage. The app runs
 * cdk-nag's AWS Solutions checks, and synthesis fails on any finding not acknowledged with a
 * reason, so this test also fails on one.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../lib/constructs/reporting-function.ts';

const run = promisify(execFile);

describe('cdk synth', () => {
  it('synthesises the prod stage offline, with no credentials, bundling each function, with no cdk-nag finding', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));
    try {
      const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
      await run(path.join(PROJECT_ROOT, 'node_modules/.bin/cdk'), ['synth', '--quiet', '-c', 'stage=prod', '--output', out], {
        cwd: PROJECT_ROOT,
        env: { ...environment, CDK_DISABLE_CLI_TELEMETRY: 'true' },
        timeout: 180_000,
      });
      const template = JSON.parse(readFileSync(path.join(out, 'PoliceReporting-prod.template.json'), 'utf8')) as {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }>;
      };
      const queues = Object.values(template.Resources).filter((r) => r.Type === 'AWS::SQS::Queue');
      assert.equal(queues.length, 100);
      // Every handler's function, not CDK's own (the website's bucket deployment runs Python).
      const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['pac:handler'] !== undefined);
      for (const fn of functions) {
        const asset = fn.Metadata?.['aws:asset:path'];
        assert.ok(asset !== undefined && existsSync(path.join(out, asset, 'index.mjs')), `no bundle for ${fn.Metadata?.['pac:handler']}`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
