/**
 * `npm test`: the type check and every test file, in about three minutes on two cores. Three
 * things run at once:
 *
 * - the type check (`tsc`);
 * - the in-process files (test/unit and test/infrastructure): they start no service, so they all
 *   run in one process (`--test-isolation=none`), and what they share (zod, the domain, aws-cdk-lib
 *   and the synthesised app, which test/support/synthesised-app.ts keeps per stage) loads once,
 *   not once a file;
 * - the isolated files (test/integration): each starts a local stack of its own in a process of its
 *   own, with the run's one DynamoDB Local and its templates synthesised once
 *   (test/support/global-setup.ts), several at a time, the longest first so that none is left
 *   running alone at the end.
 *
 * Node runs the TypeScript as it is (type stripping; tsconfig's `erasableSyntaxOnly` keeps the
 * code within what it can strip).
 *
 * `npm test -- <file>...` runs only those files, each in its group, without the type check.
 */
import { spawn } from 'node:child_process';
import { globSync } from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { PROJECT_ROOT } from '../lib/project-layout.ts';

/** Isolated files run at once: most wait on queues and timers as much as they compute. */
const CONCURRENCY = 4;

/** The isolated files that take longest, to start first; any other follows in name order. */
const LONGEST_FIRST = [
  'test/integration/website.test.ts',
  'test/integration/pipeline.test.ts',
  'test/integration/met-first-18-months.test.ts',
  'test/integration/every-script.test.ts',
  'test/integration/reporter-follow-up.test.ts',
  'test/integration/force-api.test.ts',
  'test/integration/contact-centre.test.ts',
  'test/integration/anonymity.test.ts',
  'test/integration/held-reports.test.ts',
  'test/integration/redrive.test.ts',
  'test/integration/statistics-and-inbox.test.ts',
  'test/integration/npm-start.test.ts',
];

const isIsolated = (file: string): boolean => file.startsWith('test/integration/');

const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;

const requested = process.argv.slice(2).map((file) => path.relative(PROJECT_ROOT, path.resolve(file)).split(path.sep).join('/'));
const files = requested.length > 0 ? requested : globSync('test/**/*.test.ts', { cwd: PROJECT_ROOT }).sort();
const isolated = files.filter(isIsolated).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const inProcess = files.filter((file) => !isIsolated(file));
function rank(file: string): number {
  const index = LONGEST_FIRST.indexOf(file);
  return index === -1 ? LONGEST_FIRST.length : index;
}

interface Finished {
  readonly name: string;
  readonly ok: boolean;
  readonly output: string;
}

/** Runs a command with its output kept, to print whole when it ends (never interleaved with the live output). */
const collected = (name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Finished> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ name, ok: false, output: `${output}${String(error)}\n` }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output }));
  });

const typecheck: Promise<Finished | undefined> =
  requested.length > 0 ? Promise.resolve(undefined) : collected('type check', path.join(PROJECT_ROOT, 'node_modules/.bin/tsc'), ['--pretty', 'false']);

// CloudFormation's template validation takes most of an in-process synthesis and only warns; the
// infrastructure tests read templates, so it is off for them (test/infrastructure/cdk-synth.test.ts
// runs `cdk synth` as an operator does, with it on).
const inProcessRun: Promise<Finished | undefined> =
  inProcess.length === 0
    ? Promise.resolve(undefined)
    : collected(
        `${inProcess.length} in-process files`,
        process.execPath,
        ['--disable-warning=ExperimentalWarning', '--test', '--test-isolation=none', '--test-reporter=spec', ...inProcess],
        { ...process.env, CDK_VALIDATION: 'false', FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
      );

const isolatedRun: Promise<boolean> =
  isolated.length === 0
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        let ok = true;
        const stream = run({
          files: isolated,
          concurrency: CONCURRENCY,
          // Node 24's run() takes it (as --test-global-setup); @types/node does not list it yet.
          ...({ globalSetupPath: path.join(PROJECT_ROOT, 'test/support/global-setup.ts') } as object),
          cwd: PROJECT_ROOT,
        });
        stream.on('test:fail', () => (ok = false));
        const report = stream.compose(new spec());
        report.pipe(process.stdout, { end: false });
        report.on('end', () => resolve(ok));
      });

const [checked, inProcessDone, isolatedOk] = await Promise.all([typecheck, inProcessRun, isolatedRun]);
const results = [
  ...(checked === undefined ? [] : [checked]),
  ...(inProcessDone === undefined ? [] : [inProcessDone]),
];
for (const result of results.filter((result) => !result.ok || result.output.trim() !== '')) {
  console.log(`\n── ${result.name} ${'─'.repeat(Math.max(0, 90 - result.name.length))}\n${result.output.trimEnd()}`);
}
const lines = [
  ...results.map((result) => `${result.name}: ${result.ok ? 'passed' : 'FAILED'}`),
  ...(isolated.length === 0 ? [] : [`${isolated.length} isolated files: ${isolatedOk ? 'passed' : 'FAILED'}`]),
];
console.log(`\n${lines.join('\n')}\nnpm test took ${seconds()}`);
process.exitCode = results.every((result) => result.ok) && isolatedOk ? 0 : 1;
