/**
 * Where the project's parts are, for the CDK constructs, the local runtime and the scripts alike.
 * It imports nothing of the CDK, so the local runtime can find handlers and the website's files
 * without loading aws-cdk-lib.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The metadata key under which each function of ours records its handler module in the template. */
export const HANDLER_METADATA = 'pac:handler';

/** The folder whose files the website serves as they are, from the bucket. */
export const STATIC_SITE_FOLDER = 'web/static';
