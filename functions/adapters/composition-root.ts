/**
 * The one place that wires ports for every function: which adapter stands behind each port, and
 * from which settings it is built. A handler names the ports it uses, under the names its use
 * cases take them by, and calls the result in its invocation:
 *
 *     const ports = portsFor({ store: reportStore, forceQueues, clock });
 *     ... disseminate(ports(), record) ...
 *
 * Nothing else in a handler constructs an adapter or reads the environment. Ports are built at a
 * function's first invocation, from that function's own environment
 * (functions/configuration/function-environment.ts), and kept for the life of the execution
 * environment, like the SDK clients they share.
 *
 * Each wiring is its own export and each SDK client is made on first use, so a function's bundle
 * holds only the adapters and clients it names (esbuild drops the rest).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import { parseReviewPolicy, type ReviewPolicy } from '#domain/review-policy.ts';
import { perFunction } from '../configuration/function-environment.ts';
import { readSettings, type SettingName, type Settings } from '../configuration/settings.ts';
import { DynamoFollowUpAccess } from './follow-up-access-store.ts';
import { KmsFollowUpCodeKeys } from './follow-up-code-keys.ts';
import { documentClient } from './dynamodb-client.ts';
import { DynamoFollowUpStore } from './follow-up-store.ts';
import { KmsOriginalsVault } from './originals-vault.ts';
import { DynamoPersonLinkStore, HmacMatchKeyer } from './person-link-store.ts';
import { DataKeyShredder, ShreddableOriginalsVault } from './shreddable-vault.ts';
import { DynamoRetentionStore } from './retention-store.ts';
import { retentionScheduleSchema, type RetentionSchedule } from '#domain/retention-schedule.ts';
import { parseOrThrow } from '#domain/zod.ts';
import { SqsForceQueues, SqsIntakeQueue } from './queues.ts';
import { DynamoReportStore } from './report-store.ts';
import { DynamoStatisticsStore } from './statistics-store.ts';

/** One client per execution environment, made when first needed and reused across invocations. */
const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};

// On Lambda AWS_ENDPOINT_URL_SQS is unset and the SDK picks the regional endpoint. Locally it
// points at the emulator; passing it explicitly makes the SDK send there even when a queue URL
// names another host (the SDK otherwise follows the queue URL's host).
const sqsClient = /* @__PURE__ */ once(() => new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL_SQS }));
// Locally AWS_ENDPOINT_URL_KMS points at the KMS emulator (local/kms-emulator.ts); the SDK would
// read it by itself, but passing it keeps the one setting the local stack relies on in sight.
const kmsClient = /* @__PURE__ */ once(() => new KMSClient({ endpoint: process.env.AWS_ENDPOINT_URL_KMS }));

/** How one port is made: the settings it needs and the adapter built from them. */
export interface Wiring<Port, S extends SettingName = SettingName> {
  readonly settings: readonly S[];
  build(settings: Settings<S>): Port;
}

const wire = <Port, S extends SettingName = never>(settings: readonly S[], build: (settings: Settings<S>) => Port): Wiring<Port, S> => ({ settings, build });

export const reportStore = /* @__PURE__ */ wire(['tableName'], ({ tableName }) => new DynamoReportStore(documentClient(), tableName));
export const followUpStore = /* @__PURE__ */ wire(['tableName'], ({ tableName }) => new DynamoFollowUpStore(documentClient(), tableName));
/** Follow-up codes, and the attempts made with them. */
export const followUpAccess = /* @__PURE__ */ wire(['tableName'], ({ tableName }) => new DynamoFollowUpAccess(documentClient(), tableName));
export const statisticsStore = /* @__PURE__ */ wire(['tableName'], ({ tableName }) => new DynamoStatisticsStore(documentClient(), tableName));
/**
 * Seals and opens what the intake queue carries, under the intake key, each data key reused for
 * five minutes or a thousand messages: the queue is a transit, and KMS is asked once per data key
 * rather than twice per report.
 */
