/**
 * `npm run bench`: for each function of ours in the stack (each Lambda function with `pac:handler`
 * metadata), its bundle size and the median time a fresh Node.js 24 process takes to import it
 * (what a cold start pays before the handler runs), beside the floor: a bundle holding only the
 * AWS SDK clients that function uses, loaded as it loads them (constructed, as by the handlers, only
 * at the first request, so not at import). Both are built with the stack's
 * esbuild settings (source map included) and imported with the function's environment, except
 * NODE_OPTIONS=--enable-source-maps, whose cost (Node reading the map at import) is measured apart
 * for the hot path and printed under the table. A figure, not a test: these
 * machines are shared and noisy, so read the medians, not a run. CDK's own functions (the
 * custom-resource providers CloudFormation runs at deploy time) have no handler module of ours;
 * the bench names them and says why it skips them.
 *
 * With `--sdk-from-runtime`: the other way of shipping the SDK, measured the same way. Each bundle
 * leaves `@aws-sdk/*` and `@smithy/*` out and loads them from node_modules, as a function would
 * load the copy in Lambda's Node.js 24 runtime (/var/runtime/node_modules); its floor is the same
 * clients loaded the same way. The ratio then has the runtime's SDK under it as well as over it.
 *
 * With `--quick` (`npx node scripts/bench.ts --quick`): the same bundles, each imported once in a fresh process, a few
 * at a time; it asserts only that every bundle builds and imports and exports a handler, no
 * figures. test/infrastructure/bench-quick.test.ts runs it in `npm test`, so the bench cannot rot
 * unnoticed.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleOptions } from '../lib/constructs/function-bundles.ts';
import { HANDLER_METADATA, PROJECT_ROOT } from '../lib/project-layout.ts';
import { deployTimeFunctions } from '../local/lambda-runtime.ts';
import { resolver, resourcesOfType, type StackTemplate } from '../local/stack-template.ts';
import { synthesiseLocalTemplate } from '../local/synthesise.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** The goals of issue 13: every function's import at most this many times its floor... */
const GOAL_RATIO = 1.25;
/** ...and the functions on the public hot path at most this many. */
const HOT_PATH_GOAL_RATIO = 1.1;
const HOT_PATH = new Set(['submit-report', 'report-form', 'route-report']);
/** What `--sdk-from-runtime` leaves out of each bundle, to be loaded from node_modules. */
const RUNTIME_SDK = ['@aws-sdk/*', '@smithy/*'];
const NODE = path.join(PROJECT_ROOT, 'node_modules/.bin/node');
const REGION = 'eu-west-2';
const ACCOUNT = '123456789012';
/** How long one import may take before it counts as a failure (a bundle that never settles). */
const IMPORT_TIMEOUT_MS = 60_000;

/**
 * What each SDK package costs at the floor: its client's modules, loaded and kept, and nothing
 * constructed. The handlers construct their clients when first needed, at their first request
 * (functions/adapters/composition-root.ts, dynamodb-client.ts), so an import of theirs constructs
 * none, and the floor's import must not either: a floor that constructed its three clients at
 * import did 6 to 9 ms (about 10%) of work the functions' imports did not, and flattered every ratio.
 */
const SDK_FLOOR: Record<string, string> = {
  '@aws-sdk/client-kms': "import { KMSClient } from '@aws-sdk/client-kms'; globalThis.kms = KMSClient;",
  '@aws-sdk/client-dynamodb': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; globalThis.ddb = DynamoDBClient;",
  '@aws-sdk/lib-dynamodb':
    "import { DynamoDBClient as D } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; globalThis.doc = [D, DynamoDBDocumentClient];",
  '@aws-sdk/client-sqs': "import { SQSClient } from '@aws-sdk/client-sqs'; globalThis.sqs = SQSClient;",
};

export interface BenchFunction {
  readonly logicalId: string;
  /** Relative to the project root, from the function's `pac:handler` metadata. */
  readonly handlerModule: string;
  /** The function's environment from the template, references resolved to placeholders. */
  readonly environment: Record<string, string>;
}

