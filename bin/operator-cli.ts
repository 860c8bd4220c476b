/**
 * What the operator commands (`npm run inbox`, `stats`, `redrive`, `release-held` and `holdings`) share,
 * so that they behave as one tool: one argument parser (node:util parseArgs, strict), the common
 * options, a usage text in one layout on `--help`/`-h`, one style for errors and the same exit
 * codes:
 *
 *   0  done
 *   1  a failure while running (AWS or the local stack answered with an error, or not at all)
 *   2  bad usage: an unknown option, a missing or malformed value; nothing was done
 *
 * An error is one line on stderr, `<command>: <message>`; bad usage adds "Run with --help for
 * usage." Results go to stdout and progress to stderr, so stdout stays what a script would read.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STAGES, type Stage } from '../lib/stage.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad usage: printed as `<command>: <message>` and "Run with --help for usage.", exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure while running, already explained for an operator: printed as it is, exit code 1. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}

// Options ----------------------------------------------------------------------------------------

export interface StringOption<T = string> {
  readonly type: 'string';
  /** How the value is shown in the usage text, e.g. `<force id>`. */
  readonly value: string;
  readonly description: string;
  readonly short?: string;
  readonly default?: string;
  /** An environment variable whose value is used when the option is not given. */
  readonly env?: string;
  /** Turns the text into the value, or throws saying what it must be ("must be …"). */
  readonly parse?: (text: string) => T;
}

export interface BooleanOption {
  readonly type: 'boolean';
  readonly description: string;
  readonly short?: string;
}

export type OptionSpec = StringOption<unknown> | BooleanOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S> = S extends BooleanOption
  ? boolean
  : S extends { readonly parse: (text: string) => infer T }
    ? S extends { readonly default: string }
      ? T
      : T | undefined
    : S extends { readonly default: string }
      ? string
      : string | undefined;

/** The values of a command's options, typed from its specs; booleans are false unless given. */
export type Values<O extends OptionSpecs> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export const stageName = (text: string): Stage => {
  if ((STAGES as readonly string[]).includes(text)) return text as Stage;
  throw new UsageError(`must be ${STAGES.join(', ').replace(/, (?=[^,]*$)/, ' or ')}`);
};

/** `--stage`: which deployment's table and queues; their names come from lib/stage.ts. */
export const stageOption = {
  type: 'string',
  value: '<stage>',
  description: 'the stack to work on: local, dev or prod (default local)',
  default: 'local',
  parse: stageName,
} as const satisfies StringOption<Stage>;

/** `--region`: the SDK's usual region unless given, and the local stack's with an endpoint. */
export const regionOption = {
  type: 'string',
  value: '<region>',
  description: 'AWS region (default: AWS_REGION, else eu-west-2 against a local endpoint)',
} as const satisfies StringOption;

const ENDPOINTS = {
  sqs: { env: 'AWS_ENDPOINT_URL_SQS', service: 'SQS', local: 'http://127.0.0.1:4566' },
  dynamodb: { env: 'AWS_ENDPOINT_URL_DYNAMODB', service: 'DynamoDB', local: 'http://127.0.0.1:8000' },
  kms: { env: 'AWS_ENDPOINT_URL_KMS', service: 'KMS', local: 'http://127.0.0.1:4599' },
} as const;

/** An endpoint option (`--endpoint`, or `--endpoint-sqs` beside `--endpoint-dynamodb`): the local stack's, or AWS without one. */
export const endpointOption = (service: keyof typeof ENDPOINTS) => {
  const { env, service: named, local } = ENDPOINTS[service];
  return {
    type: 'string',
    value: '<url>',
    description: `${named} endpoint, e.g. ${local} for npm start (default: ${env}, else AWS)`,
    env,
    parse: endpointUrl,
  } as const satisfies StringOption;
};

const endpointUrl = (text: string): string => {
  if (!/^https?:\/\/[^\s/]+/.test(text)) throw new UsageError('must be a URL such as http://127.0.0.1:4566');
  return text;
};

