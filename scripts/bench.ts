/**
 * `npm run bench`: for each function in the stack, its bundle size and the median time a fresh
 * Node.js 24 process takes to import it (what a cold start pays before the handler runs), beside
 * the floor: a bundle holding only the AWS SDK clients that function uses, constructed the same
 * way. A figure, not a test: these machines are shared and noisy, so read the medians, not a run.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUNDLING, HANDLER_METADATA, PROJECT_ROOT } from '../lib/constructs/reporting-function.ts';
import { resourcesOfType, synthesiseLocalTemplate } from '../local/stack-template.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const NODE = path.join(PROJECT_ROOT, 'node_modules/.bin/node');

/** What each SDK package costs at the floor: the client the handlers construct at import. */
const SDK_FLOOR: Record<string, string> = {
  '@aws-sdk/client-kms': "import { KMSClient } from '@aws-sdk/client-kms'; globalThis.kms = new KMSClient({});",
  '@aws-sdk/client-dynamodb': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; globalThis.ddb = new DynamoDBClient({});",
  '@aws-sdk/lib-dynamodb':
    "import { DynamoDBClient as D } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; globalThis.doc = DynamoDBDocumentClient.from(new D({}));",
  '@aws-sdk/client-sqs': "import { SQSClient } from '@aws-sdk/client-sqs'; globalThis.sqs = new SQSClient({});",
};

const work = mkdtempSync(path.join(tmpdir(), 'pac-bench-'));

const bundle = async (name: string, entry: { file: string } | { contents: string }) => {
  const outfile = path.join(work, `${name}.mjs`);
  const result = await build({
    ...BUNDLING,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    bundle: true,
    platform: 'node',
    outfile,
    metafile: true,
    logLevel: 'silent',
    ...('file' in entry
      ? { entryPoints: [path.join(PROJECT_ROOT, entry.file)] }
      : { stdin: { contents: entry.contents, resolveDir: PROJECT_ROOT, loader: 'js' } }),
  });
  const sdkPackages = new Set(
    Object.keys(result.metafile.inputs)
      .map((input) => /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\//.exec(input)?.[1])
      .filter((pkg): pkg is string => pkg !== undefined),
  );
  return { outfile, bytes: statSync(outfile).size, sdkPackages };
};

/** The function's environment from the template; references to other resources become placeholders. */
const environmentOf = (variables: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `bench-${name.toLowerCase()}`]));

const importTimes = (file: string, environment: Record<string, string>): number[] => {
  const probe = path.join(work, 'probe.mjs');
  writeFileSync(probe, 'const t = performance.now(); await import(process.argv[2]); console.log(performance.now() - t);');
  const env = { ...process.env, AWS_REGION: 'eu-west-2', ...environment, NODE_OPTIONS: '' };
  return Array.from({ length: RUNS }, () => {
    try {
      return Number(execFileSync(NODE, [probe, file], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '');
      throw new Error(`Importing ${path.basename(file)} failed: ${stderr.split('\n').filter((line) => /Error/.test(line)).slice(-1)[0] ?? 'see stderr'}`);
    }
  });
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

try {
  const template = synthesiseLocalTemplate();
  const functions = resourcesOfType(template, 'AWS::Lambda::Function').map(([, fn]) => ({
    handler: String(fn.Metadata?.[HANDLER_METADATA]),
    environment: environmentOf((fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}),
  }));
  const rows: string[][] = [];
  for (const { handler, environment } of functions) {
    const name = path.basename(handler, '.ts');
    const fn = await bundle(name, { file: handler });
    const floorPackages = [...fn.sdkPackages].filter((pkg) => pkg !== '@aws-sdk/client-dynamodb' || !fn.sdkPackages.has('@aws-sdk/lib-dynamodb'));
    const floor = await bundle(`${name}-floor`, { contents: floorPackages.map((pkg) => SDK_FLOOR[pkg] ?? '').join('\n') });
    rows.push([
      name,
      kb(fn.bytes),
      ms(median(importTimes(fn.outfile, environment))),
      floorPackages.map((pkg) => pkg.replace('@aws-sdk/', '')).join(' + '),
      kb(floor.bytes),
      ms(median(importTimes(floor.outfile, environment))),
    ]);
  }
  const header = ['function', 'bundle', 'import (median)', 'floor: SDK clients only', 'floor bundle', 'floor import (median)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`Node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}, ${RUNS} fresh processes per figure, minified ESM as Lambda runs it\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
} finally {
  rmSync(work, { recursive: true, force: true });
}