export interface SkippedFunction {
  readonly logicalId: string;
  /** True for CDK's custom-resource providers; false for a function that should have had metadata. */
  readonly deployTimeOnly: boolean;
  readonly reason: string;
}

/** A map that answers every key, so every reference in the template resolves to a stand-in. */
class Placeholders extends Map<string, string> {
  private readonly placeholder: (key: string) => string;

  constructor(placeholder: (key: string) => string) {
    super();
    this.placeholder = placeholder;
  }
  override get(key: string): string {
    return super.get(key) ?? this.placeholder(key);
  }
}

/**
 * Stand-ins for what the stack's references resolve to once deployed: shaped like the real thing
 * (a queue URL, a user pool's issuer, a key ARN) so that configuration parsed at import parses,
 * and pointing nowhere; importing a handler calls no AWS service.
 */
const placeholderResolver = (template: StackTemplate) => {
  const typeOf = (logicalId: string) => template.Resources[logicalId]?.Type ?? '';
  const pseudo: Record<string, string> = {
    'AWS::Region': REGION,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::AccountId': ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::StackName': 'PoliceReporting-bench',
  };
  const refs = new Placeholders((logicalId) => {
    if (pseudo[logicalId] !== undefined) return pseudo[logicalId];
    const properties = template.Resources[logicalId]?.Properties ?? {};
    const named = (property: string) => (typeof properties[property] === 'string' ? (properties[property] as string) : logicalId);
    switch (typeOf(logicalId)) {
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${named('QueueName')}`;
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        return named('TableName');
      case 'AWS::Cognito::UserPool':
        return `${REGION}_${logicalId.replace(/[^A-Za-z0-9]/g, '').slice(-9)}`;
      case 'AWS::Cognito::UserPoolClient':
        return logicalId.toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(26, '0').slice(-26);
      default:
        return logicalId;
    }
  });
  const attributes = new Placeholders((key) => {
    const [logicalId = '', attribute = ''] = key.split('.');
    if (attribute !== 'Arn') return `bench-${logicalId}-${attribute}`.toLowerCase();
    const [, service = 'unknown', kind = 'resource'] = typeOf(logicalId).split('::');
    return `arn:aws:${service.toLowerCase()}:${REGION}:${ACCOUNT}:${kind.toLowerCase()}/${logicalId}`;
  });
  return resolver(refs, attributes);
};

/**
 * Our functions (those with `pac:handler` metadata) and the ones skipped, each with the reason:
 * CDK's own custom-resource providers have no handler module of ours to bundle (the website's
 * BucketDeployment even runs Python).
 */
export const functionsOf = (template: StackTemplate): { functions: BenchFunction[]; skipped: SkippedFunction[] } => {
  const resolve = placeholderResolver(template);
  const deployTimeOnly = deployTimeFunctions(template);
  const servedBy = (logicalId: string) =>
    Object.values(template.Resources)
      .filter((resource) => (resource.Properties?.ServiceToken as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0] === logicalId)
      .map((resource) => resource.Type);
  const functions: BenchFunction[] = [];
  const skipped: SkippedFunction[] = [];
  for (const [logicalId, resource] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const handlerModule = resource.Metadata?.[HANDLER_METADATA];
    if (typeof handlerModule === 'string') {
      const variables = (resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      // All of it, NODE_OPTIONS (--enable-source-maps) included; the table's figures leave that one out
      // (withoutSourceMaps), and the source maps' own cost is measured apart.
      const environment = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(value)]));
      functions.push({ logicalId, handlerModule, environment });
    } else if (deployTimeOnly.has(logicalId)) {
      skipped.push({
        logicalId,
        deployTimeOnly: true,
        reason: `CDK's own provider for ${[...new Set(servedBy(logicalId))].join(', ')} (${String(resource.Properties?.Runtime)}), run by CloudFormation at deploy time: no handler module of ours`,
      });
    } else {
      skipped.push({
        logicalId,
        deployTimeOnly: false,
        reason: `no ${HANDLER_METADATA} metadata and serves no custom resource: a function made without ReportingFunction?`,
      });
    }
  }
  return { functions, skipped };
};