/** `--table`: the report table named outright, instead of the one `--stage` names. */
export const tableOption = {
  type: 'string',
  value: '<name>',
  description: 'the report table, named outright (default: the one --stage names, pac-<stage>-reports)',
} as const satisfies StringOption;

/** A count of at least 1, e.g. for `--max`. */
export const positiveInteger = (text: string): number => {
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError('must be a whole number of 1 or more');
  return Number.parseInt(text, 10);
};

const HELP = { type: 'boolean', short: 'h', description: 'show this help and exit' } as const satisfies BooleanOption;

// Commands ---------------------------------------------------------------------------------------

export interface CommandSpec<O extends OptionSpecs> {
  /** As in `npm run <name>`. */
  readonly name: string;
  /** What follows `npm run <name> --`, e.g. `--force <force id> [--once] [options]`. */
  readonly synopsis: string;
  /** What the command does, in a sentence or two. */
  readonly summary: string;
  /** Its options, in the order the usage text lists them; `--help` is added to every command. */
  readonly options: O;
  readonly examples: readonly string[];
}

export const defineCommand = <const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> => spec;

const EXIT_CODES_TEXT = 'Exit codes: 0 done; 1 failed while running (the message says why); 2 bad usage, nothing done.';

/** The usage text `--help` prints: the command, what it does, its options, examples and exit codes. */
export const usageText = <O extends OptionSpecs>(spec: CommandSpec<O>): string => {
  const rows = [...Object.entries(spec.options), ['help', HELP] as const].map(([name, option]) => {
    const flag = `${option.short === undefined ? '' : `-${option.short}, `}--${name}${option.type === 'string' ? ` ${option.value}` : ''}`;
    return [flag, option.description] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: npm run ${spec.name} -- ${spec.synopsis}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    '',
    spec.examples.length === 1 ? 'Example:' : 'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
    '',
    EXIT_CODES_TEXT,
  ].join('\n');
};

export type ParsedCommandLine<O extends OptionSpecs> = { readonly help: true } | { readonly help: false; readonly values: Values<O> };

/** Levenshtein distance, for "did you mean" on a mistyped option. */
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
};

