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
 * The report table's index of its queues (awaiting review, due, each destination's reports, the
 * follow-up queues), on GSI1PK and GSI1SK (functions/adapters/report-store.ts). It projects the
 * keys and only what a force's list of its reports shows (QUEUE_INDEX_ATTRIBUTES): small and of
 * fixed shape, so an entry costs a write unit however long the report's words are; every other
 * reader of a queue reads each item it lists afresh.
 */
export const QUEUE_INDEX = 'Queues';

/** The attributes QUEUE_INDEX projects besides the keys: what a force's list shows (domain/force-facing.ts forceReportSummary). */
export const QUEUE_INDEX_ATTRIBUTES = ['reference', 'status', 'categories', 'receivedAt', 'notifiedAt', 'forceReferences'] as const;

/**
 * The index it replaced, which projected every attribute: kept beside it only while a deployed
 * stage moves over (`-c queueIndexTransition=on`; README, Deploy), then gone.
 */
export const FORMER_QUEUE_INDEX = 'GSI1';

/**
 * The partition of the report table that holds idempotency records (functions/adapters/idempotent-intake.ts):
 * the only items the taking functions may read.
 */
export const IDEMPOTENCY_PARTITION = 'IDEMPOTENCY';

/**
 * The report table's retention index, on GSI2PK and GSI2SK, keys only: each report that has
 * settled and still holds something the schedule will end, under its stage (`RETENTION#closed`,
 * `RETENTION#keeping-in-contact`, `RETENTION#original`) by the day its count starts
 * (functions/adapters/report-store.ts retentionIndexKeys). The retention job reads only what may be
 * due, never the whole table; a report whose original has ended leaves it.
 */
export const RETENTION_INDEX = 'Retention';