/** Where a function's AWS SDK comes from: inside its bundle (as deployed), or Lambda's runtime. */
export type SdkSource = 'bundled' | 'runtime';

export interface Bundle {
  readonly outfile: string;
  readonly bytes: number;
  readonly sdkPackages: ReadonlySet<string>;
}

/**
 * Bundles each entry with the stack's esbuild settings (bundleOptions in lib/constructs/function-bundles.ts),
 * all in one esbuild call, as synthesis does. Without code splitting each output stands alone, the
 * same bundle a build of its own would give.
 */
const bundleAll = async (outdir: string, entries: Record<string, string>, plugins: Plugin[] = [], sdk: SdkSource = 'bundled'): Promise<Map<string, Bundle>> => {
  const external = sdk === 'runtime' ? RUNTIME_SDK : [];
  const result = await build({ ...bundleOptions(entries, outdir), metafile: true, logLevel: 'silent', plugins, external });
  const outputs: Metafile['outputs'] = result.metafile.outputs;
  return new Map(
    Object.keys(entries).map((name) => {
      const outfile = path.join(outdir, `${name}.mjs`);
      const output = outputs[path.relative(PROJECT_ROOT, outfile).split(path.sep).join('/')];
      if (output === undefined) throw new Error(`esbuild wrote no ${outfile}`);
      // Bundled, the SDK packages are among the inputs; left out, among the imports the bundle keeps.
      const sdkPackages = new Set(
        [...Object.keys(output.inputs), ...output.imports.filter((imported) => imported.external).map((imported) => `node_modules/${imported.path}/`)]
          .map((input) => /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\//.exec(input)?.[1])
          .filter((pkg): pkg is string => pkg !== undefined),
      );
      return [name, { outfile, bytes: output.bytes, sdkPackages }];
    }),
  );
};

/** Bundle names: the handler module's path without `.ts`, unique because the path is. */
const bundleName = (handlerModule: string) => handlerModule.replace(/\.ts$/, '');

/** One bundle per handler module, keyed by handler module. */
export const bundleFunctions = async (outdir: string, functions: readonly BenchFunction[], sdk: SdkSource = 'bundled'): Promise<Map<string, Bundle>> => {
  const modules = [...new Set(functions.map((fn) => fn.handlerModule))];
  const bundles = await bundleAll(outdir, Object.fromEntries(modules.map((module) => [bundleName(module), path.join(PROJECT_ROOT, module)])), [], sdk);
  return new Map(modules.map((module) => [module, bundles.get(bundleName(module))!]));
};

/** The floor bundles, one per set of SDK packages, in one esbuild call; keyed by `floorKey`. */
const bundleFloors = async (outdir: string, packageSets: readonly (readonly string[])[], sdk: SdkSource): Promise<Map<string, Bundle>> => {
  const sources = new Map(packageSets.map((packages) => [floorKey(packages), packages.map((pkg) => SDK_FLOOR[pkg] ?? '').join('\n')]));
  const virtualFloors: Plugin = {
    name: 'bench-floors',
    setup(builder) {
      builder.onResolve({ filter: /^floor:/ }, (args) => ({ path: args.path.slice('floor:'.length), namespace: 'bench-floor' }));
      builder.onLoad({ filter: /.*/, namespace: 'bench-floor' }, (args) => ({ contents: sources.get(args.path) ?? '', resolveDir: PROJECT_ROOT, loader: 'js' }));
    },
  };
  const entries = Object.fromEntries([...sources.keys()].map((key) => [`floors/${key.replace(/[^a-z0-9+-]/g, '_')}`, `floor:${key}`]));
  const bundles = await bundleAll(outdir, entries, [virtualFloors], sdk);
  return new Map([...sources.keys()].map((key) => [key, bundles.get(`floors/${key.replace(/[^a-z0-9+-]/g, '_')}`)!]));
};

const floorKey = (packages: readonly string[]) => packages.map((pkg) => pkg.replace('@aws-sdk/', '')).join(' + ') || 'no SDK client';

/** The SDK packages a function's floor constructs: the document client brings its DynamoDB client. */
const floorPackagesOf = (bundle: Bundle) =>
  [...bundle.sdkPackages].filter((pkg) => pkg !== '@aws-sdk/client-dynamodb' || !bundle.sdkPackages.has('@aws-sdk/lib-dynamodb')).sort();

/**
 * Writes the probe a fresh process runs: it times `import()` of the bundle (parse, evaluation, and
 * what the module constructs at import; not Node's own start-up), in elapsed time and in the CPU
 * time the process spent meanwhile, and, for a function's bundle, checks that it exports the
 * `handler` Lambda calls.
 */
const writeProbe = (work: string) => {
  const probe = path.join(work, 'probe.mjs');
  writeFileSync(
    probe,
    [
      'const cpuBefore = process.cpuUsage();',
      'const started = performance.now();',
      'const module = await import(process.argv[2]);',
      'const elapsed = performance.now() - started;',
      'const cpu = process.cpuUsage(cpuBefore);',
      "if (process.argv[3] === 'handler' && typeof module.handler !== 'function') throw new Error('the bundle exports no handler function');",
      'console.log(JSON.stringify({ elapsed, cpu: (cpu.user + cpu.system) / 1000 }));',
    ].join('\n'),
  );
  return probe;
};

/**
 * Imports a bundle in a fresh Node.js process; the milliseconds the import took, elapsed and of CPU. The process gets
 * the function's environment and the region, as in Lambda, and nothing from this shell: a
 * variable the template forgot cannot be covered by one a developer happens to have set.
 */
interface ImportTime {
  readonly elapsed: number;
  readonly cpu: number;
}

const importOnce = (probe: string, bundle: Bundle, environment: Record<string, string>, check: 'handler' | 'none'): Promise<ImportTime> => {
  const env = { AWS_REGION: REGION, AWS_DEFAULT_REGION: REGION, ...environment };
  return new Promise((resolve, reject) => {
    execFile(NODE, [probe, pathToFileURL(bundle.outfile).href, check], { env, encoding: 'utf8', timeout: IMPORT_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error === null) return resolve(JSON.parse(stdout.trim()) as ImportTime);
      const lines = stderr.split('\n').filter((line) => line.trim() !== '');
      const cause = lines.filter((line) => /Error/.test(line)).slice(-1)[0] ?? lines.slice(-1)[0] ?? (error.killed ? `no answer in ${IMPORT_TIMEOUT_MS / 1000} s` : error.message);
      reject(new Error(`Importing ${path.relative(path.dirname(probe), bundle.outfile)} failed: ${cause.trim()}`));
    });
  });
};

