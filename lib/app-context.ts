/**
 * The context `cdk` gives the app from cdk.json (feature flags above all). The local runtime, the
 * bench and the tests synthesise the stack in-process and must see the same flags, or they would
 * test a different template from the one deployed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './project-layout.ts';

export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};

/** The same context, with bundling skipped: for synthesising a template to read, not to deploy. */
export const unbundledContext = (): Record<string, unknown> => ({ ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] });
