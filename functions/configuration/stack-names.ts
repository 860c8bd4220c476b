/**
 * Names the CDK stack (lib/) and the adapters must agree on, in one module that imports nothing,
 * so that the stack can use them without loading an adapter (and the AWS SDK, middy and jose with
 * it). test/unit/layering.test.ts holds lib/ to this: of functions/adapters/, it may import this
 * module only.
 */

/** The contact centre's Cognito groups: the stack creates them, the staff routes admit them. */
export const STAFF_GROUPS = ['call-agents', 'analysts', 'supervisors'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** The resource server the force scopes belong to, as the Cognito user pool declares it. */
export const FORCE_RESOURCE_SERVER = 'police-reporting';

/**
 * The partition of the report table that holds idempotency records (functions/adapters/idempotent-intake.ts):
 * the only items the taking functions may read.
 */
export const IDEMPOTENCY_PARTITION = 'IDEMPOTENCY';
