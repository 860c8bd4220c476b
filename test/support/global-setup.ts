/**
 * Once per `npm test` run, before any test file starts (node --test-global-setup): one DynamoDB
 * Local for every integration file, and the local stack's template synthesised once per review
 * setting. Each file still runs its own fauxqs, handlers and gateway in its own process, with
 * tables of its own on the shared DynamoDB Local (test/support/local-stack.ts), so files stay
 * isolated by their data while the JVM start and the CDK synth are paid once, not per file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoDbLocal, type Emulator } from '../../local/emulators.ts';
import { synthesiseLocalTemplate } from '../../local/synthesise.ts';
import { SHARED_DYNAMODB_ENV, SHARED_TEMPLATES_ENV, templateFile } from './shared-run.ts';

let dynamoDb: Emulator | undefined;
let templates: string | undefined;

export const globalSetup = async (): Promise<void> => {
  const starting = startDynamoDbLocal();
  templates = mkdtempSync(path.join(tmpdir(), 'pac-test-templates-'));
  for (const review of ['off', 'on'] as const) {
    writeFileSync(templateFile(templates, review), JSON.stringify(synthesiseLocalTemplate({ review })));
  }
  dynamoDb = await starting;
  process.env[SHARED_DYNAMODB_ENV] = dynamoDb.endpoint;
  process.env[SHARED_TEMPLATES_ENV] = templates;
};

export const globalTeardown = async (): Promise<void> => {
  await dynamoDb?.stop();
  if (templates !== undefined) rmSync(templates, { recursive: true, force: true });
};
