import { retentionScheduleSchema, type RetentionSchedule } from '../functions/domain/retention-schedule.ts';

/** Deployment stages, from `-c stage=…`. `local` is the stack the local runtime builds from. */
export const STAGES = ['dev', 'prod', 'local'] as const;
export type Stage = (typeof STAGES)[number];

export const parseStage = (value: unknown): Stage => {
  const stage = value ?? 'dev';
  if (!(STAGES as readonly unknown[]).includes(stage)) {
    throw new Error(`Unknown stage "${String(stage)}": use -c stage=${STAGES.join('|')}`);
  }
  return stage as Stage;
};

/** Every named resource starts with this, so two stages can share an account. */
export const resourcePrefix = (stage: Stage): string => `pac-${stage}`;

export const isProduction = (stage: Stage): boolean => stage === 'prod';

/**
 * The service's region, from `-c region=…`; `eu-west-2` (London) unless given. Not from
 * CDK_DEFAULT_REGION: the CDK CLI sets that from the AWS profile or AWS_REGION and, with neither,
 * to us-east-1, so where reports are kept would depend on the operator's shell.
 */
export const DEFAULT_SERVICE_REGION = 'eu-west-2';
export const serviceRegion = (value: unknown): string => {
  if (value === undefined || value === '') return DEFAULT_SERVICE_REGION;
  if (typeof value !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(value)) throw new Error(`"${String(value)}" is not an AWS region: use -c region=eu-west-2`);
  return value;
};

/**
 * Review by the contact centre, from `-c review=on|off` and `-c reviewExemptForces=kent,essex`.
 * On by default everywhere but the local demo; `prod` refuses to switch it off wholesale.
 */
export const reviewSettings = (stage: Stage, review: unknown, exemptForces: unknown): { enabled: boolean; exemptForces: string[] } => {
  const mode = review ?? (stage === 'local' ? 'off' : 'on');
  if (mode !== 'on' && mode !== 'off') throw new Error(`Unknown review setting "${String(mode)}": use -c review=on|off`);
  if (mode === 'off' && isProduction(stage)) throw new Error('Review cannot be switched off in prod; exempt forces one by one with -c reviewExemptForces=…');
  const exempt = typeof exemptForces === 'string' ? exemptForces.split(',').map((id) => id.trim()).filter((id) => id !== '') : [];
  return { enabled: mode === 'on', exemptForces: exempt };
};

/** `-c forceAccounts=kent=111122223333,essex=444455556666`: forces reading their queue from their own account. */
export const forceAccounts = (value: unknown): Record<string, string> => {
  if (value === undefined || value === '') return {};
  if (typeof value === 'object' && value !== null) return value as Record<string, string>;
  return Object.fromEntries(
    String(value)
      .split(',')
      .filter((entry) => entry.trim() !== '')
      .map((entry) => {
        const [force, account] = entry.split('=').map((part) => part.trim());
        if (force === undefined || account === undefined) throw new Error(`forceAccounts entry "${entry}" is not <force id>=<account id>`);
        return [force, account];
      }),
  );
};

/**
 * `-c originalsBreakGlassRoleArn=arn:aws:iam::<account>:role/<name>`: the one role outside the
 * service that may open originals, for an investigation; none unless given.
 */
export const breakGlassRoleArn = (value: unknown): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(value)) {
    throw new Error(`originalsBreakGlassRoleArn "${String(value)}" is not an IAM role ARN`);
  }
  return value;
};

/**
 * The names of the report table and the queues in a stage, for whatever reaches them by name from
 * outside the stack (the operator commands in bin/, and a force's own systems). They are the names
 * lib/constructs/report-store.ts, intake-pipeline.ts and force-queues.ts give them; a test
 * (test/integration/redrive.test.ts) checks them against the synthesised template.
 */
