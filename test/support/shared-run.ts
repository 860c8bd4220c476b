/**
 * What the test run's global setup (test/support/global-setup.ts) shares with every test file,
 * through the environment the runner gives each file's process. A file run on its own, without
 * the global setup, finds neither and starts what it needs itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StackTemplate } from '../../local/stack-template.ts';

export const SHARED_DYNAMODB_ENV = 'PAC_TEST_DYNAMODB_ENDPOINT';
export const SHARED_TEMPLATES_ENV = 'PAC_TEST_TEMPLATES';

export const templateFile = (folder: string, review: 'on' | 'off'): string => path.join(folder, `local-review-${review}.template.json`);

/** The shared DynamoDB Local and the template synthesised for this review setting, when the run has them. */
export const sharedForRun = (review: 'on' | 'off'): { sharedDynamoDbEndpoint?: string; template?: StackTemplate } => {
  const endpoint = process.env[SHARED_DYNAMODB_ENV];
  const templates = process.env[SHARED_TEMPLATES_ENV];
  return {
    ...(endpoint === undefined ? {} : { sharedDynamoDbEndpoint: endpoint }),
    ...(templates === undefined ? {} : { template: JSON.parse(readFileSync(templateFile(templates, review), 'utf8')) as StackTemplate }),
  };
};
