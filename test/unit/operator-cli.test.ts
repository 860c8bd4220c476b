/**
 * The operator commands (`npm run inbox`, `stats`, `redrive`, `release-held`, `holdings`) as one tool:
 * one parser (bin/operator-cli.ts), --help/-h on each naming the command, its options, an example
 * and the exit codes, one line `<command>: <message>` and "Run with --help for usage." for bad
 * usage with exit code 2, and table and queue names from lib/stage.ts. Each command is also run as
 * `npm run` runs it, as a child process, with nothing listening anywhere: usage needs no AWS.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { HOLDINGS } from '../../bin/holdings.ts';
import { INBOX } from '../../bin/inbox.ts';
import {
  CommandFailure,
  type CommandSpec,
  defineCommand,
  endpointOption,
  EXIT,
  explainAwsError,
  type Io,
  type OptionSpecs,
  parseCommandLine,
  positiveInteger,
  regionOption,
  runCommand,
  stageOption,
  tableOption,
  usageText,
  UsageError,
} from '../../bin/operator-cli.ts';
import { REDRIVE, redriveQueues } from '../../bin/redrive.ts';
import { RELEASE_HELD } from '../../bin/release-held-reports.ts';
import { STATS } from '../../bin/stats.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { resourceNames } from '../../lib/stage.ts';

const EXAMPLE = defineCommand({
  name: 'example',
  synopsis: '--queue <name> [--dry-run] [options]',
  summary: 'An example command.',
  options: {
    queue: { type: 'string', value: '<name>', description: 'the queue' },
    'dry-run': { type: 'boolean', description: 'change nothing' },
    max: { type: 'string', value: '<n>', description: 'at most this many', default: '1000', parse: positiveInteger },
    stage: stageOption,
    table: tableOption,
    endpoint: endpointOption('sqs'),
    region: regionOption,
  },
  examples: ['npm run example -- --queue intake --dry-run'],
});

const parse = (argv: string[], env: Record<string, string> = {}) => parseCommandLine(EXAMPLE, argv, env);
const usageProblem = (argv: string[], env: Record<string, string> = {}): string => {
  try {
    parse(argv, env);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    assert.doesNotMatch(error.message, /\n/, 'one line');
    return error.message;
  }
  assert.fail(`${argv.join(' ')} was taken`);
};

/** An Io that keeps what a command writes. */
const recording = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { io, out, err };
};