export const INTAKE_DATA_KEY_REUSE = { maxAgeMs: 5 * 60_000, maxTexts: 1_000 } as const;
export const intakeSeal = /* @__PURE__ */ wire(
  ['intakeKeyId'],
  ({ intakeKeyId }) => new KmsOriginalsVault(kmsClient(), intakeKeyId, 'intake-message', INTAKE_DATA_KEY_REUSE),
);
export const intakeQueue = /* @__PURE__ */ wire(
  ['intakeQueueUrl', 'intakeKeyId'],
  ({ intakeQueueUrl, intakeKeyId }) => new SqsIntakeQueue(sqsClient(), intakeQueueUrl, intakeSeal.build({ intakeKeyId })),
);
export const forceQueues = /* @__PURE__ */ wire(['reportQueueNameTemplate'], ({ reportQueueNameTemplate }) => new SqsForceQueues(sqsClient(), reportQueueNameTemplate));
/** Seals each report's original (and its contact details apart) and each answer under a data key of its own, kept in the data keys table. */
export const originalsVault = /* @__PURE__ */ wire(
  ['originalsKeyId', 'dataKeysTableName'],
  ({ originalsKeyId, dataKeysTableName }) => new ShreddableOriginalsVault(kmsClient(), originalsKeyId, documentClient(), dataKeysTableName),
);
/** Destroys data keys on their day: needs no KMS key, only the data keys table. */
export const keyShredder = /* @__PURE__ */ wire(['dataKeysTableName'], ({ dataKeysTableName }) => new DataKeyShredder(documentClient(), dataKeysTableName));
export const retentionStore = /* @__PURE__ */ wire(['tableName'], ({ tableName }) => new DynamoRetentionStore(documentClient(), tableName));
export const retentionSchedule = /* @__PURE__ */ wire(['retention'], ({ retention }): RetentionSchedule => parseOrThrow(retentionScheduleSchema, JSON.parse(retention)));
export const reviewPolicy = /* @__PURE__ */ wire(
  ['review', 'reviewExemptForces'],
  ({ review, reviewExemptForces }): ReviewPolicy => parseReviewPolicy(review, reviewExemptForces.join(',')),
);
/** The key follow-up codes are hashed under, opened from KMS at the first code. */
export const followUpCodeKeys = /* @__PURE__ */ wire(
  ['tableName', 'followUpCodeKeyId'],
  ({ tableName, followUpCodeKeyId }) => new KmsFollowUpCodeKeys(kmsClient(), documentClient(), tableName, followUpCodeKeyId),
);
/** Keys the person a report is about (HMAC under the person-link key, opened from KMS at the first report that names someone). */
export const personLinkKeyer = /* @__PURE__ */ wire(
  ['tableName', 'personLinkKeyId'],
  ({ tableName, personLinkKeyId }) => new HmacMatchKeyer(kmsClient(), documentClient(), tableName, personLinkKeyId),
);
/** The keyed hashes of the person each report is about, the reports filed under each, and the links decided. */
export const personLinkStore = /* @__PURE__ */ wire(['tableName'], ({ tableName }) => new DynamoPersonLinkStore(documentClient(), tableName));
export const clock = /* @__PURE__ */ wire([], () => (): Date => new Date());
/** The value CloudFront's origin header must carry on the public routes (functions/adapters/http/cloudfront-origin.ts). */
export const cloudFrontOriginSecret = /* @__PURE__ */ wire(['cloudFrontOriginSecret'], ({ cloudFrontOriginSecret: secret }) => secret);

/** How long a contact may wait for review before the review-backlog alarm pages, in seconds (the staff console shows it). */
export const reviewAlarmAfterSeconds = /* @__PURE__ */ wire(['reviewAlarmAfterSeconds'], ({ reviewAlarmAfterSeconds: seconds }) => seconds);

export type Ports<W extends Record<string, Wiring<unknown>>> = { readonly [P in keyof W]: ReturnType<W[P]['build']> };

/**
 * The ports a function uses, built on first call from its environment and kept. Locally each
 * function has an environment of its own, so each gets ports of its own, as on Lambda.
 */
export const portsFor = <W extends Record<string, Wiring<unknown>>>(wiring: W): (() => Ports<W>) =>
  perFunction((environment) => {
    const wirings = Object.entries(wiring) as [string, Wiring<unknown>][];
    const settings = readSettings(environment, [...new Set(wirings.flatMap(([, w]) => w.settings))]);
    return Object.fromEntries(wirings.map(([name, w]) => [name, w.build(settings)])) as Ports<W>;
  });
