/**
 * Every setting a function may be given, once: the environment variable's name (lib/ sets the
 * variables by these names, so the stack and the functions cannot disagree about one) and how its
 * value is checked. A function asks for the settings it needs and gets them typed, or one error
 * that names every variable missing or malformed, at its first invocation.
 *
 * Imports nothing but zod (`zod/mini`, as the schemas in functions/domain/zod.ts; without its
 * English messages, which nothing here needs: every check that can fail on a string from the
 * environment says its own): lib/, the adapters and the local runtime all read it.
 */
import * as z from 'zod/mini';

const commaList = z.pipe(
  z.string(),
  z.transform((value: string) => value.split(',').map((part) => part.trim()).filter((part) => part !== '')),
);

export const DESTINATION_PLACEHOLDER = '{destination}';

/**
 * The header CloudFront adds to every request it sends the public API, carrying the
 * `cloudFrontOriginSecret` setting's value; the public routes refuse any request without it
 * (functions/adapters/http/cloudfront-origin.ts). Lower case, as API Gateway hands headers over.
 */
export const CLOUDFRONT_ORIGIN_HEADER = 'x-pac-origin-verify';

export const SETTINGS = {
  tableName: { variable: 'TABLE_NAME', schema: z.string().check(z.regex(/^[A-Za-z0-9_.-]{3,255}$/, 'is not a DynamoDB table name')) },
  intakeQueueUrl: { variable: 'INTAKE_QUEUE_URL', schema: z.url({ protocol: /^https?$/, error: 'is not a queue URL' }) },
  originalsKeyId: { variable: 'ORIGINALS_KEY_ID', schema: z.string().check(z.minLength(1)) },
  /** The data keys table: each original's own data key, wrapped, destroyed on its day (functions/adapters/shreddable-vault.ts). */
  dataKeysTableName: { variable: 'DATA_KEYS_TABLE_NAME', schema: z.string().check(z.regex(/^[A-Za-z0-9_.-]{3,255}$/, 'is not a DynamoDB table name')) },
  /** The retention schedule, as JSON (functions/domain/retention-schedule.ts retentionScheduleSchema; checked there). */
  retention: { variable: 'RETENTION', schema: z.string().check(z.minLength(2, 'is not a retention schedule')) },
  intakeKeyId: { variable: 'INTAKE_KEY_ID', schema: z.string().check(z.minLength(1)) },
  followUpCodeKeyId: { variable: 'FOLLOW_UP_CODE_KEY_ID', schema: z.string().check(z.minLength(1)) },
  /** The KMS key the person-link key (the secret match keys are HMACs under) is wrapped by: the router's alone. */
  personLinkKeyId: { variable: 'PERSON_LINK_KEY_ID', schema: z.string().check(z.minLength(1)) },
  reportQueueNameTemplate: {
    variable: 'REPORT_QUEUE_NAME_TEMPLATE',
    schema: z.string().check(z.refine((value) => value.includes(DESTINATION_PLACEHOLDER), `has no ${DESTINATION_PLACEHOLDER} in it`)),
  },
  review: { variable: 'REVIEW', schema: z.enum(['on', 'off'], { error: 'is not on or off' }) },
  reviewExemptForces: { variable: 'REVIEW_EXEMPT_FORCES', schema: commaList, optional: true },
  staffIssuer: { variable: 'STAFF_ISSUER', schema: z.url({ error: 'is not an issuer URL' }) },
  staffClientIds: { variable: 'STAFF_CLIENT_IDS', schema: commaList.check(z.refine((ids) => ids.length > 0, 'names no client id')) },
  forceTokenIssuer: { variable: 'FORCE_TOKEN_ISSUER', schema: z.url({ error: 'is not an issuer URL' }) },
  /** `<force id>=<client id>` entries, comma-separated. */
  forceClientIds: { variable: 'FORCE_CLIENT_IDS', schema: commaList.check(z.refine((ids) => ids.length > 0, 'names no client')) },
  /** What CloudFront sends in CLOUDFRONT_ORIGIN_HEADER: generated at deploy (Secrets Manager), never in the template or the code. */
  /** The staff console's own origin (its CloudFront distribution's address): where sign-in returns to. */
  consoleUrl: { variable: 'CONSOLE_URL', schema: z.url({ protocol: /^https?$/, error: 'is not the console\'s address' }) },
  /** Where staff sign in: the staff user pool's managed login (its /oauth2/authorize, /oauth2/token and /logout). */
  staffSignInUrl: { variable: 'STAFF_SIGN_IN_URL', schema: z.url({ protocol: /^https?$/, error: 'is not the sign-in address' }) },
  /** How long a contact may wait for review before the on-call operator is paged (the review-backlog alarm's limit). */
  reviewAlarmAfterSeconds: { variable: 'REVIEW_ALARM_AFTER_SECONDS', schema: z.pipe(z.string().check(z.regex(/^[1-9][0-9]*$/, 'is not a whole number of seconds')), z.transform(Number)) },
  /** The secret the console's session cookies are encrypted under: generated at deploy (Secrets Manager). */
  consoleSessionKey: { variable: 'CONSOLE_SESSION_KEY', schema: z.string().check(z.minLength(32, 'is shorter than 32 characters')) },
  cloudFrontOriginSecret: { variable: 'CLOUDFRONT_ORIGIN_SECRET', schema: z.string().check(z.minLength(32, 'is shorter than 32 characters')) },
} as const satisfies Record<string, { variable: string; schema: z.ZodMiniType<unknown, string>; optional?: true }>;

export type SettingName = keyof typeof SETTINGS;
export type Settings<K extends SettingName> = { readonly [P in K]: z.output<(typeof SETTINGS)[P]['schema']> };
/** The variable a setting is read from, for lib/ to set: `variableOf('tableName')` is `TABLE_NAME`. */
export const variableOf = (name: SettingName): string => SETTINGS[name].variable;

export type Environment = Readonly<Record<string, string | undefined>>;

/** The settings asked for, read from the environment given, or one error naming each that is wrong. */
export const readSettings = <K extends SettingName>(environment: Environment, names: readonly K[]): Settings<K> => {
  const values: Record<string, unknown> = {};
  const wrong: string[] = [];
  for (const name of names) {
    const setting: { variable: string; schema: z.ZodMiniType<unknown, string>; optional?: true } = SETTINGS[name];
    const raw = environment[setting.variable];
    if (raw === undefined || raw === '') {
      if (setting.optional === true) values[name] = setting.schema.parse('');
      else wrong.push(`${setting.variable} is not set`);
      continue;
    }
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else wrong.push(`${setting.variable} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  }
  if (wrong.length > 0) throw new Error(`This function's configuration is wrong: ${wrong.join('; ')}`);
  return values as Settings<K>;
};
