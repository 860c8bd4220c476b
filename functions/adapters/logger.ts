/**
 * The one logger every function uses: structured JSON for CloudWatch. Nothing may pass it an
 * event, a request or a report's content; anonymity depends on it.
 *
 * Each line is what Powertools' Logger (the logger this replaced) writes for the calls the service
 * makes, key for key and in the same order: `level`, `message`, `timestamp`, `service`,
 * `sampling_rate`, `xray_trace_id` (when Lambda gives one), then the attributes passed, with the
 * empty ones (undefined, null, '') left out, an Error anywhere as Powertools formats one (name,
 * location, message, stack, cause, and its own fields), a bigint as a string and a circular
 * reference dropped; INFO and DEBUG to stdout, WARN and ERROR to stderr; the level from
 * POWERTOOLS_LOG_LEVEL (the stack sets INFO). test/unit/logger.test.ts holds it to Powertools' own
 * output for the same calls.
 *
 * Why not Powertools: the service uses none of what it adds (Lambda context injection, sampling,
 * buffering, child loggers, custom formatters), and its 25 KB (with its own copy of Powertools'
 * commons) and its construction at import cost every function 2 to 4 ms of CPU per cold start,
 * measured in an A/B of fresh processes (issue 13).
 */

const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20 } as const;
type LevelName = keyof typeof LEVELS;

const SERVICE = 'police-reporting';
/** Keys of the line itself: an attribute by one of these names is dropped, as Powertools drops it. */
const RESERVED = new Set(['level', 'message', 'sampling_rate', 'service', 'timestamp']);

export type LogAttributes = Readonly<Record<string, unknown>>;

/** The threshold, read at each line as Powertools reads it once: an unknown or missing level is INFO. */
const threshold = (): number => {
  const configured = (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? '').toUpperCase();
  return configured in LEVELS ? LEVELS[configured as LevelName] : LEVELS.INFO;
};

/** The X-Ray trace id of this invocation: the Root of what Lambda gives, as Powertools reads it. */
const traceId = (): string | undefined => {
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId(): string | undefined } } }).awslambda?.InvokeStore;
  const header = store?.getXRayTraceId() ?? process.env._X_AMZN_TRACE_ID ?? '';
  if (header === '') return undefined;
  if (!header.includes('=')) return header;
  for (const field of header.split(';')) {
    const [key, value] = field.split('=');
    if (key === 'Root') return value;
  }
  return undefined;
};

/** Where in the code an error was thrown, from its stack: `file:line` of the first frame that says. */
const codeLocation = (stack: string | undefined): string => {
  for (const line of stack?.split('\n') ?? []) {
    const match = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/.exec(line);
    if (match !== null) return `${match[1]}:${Number(match[2])}`;
  }
  return '';
};

const formatError = (error: Error): Record<string, unknown> => {
  const formatted: Record<string, unknown> = {
    name: error.name,
    location: codeLocation(error.stack),
    message: error.message,
    stack: error.stack,
    cause: error.cause instanceof Error ? formatError(error.cause) : error.cause,
  };
  for (const key in error) {
    if (!['name', 'message', 'stack', 'cause'].includes(key)) formatted[key] = (error as unknown as Record<string, unknown>)[key];
  }
  return formatted;
};

/** Errors formatted, bigints as strings, and a value that contains itself cut where it would repeat. */
const replacer = () => {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown): unknown {
    const replaced = value instanceof Error ? formatError(value) : value;
    if (typeof replaced === 'bigint') return replaced.toString();
    if (typeof replaced === 'object' && replaced !== null) {
      while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
      if (ancestors.includes(replaced)) return undefined;
      ancestors.push(replaced);
    }
    return replaced;
  };
};

const write = (level: LevelName, message: string, attributes: LogAttributes = {}): void => {
  if (LEVELS[level] < threshold()) return;
  const line: Record<string, unknown> = {
    level,
    message,
    timestamp: new Date().toISOString(),
    service: SERVICE,
    sampling_rate: 0,
    xray_trace_id: traceId(),
  };
  for (const [key, value] of Object.entries(attributes)) {
    if (RESERVED.has(key)) write('WARN', `The key "${key}" is a reserved key and will be dropped.`);
    else line[key] = value;
  }
  for (const key of Object.keys(line)) if (line[key] === undefined || line[key] === null || line[key] === '') delete line[key];
  (LEVELS[level] >= LEVELS.WARN ? process.stderr : process.stdout).write(`${JSON.stringify(line, replacer())}\n`);
};

export const logger = {
  debug: (message: string, attributes?: LogAttributes): void => write('DEBUG', message, attributes),
  info: (message: string, attributes?: LogAttributes): void => write('INFO', message, attributes),
  warn: (message: string, attributes?: LogAttributes): void => write('WARN', message, attributes),
  error: (message: string, attributes?: LogAttributes): void => write('ERROR', message, attributes),
};