/** parseArgs's messages, as one line an operator can act on. */
const rephrase = (error: unknown, names: readonly string[]): string => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const option = /'(--?[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const typed = option.replace(/^-+/, '').replace(/=.*$/, '');
    // A long option a letter or two out ("--dryrun", "--stag"); a short one is not guessed at.
    const [closest] = option.startsWith('--')
      ? names
          .map((name) => ({ name, far: distance(typed, name) }))
          .filter(({ far }) => far <= Math.max(1, Math.floor(typed.length / 3)))
          .sort((a, b) => a.far - b.far)
      : [];
    return `unknown option ${option}${closest === undefined ? '' : `; did you mean --${closest.name}?`}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
    return `unexpected argument "${argument}": this command takes only options`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    if (/does not take an argument/.test(message)) return `${option} takes no value`;
    if (/ambiguous/.test(message)) return `${option} needs a value (to give one that starts with "-", write ${option}=<value>)`;
    return `${option} needs a value`;
  }
  return message.replace(/\s*\n\s*/g, ' ');
};

/**
 * The command line read against the command's options: `{ help: true }` for --help/-h (which wins
 * over anything else on the line), else every value, defaults, environment defaults and parsers
 * applied. Throws UsageError, with one line saying what is wrong.
 */
export const parseCommandLine = <O extends OptionSpecs>(
  spec: CommandSpec<O>,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): ParsedCommandLine<O> => {
  const options = { ...spec.options, help: HELP } as OptionSpecs;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        Object.entries(options).map(([name, option]) => [name, { type: option.type, ...(option.short === undefined ? {} : { short: option.short }) }]),
      ),
    }));
  } catch (error) {
    if (argv.includes('--help') || argv.includes('-h')) return { help: true };
    throw new UsageError(rephrase(error, Object.keys(options)));
  }
  if (values.help === true) return { help: true };
  const parsed: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.type === 'boolean') {
      parsed[name] = values[name] === true;
      continue;
    }
    const given = values[name] as string | undefined;
    // An environment variable set to nothing counts as not set, as the AWS SDK and CLI take it.
    const fromEnvironment = option.env === undefined || env[option.env] === '' ? undefined : env[option.env];
    const text = given ?? fromEnvironment ?? option.default;
    if (text === undefined) {
      parsed[name] = undefined;
      continue;
    }
    if (given !== undefined && given.trim() === '') throw new UsageError(`--${name} needs a value`);
    try {
      parsed[name] = option.parse === undefined ? text : option.parse(text);
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      throw new UsageError(`${given === undefined && fromEnvironment !== undefined ? option.env : `--${name}`} ${problem}, not ${JSON.stringify(text)}`);
    }
  }
  return { help: false, values: parsed as Values<O> };
};

// Running ----------------------------------------------------------------------------------------

/** Where a command writes: each call one line, without its newline. */
export interface Io {
  /** Results: what a script would read. */
  out(line: string): void;
  /** Progress and errors. */
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Runs a command: --help prints the usage text to stdout (0); bad usage, from the parser or
 * thrown by the command as UsageError, is one line and a pointer to --help on stderr (2); any
 * other error is one line on stderr (1). The command's own errors should be CommandFailures that
 * say what to do (see explainAwsError); anything else is shown with its name.
 */
export const runCommand = async <O extends OptionSpecs>(
  spec: CommandSpec<O>,
  argv: readonly string[],
  run: (values: Values<O>, io: Io) => Promise<void>,
  { io = processIo, env = process.env }: { io?: Io; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<ExitCode> => {
  try {
    const line = parseCommandLine(spec, argv, env);
    if (line.help) {
      io.out(usageText(spec));
      return EXIT.ok;
    }
    await run(line.values, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${spec.name}: ${oneLine(error.message)}`);
      io.err('Run with --help for usage.');
      return EXIT.usage;
    }
    const message = error instanceof CommandFailure ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.err(`${spec.name}: ${oneLine(message)}`);
    return EXIT.failed;
  }
};

/**
 * An error from AWS or the local stack, explained: what is missing, or what to check. `where` is
 * the endpoint (or "AWS"), `doing` what failed ("read pac-local-reports-kent.fifo"), and `queue`
 * and `table` the resources it was using, to name the one that is not there.
 */
export const explainAwsError = (
  error: unknown,
  { where, doing, queue, table }: { where: string; doing: string; queue?: string; table?: string },
): CommandFailure => {
  const name = error instanceof Error ? error.name : '';
  const text = String(error);
  const code = String((error as { code?: unknown } | null | undefined)?.code ?? '');
  if (name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue') {
    return new CommandFailure(`There is no queue ${queue ?? 'of that name'} at ${where}. Is --stage right?`);
  }
  if (name === 'ResourceNotFoundException') return new CommandFailure(`There is no table ${table ?? 'of that name'} at ${where}. Name it with --table or --stage.`);
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) return new CommandFailure(`Nothing answers at ${where}. Is the local stack running (npm start)?`);
  if (name === 'CredentialsProviderError') {
    return new CommandFailure('No AWS credentials found: set them as for the AWS CLI, or pass an endpoint for the local stack.');
  }
  if (/region/i.test(text)) return new CommandFailure(`${text}: set AWS_REGION or pass --region (the service runs in eu-west-2).`);
  return new CommandFailure(`Could not ${doing} at ${where}: ${error instanceof Error ? `${error.name}: ${error.message}` : text}`);
};

/** True when the module is the script node was asked to run, not one imported by a test. */
export const isMain = (moduleUrl: string): boolean => process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);

/** A count and its noun: "1 message", "2 messages". */
export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