/** The environment without NODE_OPTIONS, so Node does not read the bundle's source map at import. */
const withoutSourceMaps = (environment: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(environment).filter(([name]) => name !== 'NODE_OPTIONS'));

/** Runs each task, at most `limit` at a time; results in the order of the items. */
const inParallel = async <T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface QuickResult {
  readonly logicalId: string;
  readonly handlerModule: string;
  /** How long its one import took; for reading only, nothing compares it. */
  readonly importMs?: number;
  readonly error?: string;
}

export interface QuickRun {
  readonly results: QuickResult[];
  readonly skipped: SkippedFunction[];
  readonly seconds: { readonly synthesis: number; readonly bundling: number; readonly imports: number };
}

/** Fresh processes at a time: a few, and no more than the machine's cores. */
const defaultConcurrency = () => Math.max(1, Math.min(4, availableParallelism()));

/**
 * The quick mode: every function of ours bundled as the bench bundles it (all in one esbuild
 * call), then each bundle imported once in a fresh process, `concurrency` at a time. Failures are
 * returned, not thrown, so one broken function does not hide another. The bundles live in a
 * temporary directory, removed before this returns. `template` is the local stack's template when
 * the caller has it already (npm test synthesises it once for every file); otherwise it is synthesised.
 */
export const quickCheck = async ({ concurrency = defaultConcurrency(), template }: { concurrency?: number; template?: StackTemplate } = {}): Promise<QuickRun> => {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const seconds = (now - mark) / 1000;
    mark = now;
    return seconds;
  };
  const { functions, skipped } = functionsOf(template ?? synthesiseLocalTemplate());
  const synthesis = lap();
  const work = mkdtempSync(path.join(tmpdir(), 'pac-bench-quick-'));
  try {
    let bundles: Map<string, Bundle>;
    try {
      bundles = await bundleFunctions(work, functions);
    } catch (error) {
      const failure = `bundling failed: ${messageOf(error)}`;
      return { results: functions.map(({ logicalId, handlerModule }) => ({ logicalId, handlerModule, error: failure })), skipped, seconds: { synthesis, bundling: lap(), imports: 0 } };
    }
    const bundling = lap();
    const probe = writeProbe(work);
    const results = await inParallel(functions, concurrency, async ({ logicalId, handlerModule, environment }): Promise<QuickResult> => {
      try {
        return { logicalId, handlerModule, importMs: (await importOnce(probe, bundles.get(handlerModule)!, environment, 'handler')).elapsed };
      } catch (error) {
        return { logicalId, handlerModule, error: messageOf(error) };
      }
    });
    return { results, skipped, seconds: { synthesis, bundling, imports: lap() } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const printSkipped = (skipped: readonly SkippedFunction[]) => {
  if (skipped.length === 0) return;
  console.log(`Skipped ${skipped.length} function${skipped.length === 1 ? '' : 's'} without ${HANDLER_METADATA} metadata:`);
  for (const { logicalId, reason } of skipped) console.log(`  ${logicalId}: ${reason}`);
  console.log('');
};

const table = (header: string[], rows: string[][]) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

const runQuick = async () => {
  const { results, skipped, seconds } = await quickCheck();
  const failed = results.filter((result) => result.error !== undefined);
  console.log(`Quick bench: each function's bundle built and imported once in a fresh process; no figures asserted.\n`);
  printSkipped(skipped);
  for (const { handlerModule, importMs, error } of results) {
    console.log(`${error === undefined ? 'ok  ' : 'FAIL'} ${handlerModule}${error === undefined ? ` (${ms(importMs!)})` : `: ${error}`}`);
  }
  console.log(
    `\n${results.length - failed.length} of ${results.length} functions bundled and imported; ` +
      `synthesis ${seconds.synthesis.toFixed(1)} s, bundling ${seconds.bundling.toFixed(1)} s, imports ${seconds.imports.toFixed(1)} s`,
  );
  const unexplained = skipped.filter((function_) => !function_.deployTimeOnly);
  if (unexplained.length > 0) console.log(`FAIL: ${unexplained.map((function_) => function_.logicalId).join(', ')} would drop out of the bench unseen`);
  if (failed.length > 0 || unexplained.length > 0) process.exitCode = 1;
};

/**
 * Why the stack bundles as it does (lib/constructs/function-bundles.ts and the modules it bundles),
 * from the measurements of issue 13; printed under the table so a reader sees the choice beside
 * the figures. Each lever was measured as medians of fresh processes, A/B interleaved, in one run.
 */
const CHOICES = [
  'What was measured and kept (issue 13, goal 1). Each lever was measured as medians of fresh processes, A/B',
  'interleaved in one run; on this shared machine differences under about 3% are within the noise.',
  '- The floor is now loaded and not constructed, as the functions are at import (see floor above). Ratios',
  '  printed before 2026-12-03\'s third session had a floor that constructed its clients, and read about 0.1',
  '  lower than this table would for the same code: compare ratios only within one version of this script.',
  '- The AWS SDK stays in the bundle. Loaded from node_modules instead, as from the copy in Lambda\'s runtime',
  '  (`--sdk-from-runtime` measures it), the SDK clients alone take about twice as long to import as',
  '  bundled (three clients, constructed: 130 ms against 62 ms, submit-report 166 ms against 96 ms, one A/B run): the',
  '  ratio looks better only because the slower SDK is under it too. Bundled also pins the version.',
  '- The source map keeps its mappings but not the sources\' text (sourcesContent: false). Lambda runs each',
  '  function with --enable-source-maps, so Node reads and parses the whole map at import: 2.9 MB for',
  '  submit-report with the text, 0.9 MB without; as deployed, the hot path imports 6 to 12 ms of CPU sooner',
  '  (41 paired fresh processes). Stack traces still map to our files and lines. The map itself still costs',
  '  about 10 to 15 ms per cold start (table above), most of it the SDK\'s mappings, the floor\'s as much as',
  '  ours; turning --enable-source-maps off would save that, at the price of minified stack traces in the',
  '  logs (the map kept beside the bundle could translate them). Left on: that is an operations decision.',
  '- Measured and not kept: the service\'s own JSON logger in place of Powertools\' Logger (the same lines,',
  '  20 KB less in every bundle) gave 2 to 4 ms of CPU on submit-report and 0 to 2 ms, within the noise, on',
  '  report-form and route-report. Not worth a hundred lines of logging of our own to keep in step with',
  '  Powertools\' format, which the log queries and alarms rely on: Powertools\' Logger stays.',
  '- Nothing is built at import that a function may not use: the force registry\'s id and name indexes are',
  '  built at first use (submit-report now drops the registry, 9 KB); no pure call keeps arguments that call',
  '  (the 114 KB confusables table left every function that never folds text), the use cases a function',
  '  does not use are in modules it does not import, and no Intl at import (ICU\'s first toLocaleString or',
  '  collator costs about 10 ms).',
  '- Every schema is built with zod/mini (functions/domain/zod.ts), not classic zod, which gives each schema',
  '  every method: submit-report\'s schema modules alone import in 7.8 ms against 16.7 ms, and the hot path',
  '  4 to 9 ms sooner (one A/B run of 41 paired fresh processes); the published documents are unchanged.',
  '- Measured and not kept (no difference beyond the noise): schemas without their documentation metadata in',
  '  the bundles, the settings\' schemas built at first use, the JSON tables as JSON.parse of a string, and',
  '  esbuild\'s keepNames, target es2020 or es2022. Worse: CommonJS (1.4 to 1.8 times the import of ESM, the',
  '  same bytes) and main-first main fields (45% bigger bundles, 20 to 38% slower); unminified costs little',
  '  time (1 to 3%) for 2.4 times the bytes: parsing is lazy, so what a bundle runs at import counts more',
  '  than its size.',
  '- The router folds text with only the TR39 confusable skeletons that can change a folded word (608 of',
  '  6,294 characters, functions/domain/confusable-skeletons.generated.ts): route-report 106 KB smaller and',
  '  about 3 ms of CPU sooner (41 paired fresh processes); test/unit/confusable-skeletons.test.ts proves the',
  '  folding unchanged against the full table.',
  '- One lazy import(): the router imports the identifying-details check at the first report it keeps for',
  '  review (functions/domain/dissemination.ts). Bundled without code splitting it defers the module\'s',
  '  evaluation (its patterns built), not its bytes: about 9 ms of CPU off a cold start that reviews nothing',
  '  (review off, as in this local stage, or an exempt force); with review on it moves to the first report.',
  '  V8 still checks every regular expression literal of it as it parses the bundle (about 5 ms more).',
  '  Elsewhere import() measured no better: person-link filing behind it gave 1 ms or less (and 5 KB more),',
  '  and report-form\'s idempotency behind it made the bundle 52 KB bigger and the import no faster.',
  '- Measured and not applied, because they make the SDK itself load faster, the floor as much as the',
  '  functions, so every ratio rises while every cold start falls (a decision about the goal, not the code):',
  '  importing Node\'s built-in modules with require() instead of import (an esbuild plugin): an ESM import',
  '  of node:http builds its namespace, which loads Node\'s undici; about 12 ms of CPU less for each function',
  '  and its floor alike (route-report 13 ms, its floor 12 ms, one A/B run). And code splitting: what the',
  '  SDK loads with its own import() only when needed (the credential providers Lambda does not use: SSO,',
  '  STS, sign-in and others, about 290 KB of route-report) left out of the import: route-report 27 ms of',
  '  CPU less, its floor 21 ms (one A/B run); every asset would then hold its chunks.',
  '- What remains over the floor: Powertools\' idempotency (44 KB with its JMESPath, about 2 ms; used on',
  '  every submission), zod building the schemas at import (2 to 3 ms, used on every request), middy, and',
  '  our code; in route-report also the identifying-details check\'s bytes, the postcode tables (87 KB,',
  '  under 1 ms: plain data) and the force message schemas. submit-report and report-form use every',
  '  module they load on every request (report-form\'s blank form excepted, see above).',
  '- esbuild: minified ESM for node24 with module-first main fields, as before.',
];

const runBench = async (sdk: SdkSource) => {
  const { functions, skipped } = functionsOf(synthesiseLocalTemplate());
  printSkipped(skipped);
  // Left out of the bundles, the SDK resolves from the project's node_modules: the bundles must sit inside it.
  const work = mkdtempSync(sdk === 'runtime' ? path.join(PROJECT_ROOT, '.bench-') : path.join(tmpdir(), 'pac-bench-'));
  try {
    const bundles = await bundleFunctions(work, functions, sdk);
    const floorSets = new Map([...bundles.values()].map((bundle) => [floorKey(floorPackagesOf(bundle)), floorPackagesOf(bundle)]));
    const floors = await bundleFloors(work, [...floorSets.values()], sdk);
    const probe = writeProbe(work);
    // A function's imports and its floor's take turns, so that both see the same load on a shared machine.
    const pairedMedians = async (bundle: Bundle, floor: Bundle, environment: Record<string, string>, floorEnvironment = environment) => {
      const times: ImportTime[] = [];
      const floorTimes: ImportTime[] = [];
      for (let run = 0; run < RUNS; run++) {
        times.push(await importOnce(probe, bundle, environment, 'handler'));
        floorTimes.push(await importOnce(probe, floor, floorEnvironment, 'none'));
      }
      const medians = (of: ImportTime[]) => ({ elapsed: median(of.map((time) => time.elapsed)), cpu: median(of.map((time) => time.cpu)) });
      return [medians(times), medians(floorTimes)] as const;
    };
    const rows: string[][] = [];
    const over: string[] = [];
    for (const [index, { handlerModule, environment }] of functions.entries()) {
      process.stderr.write(`measuring ${handlerModule} (${index + 1} of ${functions.length})\n`);
      const bundle = bundles.get(handlerModule)!;
      const key = floorKey(floorPackagesOf(bundle));
      const floor = floors.get(key)!;
      const [imported, floorImport] = await pairedMedians(bundle, floor, withoutSourceMaps(environment));
      const name = path.basename(handlerModule, '.ts');
      const goal = HOT_PATH.has(name) ? HOT_PATH_GOAL_RATIO : GOAL_RATIO;
      const ratio = imported.elapsed / floorImport.elapsed;
      const cpuRatio = imported.cpu / floorImport.cpu;
      if (ratio > goal) over.push(name);
      rows.push([
        name,
        kb(bundle.bytes),
        ms(imported.elapsed),
        key,
        kb(floor.bytes),
        ms(floorImport.elapsed),
        ms(imported.elapsed - floorImport.elapsed),
        `${ratio.toFixed(2)}x`,
        `${goal}x${ratio > goal ? ' OVER' : ''}`,
        `${ms(imported.cpu)} / ${ms(floorImport.cpu)}`,
        `${cpuRatio.toFixed(2)}x`,
      ]);
    }
    // What Lambda pays on top, for the hot path: Node reading each bundle's source map at import
    // (NODE_OPTIONS=--enable-source-maps, as the stack sets it), the same bundle imported with and without.
    const sourceMapRows: string[][] = [];
    for (const { handlerModule, environment } of functions.filter((fn) => HOT_PATH.has(path.basename(fn.handlerModule, '.ts')))) {
      if (environment.NODE_OPTIONS === undefined) continue;
      process.stderr.write(`measuring ${handlerModule} with its source map\n`);
      const bundle = bundles.get(handlerModule)!;
      const [withMaps, without] = await pairedMedians(bundle, bundle, environment, withoutSourceMaps(environment));
      sourceMapRows.push([
        path.basename(handlerModule, '.ts'),
        kb(statSync(`${bundle.outfile}.map`).size),
        ms(without.elapsed),
        ms(withMaps.elapsed),
        ms(withMaps.elapsed - without.elapsed),
        ms(withMaps.cpu - without.cpu),
      ]);
    }
    const header = ['function', 'bundle', 'import (median)', 'floor: SDK clients only', 'floor bundle', 'floor import (median)', 'over floor', 'ratio', 'goal', 'CPU: import / floor', 'CPU ratio'];
    const shipped = sdk === 'runtime' ? "the AWS SDK left out and loaded from node_modules, as from Lambda's runtime (--sdk-from-runtime)" : 'the AWS SDK bundled, as deployed';
    console.log(`Node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}, ${RUNS} fresh processes per figure, minified ESM as Lambda runs it, ${shipped}`);
    console.log(`${functions.length} functions of ours (those with ${HANDLER_METADATA} metadata), bundled with the stack's esbuild settings (bundleOptions in lib/constructs/function-bundles.ts).\n`);
    console.log(table(header, rows));
    console.log(
      [
        '',
        'bundle: the size of the minified ESM bundle; its source map (mappings only) sits beside it, as deployed.',
        'import (median): the median, over fresh node processes, of the time from import() of the bundle to its',
        "  settling: parsing, evaluation and what the module constructs at import. Node's own start-up is not in it.",
        "  Each process has the function's environment from the template but NODE_OPTIONS (--enable-source-maps), whose",
        '  cost is measured apart below; the floor is imported with the same environment.',
        "floor: a bundle holding only the AWS SDK clients found in that function's bundle (with its own source map), loaded and",
        '  not constructed: the handlers construct their clients at their first request, not at import (an earlier floor',
        '  constructed them, 6 to 9 ms the functions did not spend at import, which flattered every ratio). Imported in',
        "  turn with the function's own imports, so both see the same load.",
        'over floor: import minus floor import, what our code and the other libraries add to a cold start',
        '  (within the noise: a small negative figure means no measurable difference).',
        `ratio: import over floor import. goal: at most ${GOAL_RATIO}x, and ${HOT_PATH_GOAL_RATIO}x for ${[...HOT_PATH].join(', ')} (issue 13).`,
        'CPU: the median CPU time (user and system, every thread of the process) the same imports took, and its ratio.',
        '  A process waiting for a core accrues none, so on a busy machine it is steadier than the elapsed time; on',
        "  Lambda, which gives a small function a share of one core, a cold start's import is about its CPU time.",
        '  The goals are judged on the elapsed ratio; where the two disagree, the run was noisy.',
        over.length === 0 ? 'Every function is within its goal in this run.' : `Over its goal in this run: ${over.join(', ')}.`,
        '',
        'The source map, as deployed: each function runs with NODE_OPTIONS=--enable-source-maps, and Node then reads and',
        "parses its bundle's source map at import. The table above leaves that out for function and floor alike (a",
        'minimal function need not turn it on, and a cost added to both would flatter the ratio); here is what it adds,',
        `the same bundle imported with and without it, in turn, ${RUNS} fresh processes each:`,
        table(['function', 'source map', 'import without', 'import with', 'the source map adds', 'of CPU'], sourceMapRows),
        '',
        ...CHOICES,
      ].join('\n'),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

if (import.meta.main) {
  await (process.argv.includes('--quick') ? runQuick() : runBench(process.argv.includes('--sdk-from-runtime') ? 'runtime' : 'bundled'));
}