describe('the operator commands’ parser', () => {
  it('gives every option its value, typed: defaults, booleans false unless given, counts as numbers, the stage checked', () => {
    const line = parse(['--queue', 'kent', '--max', '25', '--stage', 'prod']);
    assert.equal(line.help, false);
    if (line.help) return;
    assert.deepEqual(line.values, {
      queue: 'kent',
      'dry-run': false,
      max: 25,
      stage: 'prod',
      table: undefined,
      endpoint: undefined,
      region: undefined,
    });
    const defaults = parse(['--dry-run']);
    assert.ok(!defaults.help);
    if (defaults.help) return;
    assert.equal(defaults.values.max, 1000);
    assert.equal(defaults.values.stage, 'local');
    assert.equal(defaults.values['dry-run'], true);
  });

  it('takes an endpoint from the environment when none is given, and the one given over it', () => {
    const fromEnv = parse([], { AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566' });
    assert.ok(!fromEnv.help && fromEnv.values.endpoint === 'http://127.0.0.1:4566');
    const given = parse(['--endpoint=http://localhost:9324'], { AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566' });
    assert.ok(!given.help && given.values.endpoint === 'http://localhost:9324');
    assert.equal(usageProblem([], { AWS_ENDPOINT_URL_SQS: 'localhost' }), 'AWS_ENDPOINT_URL_SQS must be a URL such as http://127.0.0.1:4566, not "localhost"');
  });

  it('says in one line what is wrong with a command line', () => {
    assert.equal(usageProblem(['--bogus']), 'unknown option --bogus');
    assert.equal(usageProblem(['--dryrun']), 'unknown option --dryrun; did you mean --dry-run?');
    assert.equal(usageProblem(['--stag', 'dev']), 'unknown option --stag; did you mean --stage?');
    assert.equal(usageProblem(['-x']), 'unknown option -x');
    assert.equal(usageProblem(['--regon', 'eu-west-2']), 'unknown option --regon; did you mean --region?');
    assert.equal(usageProblem(['--verbose']), 'unknown option --verbose');
    assert.equal(usageProblem(['--queue']), '--queue needs a value');
    assert.equal(usageProblem(['--queue', '--dry-run']), '--queue needs a value (to give one that starts with "-", write --queue=<value>)');
    assert.equal(usageProblem(['--dry-run=yes']), '--dry-run takes no value');
    assert.equal(usageProblem(['kent']), 'unexpected argument "kent": this command takes only options');
    assert.equal(usageProblem(['--stage', 'staging']), '--stage must be dev, prod or local, not "staging"');
    assert.equal(usageProblem(['--max', '0']), '--max must be a whole number of 1 or more, not "0"');
    assert.equal(usageProblem(['--max', 'ten']), '--max must be a whole number of 1 or more, not "ten"');
    assert.equal(usageProblem(['--endpoint', 'localhost:4566']), '--endpoint must be a URL such as http://127.0.0.1:4566, not "localhost:4566"');
    assert.equal(usageProblem(['--queue', '']), '--queue needs a value');
  });

  it('answers --help and -h, even beside options it does not know', () => {
    for (const argv of [['--help'], ['-h'], ['--queue', 'kent', '-h'], ['--bogus', '--help']]) {
      assert.deepEqual(parse(argv), { help: true }, argv.join(' '));
    }
  });

  it('writes a usage text that names the command, every option, an example and the exit codes', () => {
    const text = usageText(EXAMPLE);
    assert.match(text, /^Usage: npm run example -- --queue <name> \[--dry-run\] \[options\]\n/);
    assert.match(text, /\n {2}--queue <name> {3,}the queue\n/);
    assert.match(text, /\n {2}--dry-run {3,}change nothing\n/);
    assert.match(text, /\n {2}--stage <stage> {3,}the stack to work on: local, dev or prod \(default local\)\n/);
    assert.match(text, /\n {2}--endpoint <url> {3,}SQS endpoint, e\.g\. http:\/\/127\.0\.0\.1:4566 for npm start \(default: AWS_ENDPOINT_URL_SQS, else AWS\)\n/);
    assert.match(text, /\n {2}-h, --help {3,}show this help and exit\n/);
    assert.match(text, /\nExample:\n {2}npm run example -- --queue intake --dry-run\n/);
    assert.match(text, /\nExit codes: 0 done; 1 failed while running \(the message says why\); 2 bad usage, nothing done\.$/);
  });
});

describe('running an operator command', () => {
  it('prints the usage text on stdout for --help, and exits 0 without running', async () => {
    const { io, out, err } = recording();
    let ran = false;
    assert.equal(await runCommand(EXAMPLE, ['--help'], async () => void (ran = true), { io, env: {} }), EXIT.ok);
    assert.deepEqual([out, err, ran], [[usageText(EXAMPLE)], [], false]);
  });

  it('exits 2 with one line and a pointer to --help for bad usage, from the parser or from the command', async () => {
    for (const [argv, line] of [
      [['--bogus'], 'example: unknown option --bogus'],
      [['--queue', 'atlantis'], 'example: "atlantis" is not a queue'],
    ] as const) {
      const { io, out, err } = recording();
      const code = await runCommand(
        EXAMPLE,
        argv,
        async ({ queue }) => {
          throw new UsageError(`"${queue}" is not a queue`);
        },
        { io, env: {} },
      );
      assert.equal(code, EXIT.usage);
      assert.deepEqual(out, []);
      assert.deepEqual(err, [line, 'Run with --help for usage.']);
    }
  });

  it('exits 1 with one line for a failure while running, and 0 when all went well', async () => {
    const failed = recording();
    const failure = async () => {
      throw new CommandFailure('There is no queue pac-prod-intake at AWS.\nIs --stage right?');
    };
    assert.equal(await runCommand(EXAMPLE, ['--queue', 'intake'], failure, { io: failed.io, env: {} }), EXIT.failed);
    assert.deepEqual(failed.err, ['example: There is no queue pac-prod-intake at AWS. Is --stage right?']);

    const crashed = recording();
    const crash = async () => {
      throw new TypeError('x is undefined');
    };
    assert.equal(await runCommand(EXAMPLE, [], crash, { io: crashed.io, env: {} }), EXIT.failed);
    assert.deepEqual(crashed.err, ['example: TypeError: x is undefined']);

    const fine = recording();
    assert.equal(await runCommand(EXAMPLE, ['--queue', 'intake'], async (values, io) => io.out(`read ${values.queue}`), { io: fine.io, env: {} }), EXIT.ok);
    assert.deepEqual([fine.out, fine.err], [['read intake'], []]);
  });

  it('explains what AWS or the local stack answered, naming what is missing', () => {
    const named = (name: string, message = name) => Object.assign(new Error(message), { name });
    const where = 'http://127.0.0.1:4566';
    const explain = (error: unknown) => explainAwsError(error, { where, doing: 'read pac-local-intake', queue: 'pac-local-intake', table: 'pac-local-reports' }).message;
    assert.equal(explain(named('QueueDoesNotExist')), `There is no queue pac-local-intake at ${where}. Is --stage right?`);
    assert.equal(explain(named('AWS.SimpleQueueService.NonExistentQueue')), `There is no queue pac-local-intake at ${where}. Is --stage right?`);
    assert.equal(explain(named('ResourceNotFoundException')), `There is no table pac-local-reports at ${where}. Name it with --table or --stage.`);
    assert.equal(explain(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' })), `Nothing answers at ${where}. Is the local stack running (npm start)?`);
    assert.match(explain(named('CredentialsProviderError', 'Could not load credentials')), /^No AWS credentials found/);
    assert.equal(explain(named('ThrottlingException', 'Slow down')), `Could not read pac-local-intake at ${where}: ThrottlingException: Slow down`);
  });
});

describe("the operator commands' names for tables and queues", () => {
  it('come from lib/stage.ts, as lib/constructs name them (checked against the template in test/integration/redrive.test.ts)', () => {
    const prod = resourceNames('prod');
    assert.equal(prod.table, 'pac-prod-reports');
    assert.equal(prod.intakeQueue, 'pac-prod-intake');
    assert.equal(prod.intakeDeadLetterQueue, 'pac-prod-intake-dlq');
    assert.equal(prod.reportQueue('kent'), 'pac-prod-reports-kent.fifo');
    assert.equal(prod.reportDeadLetterQueue('triage'), 'pac-prod-reports-triage-dlq.fifo');
    assert.equal(prod.reportQueueTemplate.replace('{destination}', 'kent'), prod.reportQueue('kent'));
  });

  it('redrive moves intake, triage and a force’s queue, and nothing else', () => {
    assert.deepEqual(redriveQueues('dev', 'intake'), { source: 'pac-dev-intake', deadLetters: 'pac-dev-intake-dlq' });
    assert.deepEqual(redriveQueues('dev', 'triage'), { source: 'pac-dev-reports-triage.fifo', deadLetters: 'pac-dev-reports-triage-dlq.fifo' });
    assert.deepEqual(redriveQueues('prod', 'kent'), { source: 'pac-prod-reports-kent.fifo', deadLetters: 'pac-prod-reports-kent-dlq.fifo' });
    assert.throws(() => redriveQueues('prod', 'atlantis'), /^UsageError: "atlantis" is not a queue/);
    assert.throws(() => redriveQueues('prod', 'the-met'), /did you mean "metropolitan"/);
    assert.throws(() => redriveQueues('prod', undefined), /--queue is required/);
  });
});

/** The environment of this process, less any endpoint a local stack here may have set. */
const withoutEndpoints = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_ENDPOINT_URL')));

/** Runs a command as `npm run` does, with the pinned Node, and nothing listening anywhere. */
const command = (script: string, ...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      path.join(PROJECT_ROOT, 'node_modules/.bin/node'),
      ['--disable-warning=ExperimentalWarning', script, ...args],
      { cwd: PROJECT_ROOT, timeout: 60_000, env: withoutEndpoints },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
    );
  });

const COMMANDS: readonly { script: string; spec: CommandSpec<OptionSpecs> }[] = [
  { script: 'bin/inbox.ts', spec: INBOX },
  { script: 'bin/stats.ts', spec: STATS },
  { script: 'bin/redrive.ts', spec: REDRIVE },
  { script: 'bin/release-held-reports.ts', spec: RELEASE_HELD },
  { script: 'bin/holdings.ts', spec: HOLDINGS },
];

describe('each operator command, run as npm run runs it', () => {
  // Each command is started once (a process costs seconds of CPU): an unknown option shows it is
  // wired to the shared parser; --help, as a process, once; the usage texts themselves are checked
  // in-process above.
  for (const { script, spec } of COMMANDS) {
    it(`npm run ${spec.name}: an unknown option is one line and exit 2`, async () => {
      const bogus = await command(script, '--bogus');
      assert.equal(bogus.code, 2);
      assert.equal(bogus.stdout, '');
      assert.equal(bogus.stderr, `${spec.name}: unknown option --bogus\nRun with --help for usage.\n`);
    });
  }

  it('npm run inbox -- --help prints its usage and exits 0, without running', async () => {
    const { spec } = COMMANDS[0]!;
    const help = await command('bin/inbox.ts', '--help');
    assert.equal(help.code, 0, help.stderr);
    assert.equal(help.stdout, `${usageText(spec)}\n`);
    assert.equal(help.stderr, '');
  });

  it('npm run redrive: a missing --queue is bad usage (exit 2), found before anything is read', async () => {
    const missing = await command('bin/redrive.ts');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "redrive: --queue is required: intake, triage or a force's id\nRun with --help for usage.\n");
  });

  it('npm run release-held: nothing answering at the endpoints is a failure while running (exit 1), in one line', async () => {
    const { code, stdout, stderr } = await command(
      'bin/release-held-reports.ts',
      '--endpoint-dynamodb',
      'http://127.0.0.1:9',
      '--endpoint-sqs',
      'http://127.0.0.1:9',
    );
    assert.equal(code, 1, stderr);
    assert.equal(stdout, '');
    const lines = stderr.trimEnd().split('\n');
    assert.match(lines.at(-1)!, /^release-held: Nothing answers at http:\/\/127\.0\.0\.1:9 \(DynamoDB\) and http:\/\/127\.0\.0\.1:9 \(SQS\)\. Is the local stack running \(npm start\)\?$/);
  });
});