export const resourceNames = (stage: Stage) => {
  const prefix = resourcePrefix(stage);
  return {
    /** The one DynamoDB table: reports, their events, follow-ups and the statistics counters. */
    table: `${prefix}-reports`,
    /** Each original's own data key, wrapped; the retention job destroys them (lib/constructs/data-key-store.ts). */
    dataKeysTable: `${prefix}-data-keys`,
    intakeQueue: `${prefix}-intake`,
    intakeDeadLetterQueue: `${prefix}-intake-dlq`,
    /** A force's queue (or triage's), with `{destination}` for its id, as the functions are given it. */
    reportQueueTemplate: `${prefix}-reports-{destination}.fifo`,
    reportQueue: (destination: string): string => `${prefix}-reports-${destination}.fifo`,
    reportDeadLetterQueue: (destination: string): string => `${prefix}-reports-${destination}-dlq.fifo`,
  } as const;
};

/** Where staff are sent back to after signing in, and after signing out: the staff console's addresses. */
export interface StaffSignInUrls {
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /** True when no URL was given and the stage's default, which can receive nothing, stands in. */
  readonly placeholder: boolean;
}

/** The local stage's staff console (`npm start` serves it on http://localhost:3001, an origin of its own). */
export const LOCAL_STAFF_SIGN_IN: Omit<StaffSignInUrls, 'placeholder'> = {
  callbackUrls: ['http://localhost:3001/signed-in'],
  logoutUrls: ['http://localhost:3001/signed-out'],
};

/**
 * Outside the local stage, with no URLs given: an address under `.invalid` (RFC 2606: it never
 * resolves), so that no authorization code can be sent anywhere until the operator names the
 * staff console's real addresses. The stack synthesises and deploys, and warns.
 */
export const UNCONFIGURED_STAFF_SIGN_IN: Omit<StaffSignInUrls, 'placeholder'> = {
  callbackUrls: ['https://staff-console.invalid/signed-in'],
  logoutUrls: ['https://staff-console.invalid/signed-out'],
};

const urlList = (what: string, stage: Stage, value: unknown): string[] | undefined => {
  if (value === undefined || value === '') return undefined;
  const urls = (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((url) => url.trim()).filter((url) => url !== '');
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`-c ${what}: "${url}" is not a URL`);
    }
    const localHttp = stage === 'local' && parsed.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !localHttp) throw new Error(`-c ${what}: "${url}" must be https (http only for localhost, in the local stage)`);
    if (parsed.hash !== '' || url.includes('#')) throw new Error(`-c ${what}: "${url}" may not have a fragment`);
    if (parsed.username !== '' || parsed.password !== '') throw new Error(`-c ${what}: "${url}" may not hold credentials`);
  }
  return urls;
};

/**
 * The staff app client's callback and sign-out URLs, from `-c staffCallbackUrls=https://…,https://…`
 * and `-c staffLogoutUrls=…`: https only (Cognito and RFC 6749 §3.1.2), exact, no fragment. The
 * local stage has its own defaults; elsewhere, without them, UNCONFIGURED_STAFF_SIGN_IN.
 */
export const staffSignInUrls = (stage: Stage, callbackUrls: unknown, logoutUrls: unknown): StaffSignInUrls => {
  const callbacks = urlList('staffCallbackUrls', stage, callbackUrls);
  const logouts = urlList('staffLogoutUrls', stage, logoutUrls);
  const defaults = stage === 'local' ? LOCAL_STAFF_SIGN_IN : UNCONFIGURED_STAFF_SIGN_IN;
  return {
    callbackUrls: callbacks ?? defaults.callbackUrls,
    logoutUrls: logouts ?? defaults.logoutUrls,
    placeholder: stage !== 'local' && (callbacks === undefined || logouts === undefined),
  };
};

/** The context key the retention schedule is read from: `-c retention='{"keepingInContactDays":365}'`. */
export const RETENTION_CONTEXT = 'retention';

/**
 * The schedule from `-c retention=…` (a JSON object, as text or as cdk.json gives it), every field
 * defaulting; a clear error for anything else.
 */
export const retentionScheduleFrom = (value: unknown): RetentionSchedule => {
  let given: unknown = value ?? {};
  if (typeof given === 'string') {
    try {
      given = JSON.parse(given);
    } catch {
      throw new Error(`-c ${RETENTION_CONTEXT} is not JSON: give an object such as {"keepingInContactDays":365}`);
    }
  }
  const parsed = retentionScheduleSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`-c ${RETENTION_CONTEXT}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not a retention schedule'} (each a whole number of days, 1 to 3650)`);
  }
  return parsed.data;
};
