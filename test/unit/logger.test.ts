/**
 * The service's logger writes what Powertools' Logger (which it replaced, for cold starts: issue
 * 13) writes for the same calls: the same keys in the same order, the same values, to the same
 * stream. Powertools is the oracle, run side by side in this process; only the timestamp differs,
 * and it is checked for its form.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { logger } from '../../functions/adapters/logger.ts';

interface Written {
  readonly stream: 'stdout' | 'stderr';
  readonly line: Record<string, unknown>;
}

/** Every line written to stdout and stderr while `run` runs, parsed, with the stream it went to. */
const writtenBy = (run: () => void): Written[] => {
  const written: Written[] = [];
  const streams = { stdout: process.stdout, stderr: process.stderr } as const;
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const name of ['stdout', 'stderr'] as const) {
    streams[name].write = ((chunk: string | Uint8Array) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      for (const line of text.split('\n').filter((part) => part !== '')) written.push({ stream: name, line: JSON.parse(line) as Record<string, unknown> });
      return true;
    }) as typeof process.stdout.write;
  }
  try {
    run();
  } finally {
    streams.stdout.write = originals.stdout;
    streams.stderr.write = originals.stderr;
  }
  return written;
};

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The lines without their timestamps, each checked for its form first; key order kept. */
const withoutTimestamps = (written: Written[]) =>
  written.map(({ stream, line }) => {
    assert.match(String(line.timestamp), ISO_TIMESTAMP);
    const { timestamp: _timestamp, ...rest } = line;
    return { stream, keys: Object.keys(line), line: rest };
  });

type Log = Record<'debug' | 'info' | 'warn' | 'error', (message: string, attributes: Record<string, unknown>) => void>;

const sameAsPowertools = (call: (log: Log) => void) => {
  const powertools = new Logger({ serviceName: 'police-reporting' });
  const viaPowertools: Log = {
    debug: (message, attributes) => powertools.debug(message, attributes),
    info: (message, attributes) => powertools.info(message, attributes),
    warn: (message, attributes) => powertools.warn(message, attributes),
    error: (message, attributes) => powertools.error(message, attributes),
  };
  const expected = withoutTimestamps(writtenBy(() => call(viaPowertools)));
  const actual = withoutTimestamps(writtenBy(() => call(logger)));
  assert.ok(expected.length > 0 || actual.length === 0);
  assert.deepEqual(actual, expected);
};

describe('the logger', () => {
  const saved = { trace: process.env._X_AMZN_TRACE_ID, level: process.env.POWERTOOLS_LOG_LEVEL };
  beforeEach(() => {
    process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  });
  afterEach(() => {
    for (const [name, value] of [['_X_AMZN_TRACE_ID', saved.trace], ['POWERTOOLS_LOG_LEVEL', saved.level]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('writes an INFO line as Powertools does, attributes after its own keys, empty ones left out', () => {
    sameAsPowertools((log) =>
      log.info('Report taken in', { reference: 'PAC-7K3M-9QXD', channel: 'online', absent: undefined, nothing: null, blank: '', nested: { a: [1, { b: undefined }], when: new Date(0) } }),
    );
  });

  it('writes WARN and ERROR to stderr and INFO to stdout, as Powertools does', () => {
    sameAsPowertools((log) => {
      log.info('one', { n: 1 });
      log.warn('Intake message not routed; SQS will retry it', { messageId: 'm-1', receiveCount: '3', errorName: 'ZodError' });
      log.error('three', { n: 3 });
    });
  });

  it('formats an error, its cause and its own fields as Powertools does', () => {
    const cause = new TypeError('the inner one');
    const error = Object.assign(new Error('the outer one', { cause }), { $metadata: { httpStatusCode: 400 }, Code: 'ValidationException' });
    error.name = 'ValidationException';
    const plain = new Error('no cause');
    sameAsPowertools((log) => {
      log.error('Unhandled error answering a request', { error });
      log.error('Unhandled error answering a page', { error: 'not an Error' });
      log.error('Token issuer unavailable', { error: plain, issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/pool' });
    });
  });

  it('writes bigints as strings and drops a reference back to an ancestor, as Powertools does', () => {
    const looped: Record<string, unknown> = { name: 'loop' };
    looped.self = looped;
    sameAsPowertools((log) => log.info('odd values', { count: 12n, looped, twice: { a: [1], b: [1] } }));
  });

  it('drops an attribute named as one of the line\'s own keys, with a warning, as Powertools does', () => {
    sameAsPowertools((log) => log.info('the message', { message: 'another', level: 'DEBUG', kept: true }));
  });

  it('leaves out DEBUG at INFO, and writes it at DEBUG, as Powertools does', () => {
    sameAsPowertools((log) => log.debug('quiet', { n: 1 }));
    assert.deepEqual(writtenBy(() => logger.debug('quiet')), []);
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    sameAsPowertools((log) => log.debug('loud', { n: 2 }));
  });

  it('leaves the trace id out when Lambda gives none, as Powertools does', () => {
    delete process.env._X_AMZN_TRACE_ID;
    sameAsPowertools((log) => log.info('no trace', { n: 1 }));
    assert.equal(writtenBy(() => logger.info('no trace'))[0]?.line.xray_trace_id, undefined);
  });
});
