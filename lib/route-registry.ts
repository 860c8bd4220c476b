/**
 * Every HTTP route of the service, declared once. Each entry is a function (one handler module in
 * functions/handlers/) and the routes it serves: who may call them, what the function may touch,
 * what each route takes and what it answers, status by status.
 *
 * Read by:
 * - the CDK constructs (lib/constructs/public-api.ts, contact-centre.ts, force-api.ts,
 *   statistics-api.ts), which build each function, its grants and its routes from its entry;
 * - scripts/api-documents.ts, which writes schemas/openapi.json from it;
 * - the local gateway (local/http-gateway.ts), which checks every answer against it;
 * - test/infrastructure/route-registry.test.ts, which checks that the synthesised stack, this
 *   registry and the published document agree.
 *
 * Adding a route: one entry here (or a route in an existing entry), and its handler file.
 */
import * as z from '../functions/domain/zod.ts';
import { described } from '../functions/domain/zod.ts';
import type { StaffGroup } from '../functions/configuration/stack-names.ts';
import { disseminableContentSchema } from '../functions/domain/disseminable-content.ts';
import { MAX_FOLLOW_UP_BYTES, questionRequestSchema, sanitisedAnswerSchema } from '../functions/domain/follow-up.ts';
import { forceRequestSchemas, MAX_FORCE_REQUEST_BYTES } from '../functions/domain/force-work.ts';
import { WITH_A_FORCE } from '../functions/domain/lifecycle.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema } from '../functions/domain/report.ts';
import { informationRequestSchema, openReportRequestSchema, phoneAnswerRequestSchema, reporterAnswerRequestSchema, reporterViewSchema } from '../functions/domain/reporter-follow-up.ts';
import {
  answerForReviewSchema,
  answerSummarySchema,
  contactForReviewSchema,
  contactListSchema,
  contactSummarySchema,
  followUpQueuesSchema,
  forceReportListSchema,
  forceReportSchema,
  forceReportSummarySchema,
  publicStatisticsSchema,
  questionAskedSchema,
  personLinkDecisionResultSchema,
  questionSummarySchema,
  receivedSchema,
  splitContactSchema,
  transferResultSchema,
} from '../functions/domain/responses.ts';
import { closureSchema, forceChoiceSchema, MAX_REVIEW_REQUEST_BYTES, personLinkDecisionSchema, returnSchema, splitSchema } from '../functions/domain/review-requests.ts';
import { WELSH_PREFIX } from '../functions/pages/messages/language.ts';
import { reportReceiptSchema } from '../functions/domain/submission.ts';

export type HttpMethodName = 'GET' | 'POST' | 'PUT';

/**
 * Who may call a function's routes:
 * - `public`: anyone, anonymously, with no authorizer; `why` is the reason given to cdk-nag for a
 *   route without one (AwsSolutions-APIG4);
 * - `staff`: contact-centre staff, through the staff user pool's JWT authorizer, in one of
 *   `groups` (which the handler checks again: staffRoute(groups) in the handler file);
 * - `force`: a force's system, through the force systems' JWT authorizer, with its own client's
 *   scope (checked again by authenticatedForce() in the function).
 */
export type Audience =
  | { readonly kind: 'public'; readonly why: string }
  | { readonly kind: 'staff'; readonly groups: readonly StaffGroup[] }
  | { readonly kind: 'force' };

/**
 * What a function may touch beside the report table, and nothing more: the constructs grant
 * exactly this. Its access to the table (TABLE_NAME set) is declared by handler in
 * lib/table-access.ts.
 */
export interface FunctionAccess {
  /** The originals key: `seal` what a reporter writes, or `open` it for review (ORIGINALS_KEY_ID set). */
  readonly originals?: 'seal' | 'open';
  /** Send to the intake queue (INTAKE_QUEUE_URL set). */
  readonly intake?: boolean;
  /** Send to every force's queue and triage's (REPORT_QUEUE_NAME_TEMPLATE set). */
  readonly disseminates?: boolean;
  /** Follow-up codes, under the code key (FOLLOW_UP_CODE_KEY_ID set): `issue` new ones, or only `check` them. */
  readonly followUpCodes?: 'issue' | 'check';
}

/** The construct that builds the function, in lib/constructs/. */
export type Capability = 'public-api' | 'contact-centre' | 'force-api' | 'statistics-api';

/** A success answer: a JSON document, or one of the website's HTML pages. */
export type Answer =
  | { readonly description: string; readonly json: z.ZodMiniType }
  | { readonly description: string; readonly page: true };

export type RequestBody =
  | { readonly json: z.ZodMiniType; readonly maxBytes: number }
  /** An HTML form, posted as application/x-www-form-urlencoded; the schema documents its fields. */
  | { readonly form: z.ZodMiniType };

export interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'header';
  readonly required?: boolean;
  readonly description?: string;
  /** As JSON Schema. */
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface RouteSpec {
  readonly method: HttpMethodName;
  /** As API Gateway writes it: `/contact-centre/reviews/{reference}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** Query and header parameters; path parameters come from the path. */
  readonly parameters?: readonly Parameter[];
  readonly body?: RequestBody;
  /** What the route answers when it succeeds, or (a page) whatever happens, by status. */
  readonly responses: Readonly<Record<number, Answer>>;
  /** The RFC 9457 problems (application/problem+json) it answers with, by status. */
  readonly problems: Readonly<Record<number, string>>;
}

export interface RouteFunction {
  /** The construct id of the function (and of its integration, `<name>Integration`). */
  readonly name: string;
  readonly capability: Capability;
  /** The module in functions/handlers/, without its extension. */
  readonly handler: string;
  /** What it does, for the function's description. */
  readonly what: string;
  readonly audience: Audience;
  readonly access: FunctionAccess;
  readonly memorySize?: number;
  readonly routes: readonly RouteSpec[];
}

// ─── the problems most routes share ────────────────────────────────────────────────────────────

/** Problems by status; where two lists name a status, both descriptions are kept, in order. */
const problems = (...lists: readonly Readonly<Record<number, string>>[]): Record<number, string> => {
  const merged: Record<number, string> = {};
  for (const list of lists) {
    for (const [status, description] of Object.entries(list)) {
      const code = Number(status);
      merged[code] = merged[code] === undefined ? description : `${merged[code]} ${description}`;
    }
  }
  return merged;
};

const SERVER_FAULT = { 500: 'Something went wrong on our side; nothing was changed that a retry would repeat.' };

const jsonBodyProblems = (maxBytes: number) => ({
  400: 'The body is not valid JSON, or a field needs attention (see errors[].pointer).',
  413: `The body is larger than ${maxBytes} bytes.`,
  415: 'The body is not application/json.',
});

const staffProblems = (groups: readonly StaffGroup[]) => ({
  401: 'No valid staff access token (API Gateway answers {"message":"Unauthorized"} before the function when there is none at all).',
  403: `The token is valid but the member of staff is not in ${groups.join(' or ')}.`,
  503: 'Access tokens cannot be checked just now; try again shortly (Retry-After).',
});

const FORCE_PROBLEMS = {
  401: "No valid access token from one of your force's app clients (API Gateway answers {\"message\":\"Unauthorized\"} before the function when there is none at all).",
  403: "The token names no force, several, or not its own client's; or a person signed in for it.",
  503: 'Access tokens cannot be checked just now; try again shortly (Retry-After).',
};

const REPORTER_ANONYMITY =
  'Anonymous: the reference (in the path) and the follow-up code (in the body) are the only authorisation. A wrong code and an unknown ' +
  'reference get the same 404, after the same work; after ten wrong codes for a reference within an hour, every attempt for it is refused for an hour (429).';

const json = (description: string, schema: z.ZodMiniType): Answer => ({ description, json: schema });
const page = (description: string): Answer => ({ description, page: true });

/** What every page route answers whatever it is asked: pages, never JSON. */
const PAGE_REFUSALS = {
  413: page('The form is larger than the page takes: a page says so.'),
  415: page('The body is not a form (application/x-www-form-urlencoded): a page says so.'),
  500: page('Something went wrong on our side: a page says so.'),
};

const NOT_FOUND = { 404: 'No report with that reference.' };
const STEP_CONFLICT = { 409: 'The contact is not in a state for this step, or changed meanwhile (read it again and retry).' };

/** A staff function serving one route. */
const staff = (
  spec: Omit<RouteFunction, 'capability' | 'audience' | 'routes'> & { readonly groups: readonly StaffGroup[]; readonly route: RouteSpec },
): RouteFunction => {
  const { groups, route, ...rest } = spec;
  return {
    ...rest,
    capability: 'contact-centre',
    audience: { kind: 'staff', groups },
    routes: [{ ...route, problems: problems(route.body !== undefined && 'json' in route.body ? jsonBodyProblems(route.body.maxBytes) : {}, staffProblems(groups), route.problems, SERVER_FAULT) }],
  };
};

/** A force function serving one route. */
const force = (spec: Omit<RouteFunction, 'capability' | 'audience' | 'routes'> & { readonly route: RouteSpec }): RouteFunction => {
  const { route, ...rest } = spec;
  return {
    ...rest,
    capability: 'force-api',
    audience: { kind: 'force' },
    routes: [{ ...route, problems: problems(route.body !== undefined && 'json' in route.body ? jsonBodyProblems(route.body.maxBytes) : {}, FORCE_PROBLEMS, route.problems, SERVER_FAULT) }],
  };
};

/** The public JSON routes answer their problems in Welsh when asked (functions/adapters/http/problem-welsh.ts). */
const ACCEPT_LANGUAGE: Parameter = {
  name: 'Accept-Language',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description:
    'Problem details (title, detail, errors[].detail) are in Welsh when this prefers Welsh (cy) to English, and in English otherwise; Content-Language says which. Only that choice is kept.',
};

const TAKES_REPORTS = 'Anyone may report, without an account and anonymously: that is the service. Each route has its own throttle, and the website firewall limits each address.';
const FOLLOWS_REPORTS =
  'Reporters follow up anonymously: the reference and follow-up code are the authorisation, checked by the function, ten wrong codes an hour per reference.';
/**
 * The Lambda memory of the submitting functions (SubmitReport, ReportForm) and of the follow-up
 * functions, MB, chosen from the curve `scripts/bench-memory.ts` measures and prints (part of
 * `npm run bench`): the cheapest setting whose CPU share adds at most 100 ms to a report's 202 and
 * at most 250 ms to a follow-up, each of whose code checks runs one scrypt (about 80 ms of a core).
 * Lambda's CPU is proportional to memory (one vCPU at 1,769 MB).
 */
export const SUBMITTING_MEMORY = 256;
export const FOLLOW_UP_MEMORY = 768;
/** Takes reports in: queues the report, and issues its follow-up code. */
const TAKES: FunctionAccess = { intake: true, followUpCodes: 'issue' };
/** Opens reports with a follow-up code, and seals what the reporter writes. */
const FOLLOWS: FunctionAccess = { originals: 'seal', followUpCodes: 'check' };

const pageForm = (fields: Record<string, string>) =>
  z.object(
    Object.fromEntries(Object.entries(fields).map(([name, description]) => [name, description === '' ? z.optional(z.string()) : described(z.optional(z.string()), description)])),
  );

const followUpForm = (extra: Record<string, string> = {}) =>
  pageForm({ reference: 'The reference, as given (PAC-XXXX-XXXX).', code: 'The 16-digit follow-up code.', ...extra });

const reportForm = pageForm({
  idempotencyKey: 'The key the form carries, so that sending it twice is one report.',
  categories: 'One field per category chosen (repeated).',
  narrative: 'What happened.',
  subjectRole: 'officer, staff, volunteer or unknown.',
  subjectName: '',
  subjectCollarNumber: '',
  subjectRank: '',
  subjectStation: '',
  force: 'The force, as the reporter names it.',
  postcode: '',
  locationDescription: '',
  whenDay: '',
  whenMonth: '',
  whenYear: '',
  ongoing: 'Present when it is still going on.',
  reporterMode: 'anonymous or confidential.',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  contactSafeTimes: '',
});

/**
 * A page route and the same page in Welsh, at /cy before its path: served by the same function,
 * which answers in the language of the path (functions/pages/messages/language.ts).
 */
const withWelsh = (routes: readonly RouteSpec[]): RouteSpec[] => [
  ...routes,
  ...routes.map((route): RouteSpec => ({
    ...route,
    path: `${WELSH_PREFIX}${route.path}`,
    operationId: `${route.operationId}InWelsh`,
    summary: `${route.summary}, in Welsh`,
  })),
];

const paging = (after: string): Parameter[] => [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
  { name: 'after', in: 'query', schema: { type: 'string' }, description: after },
];

// ─── the registry ──────────────────────────────────────────────────────────────────────────────

export const ROUTE_FUNCTIONS: readonly RouteFunction[] = [
  // The public: reports in, and anonymous follow-up, through the API and the website's pages.
  {
    name: 'SubmitReport',
    capability: 'public-api',
    handler: 'submit-report',
    what: 'takes a report in, gives it a reference and follow-up code, and queues it for routing',
    audience: { kind: 'public', why: TAKES_REPORTS },
    access: TAKES,
    memorySize: SUBMITTING_MEMORY,
    routes: [
      {
        method: 'POST',
        path: '/reports',
        operationId: 'submitReport',
        summary: 'Submit a report',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', maxLength: 255 },
            description: 'A fresh random value per report (the web form sends one). The same key with the same report within 24 hours answers with the same reference.',
          },
          ACCEPT_LANGUAGE,
        ],
        body: { json: reportSubmissionSchema, maxBytes: MAX_REPORT_BYTES },
        responses: { 202: json('The report was taken in and will be passed on. Keep the reference.', reportReceiptSchema) },
        problems: problems(jsonBodyProblems(MAX_REPORT_BYTES), {
          409: 'The same Idempotency-Key is being taken in right now; send it again in a moment (Retry-After).',
          422: 'The Idempotency-Key was used for a different report.',
          500: 'Something went wrong on our side; the report was not taken in.',
        }),
      },
    ],
  },
  {
    name: 'ReportForm',
    capability: 'public-api',
    handler: 'report-form',
    what: "the website's report form, with or without JavaScript",
    audience: { kind: 'public', why: TAKES_REPORTS },
    access: TAKES,
    memorySize: SUBMITTING_MEMORY,
    routes: withWelsh([
      {
        method: 'GET',
        path: '/report',
        operationId: 'reportFormPage',
        summary: "The website's report form",
        responses: { 200: page('The form, with a fresh idempotency key.'), ...PAGE_REFUSALS },
        problems: {},
      },
      {
        method: 'POST',
        path: '/report',
        operationId: 'sendReportForm',
        summary: 'Send the report form (works without JavaScript)',
        body: { form: reportForm },
        responses: {
          200: page('The confirmation: the reference and the follow-up code, shown this once.'),
          400: page('The form again, with what to fix.'),
          409: page('The same form was sent before with different answers: the page explains, and offers to send it as a new report.'),
          ...PAGE_REFUSALS,
        },
        problems: {},
      },
    ]),
  },
  {
    name: 'OpenReport',
    capability: 'public-api',
    handler: 'open-report',
    what: 'a reporter sees where their report stands and the questions relayed to them',
    audience: { kind: 'public', why: FOLLOWS_REPORTS },
    access: { followUpCodes: 'check' },
    memorySize: FOLLOW_UP_MEMORY,
    routes: [
      {
        method: 'POST',
        path: '/reports/{reference}/follow-up',
        operationId: 'openReport',
        summary: 'See where your report stands (received, passed to a police force, closed) and the questions relayed to you',
        description: REPORTER_ANONYMITY,
        parameters: [ACCEPT_LANGUAGE],
        body: { json: openReportRequestSchema, maxBytes: MAX_FOLLOW_UP_BYTES },
        responses: { 200: json('The report as its reporter may see it.', reporterViewSchema) },
        problems: problems(jsonBodyProblems(MAX_FOLLOW_UP_BYTES), {
          404: 'No report matches that reference and follow-up code.',
          429: 'Too many wrong codes for this reference within an hour: refused for an hour (Retry-After).',
        }, SERVER_FAULT),
      },
    ],
  },
  {
    name: 'AnswerQuestion',
    capability: 'public-api',
    handler: 'answer-question',
    what: 'a reporter answers a relayed question',
    audience: { kind: 'public', why: FOLLOWS_REPORTS },
    access: FOLLOWS,
    memorySize: FOLLOW_UP_MEMORY,
    routes: [
      {
        method: 'POST',
        path: '/reports/{reference}/answers',
        operationId: 'answerQuestion',
        summary: 'Answer a question relayed to you; the contact centre reviews it before the force sees it',
        description: REPORTER_ANONYMITY,
        parameters: [ACCEPT_LANGUAGE],
        body: { json: reporterAnswerRequestSchema, maxBytes: MAX_FOLLOW_UP_BYTES },
        responses: { 202: json('Taken in, waiting for review.', receivedSchema) },
        problems: problems(jsonBodyProblems(MAX_FOLLOW_UP_BYTES), {
          404: 'No report matches that reference and follow-up code, or it has no such relayed question.',
          409: 'The question has already been answered.',
          429: 'Too many wrong codes for this reference within an hour: refused for an hour (Retry-After).',
        }, SERVER_FAULT),
      },
    ],
  },
  {
    name: 'AddInformation',
    capability: 'public-api',
    handler: 'add-information',
    what: 'a reporter adds information to their report',
    audience: { kind: 'public', why: FOLLOWS_REPORTS },
    access: FOLLOWS,
    memorySize: FOLLOW_UP_MEMORY,
    routes: [
      {
        method: 'POST',
        path: '/reports/{reference}/information',
        operationId: 'addInformation',
        summary: 'Add information to your report; the contact centre reviews it before any force sees it',
        description: REPORTER_ANONYMITY,
        parameters: [ACCEPT_LANGUAGE],
        body: { json: informationRequestSchema, maxBytes: MAX_FOLLOW_UP_BYTES },
        responses: { 202: json('Taken in, waiting for review.', receivedSchema) },
        problems: problems(jsonBodyProblems(MAX_FOLLOW_UP_BYTES), {
          404: 'No report matches that reference and follow-up code.',
          409: 'The report is still being recorded; try again in a few minutes (Retry-After).',
          429: 'Too many wrong codes for this reference within an hour: refused for an hour (Retry-After).',
        }, SERVER_FAULT),
      },
    ],
  },
  {
    name: 'FollowUpPages',
    capability: 'public-api',
    handler: 'follow-up-pages',
    what: "the website's pages for a reporter coming back to their report",
    audience: { kind: 'public', why: FOLLOWS_REPORTS },
    access: FOLLOWS,
    memorySize: FOLLOW_UP_MEMORY,
    routes: withWelsh([
      {
        method: 'GET',
        path: '/follow-up',
        operationId: 'followUpSignInPage',
        summary: 'The page on which a reporter gives their reference and follow-up code',
        responses: { 200: page('The sign-in page.'), ...PAGE_REFUSALS },
        problems: {},
      },
      ...(
        [
          ['/follow-up', 'followUpPage', 'Open the report: where it stands and the questions relayed', {}],
          ['/follow-up/answer', 'followUpAnswerPage', 'Answer a relayed question', { questionId: 'The question answered.', answer: 'The answer.' }],
          ['/follow-up/information', 'followUpInformationPage', 'Add information to the report', { information: 'What the reporter adds.' }],
        ] as const
      ).map(
        ([path, operationId, summary, fields]): RouteSpec => ({
          method: 'POST',
          path,
          operationId,
          summary,
          description: 'Every post opens the report afresh with the reference and code, counted against the ten-wrong-codes-an-hour limit.',
          body: { form: followUpForm(fields) },
          responses: {
            200: page(path === '/follow-up' ? 'The report as its reporter may see it.' : 'The report, saying what was received.'),
            400: page('The page again, with what to fix.'),
            404: page('No report matches that reference and follow-up code: the sign-in page says so.'),
            ...(path === '/follow-up'
              ? {}
              : ({ 409: page(path === '/follow-up/answer' ? 'The question has already been answered.' : 'The report is still being recorded; try again in a few minutes.') } as Record<number, Answer>)),
            429: page('Too many wrong codes for this reference within an hour: the sign-in page says so.'),
            ...PAGE_REFUSALS,
          },
          problems: {},
        }),
      ),
    ]),
  },

  // The contact centre.
  staff({
    name: 'RecordPhoneReport',
    handler: 'record-phone-report',
    what: 'a call agent records a phone report',
    groups: ['call-agents'],
    access: { intake: true, followUpCodes: 'issue' },
    route: {
      method: 'POST',
      path: '/contact-centre/reports',
      operationId: 'recordPhoneReport',
      summary: 'Record a report taken by phone (channel phone; the caller gets the reference and follow-up code, read out by the call agent)',
      body: { json: reportSubmissionSchema, maxBytes: MAX_REPORT_BYTES },
      responses: { 202: json('Taken in.', reportReceiptSchema) },
      problems: {},
    },
  }),
  staff({
    name: 'ListReviews',
    handler: 'list-reviews',
    what: 'contacts awaiting review',
    groups: ['analysts', 'supervisors'],
    access: {},
    route: {
      method: 'GET',
      path: '/contact-centre/reviews',
      operationId: 'listReviews',
      summary: 'Contacts awaiting review, oldest first, with the proposed force and how it was chosen',
      parameters: paging('The `next` cursor of the previous page.'),
      responses: { 200: json('A page of contacts awaiting review.', contactListSchema) },
      problems: {},
    },
  }),
  staff({
    name: 'ViewReview',
    handler: 'view-review',
    what: 'a contact in full, original opened',
    groups: ['analysts', 'supervisors'],
    access: { originals: 'open' },
    route: {
      method: 'GET',
      path: '/contact-centre/reviews/{reference}',
      operationId: 'viewReview',
      summary:
        "A contact in full: the reporter's original words, the identifying details flagged in them (field pointer, kind, position), the sanitised version so far and the audit trail. Reading it is recorded.",
      responses: { 200: json('The contact in full.', contactForReviewSchema) },
      problems: { ...NOT_FOUND, 410: "The reporter's original words have ended under the retention schedule; the report's record and audit trail are kept." },
    },
  }),
  staff({
    name: 'SanitiseReport',
    handler: 'sanitise-report',
    what: 'an analyst writes the sanitised report',
    groups: ['analysts'],
    access: {},
    route: {
      method: 'PUT',
      path: '/contact-centre/reviews/{reference}/sanitised',
      operationId: 'sanitiseReport',
      summary: 'Write what the force will see',
      body: { json: disseminableContentSchema, maxBytes: MAX_REPORT_BYTES },
      responses: { 200: json('The contact as it now stands.', contactSummarySchema) },
      problems: problems(NOT_FOUND, STEP_CONFLICT),
    },
  }),
  staff({
    name: 'ChooseForce',
    handler: 'choose-force',
    what: 'the contact centre chooses the force',
    groups: ['analysts', 'supervisors'],
    access: {},
    route: {
      method: 'PUT',
      path: '/contact-centre/reviews/{reference}/force',
      operationId: 'chooseForce',
      summary:
        'Choose the force, and say why (the reason stays with the contact centre); 409 for a force whose own professional standards or chief officers the report speaks of',
      body: { json: forceChoiceSchema, maxBytes: MAX_REVIEW_REQUEST_BYTES },
      responses: { 200: json('The contact as it now stands.', contactSummarySchema) },
      problems: problems(
        { 400: 'Or no such force.' },
        NOT_FOUND,
        STEP_CONFLICT,
        { 409: "Or the report speaks of that force's own professional standards, anti-corruption or vetting unit, or its chief officers." },
      ),
    },
  }),
  staff({
    name: 'CloseContact',
    handler: 'close-contact',
    what: 'a member of staff proposes closing a contact',
    groups: ['analysts', 'supervisors'],
    access: {},
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/closure',
      operationId: 'proposeClosure',
      summary: 'Propose closing the contact without dissemination, with a reason; it stays in review until a supervisor who did not propose it confirms',
      body: { json: closureSchema, maxBytes: MAX_REVIEW_REQUEST_BYTES },
      responses: { 200: json('The contact as it now stands.', contactSummarySchema) },
      problems: problems({ 400: 'Or no such reason.' }, NOT_FOUND, STEP_CONFLICT),
    },
  }),
  staff({
    name: 'ConfirmClosure',
    handler: 'confirm-closure',
    what: 'another supervisor confirms a closure',
    groups: ['supervisors'],
    access: {},
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/closure/confirmation',
      operationId: 'confirmClosure',
      summary: 'Confirm a proposed closure: only then is the contact closed. Never by its proposer (403); 409 when none is proposed.',
      responses: { 200: json('The contact as it now stands.', contactSummarySchema) },
      problems: problems({ 403: 'Or the supervisor proposed the closure.' }, NOT_FOUND, STEP_CONFLICT, { 409: 'Or nobody has proposed closing it.' }),
    },
  }),
  staff({
    name: 'DecidePersonLink',
    handler: 'decide-person-link',
    what: 'an analyst confirms or rejects a suggested link between reports about the same person',
    groups: ['analysts', 'supervisors'],
    access: {},
    route: {
      method: 'PUT',
      path: '/contact-centre/reviews/{reference}/links/{otherReference}',
      operationId: 'decidePersonLink',
      summary:
        'Confirm or reject a suggested link between this report and another that may concern the same person; kept for both, audited on both with who decided. A rejected link is not suggested again.',
      body: { json: personLinkDecisionSchema, maxBytes: MAX_REVIEW_REQUEST_BYTES },
      responses: { 200: json('The link as now kept.', personLinkDecisionResultSchema) },
      problems: problems(
        { 400: 'Or the two references are the same report.' },
        { 404: 'No report with that reference, or none with the other.' },
        { 409: 'The service does not suggest this link, and nobody decided it before.' },
      ),
    },
  }),
  staff({
    name: 'NoteHeldReports',
    handler: 'note-held-reports',
    what: 'an analyst tells the force of the reports it holds about the same person',
    groups: ['analysts'],
    access: {},
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/held-reports',
      operationId: 'noteHeldReports',
      summary:
        "Add to the sanitised version one sentence of fixed wording telling the chosen force it holds other reports that may concern the same person, by its own references for them: only reports confirmed linked that this force holds now, never another force's. A change to what the force receives: a supervisor who did not make it approves it.",
      responses: { 200: json('The contact as it now stands.', contactSummarySchema) },
      problems: problems(NOT_FOUND, STEP_CONFLICT, {
        409: 'Or nobody has sanitised it, no force is chosen, or no confirmed link leads to a report that force holds now.',
      }),
    },
  }),
  staff({
    name: 'SplitContact',
    handler: 'split-contact',
    what: 'the contact centre splits a contact for several forces',
    groups: ['analysts', 'supervisors'],
    access: {},
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/split',
      operationId: 'splitContact',
      summary: 'Divide the contact into reports for several forces, each with its own reference, review and approval',
      body: { json: splitSchema, maxBytes: MAX_REVIEW_REQUEST_BYTES },
      responses: { 200: json('The contact, now split, and the references of its reports.', splitContactSchema) },
      problems: problems(
        { 400: 'Or fewer than two parts, an unknown force, or a force named twice.' },
        NOT_FOUND,
        STEP_CONFLICT,
        { 409: "Or the report speaks of a part's force's own professional standards or chief officers." },
      ),
    },
  }),
  staff({
    name: 'ApproveDissemination',
    handler: 'approve-dissemination',
    what: 'a supervisor approves dissemination',
    groups: ['supervisors'],
    access: { disseminates: true },
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/approval',
      operationId: 'approveDissemination',
      summary:
        "Approve the sanitised report: only then does the force receive it. Never by anyone who changed what the force receives or where it goes: the sanitised version, the force, a split (403). 409 when the report may not reach that force, or what it would receive names a report reference or another force's reference.",
      responses: { 200: json('The contact as it now stands: disseminated.', contactSummarySchema) },
      problems: problems(
        { 403: 'Or the supervisor changed what the force receives or where it goes.' },
        NOT_FOUND,
        STEP_CONFLICT,
        {
          409: "Or nobody has sanitised it, no force is chosen, it speaks of that force's own professional standards or chief officers, or it names a report reference or a force reference not that force's own.",
        },
      ),
    },
  }),
  staff({
    name: 'ReturnToAnalyst',
    handler: 'return-to-analyst',
    what: 'a supervisor returns a sanitised contact to the analysts',
    groups: ['supervisors'],
    access: {},
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/return',
      operationId: 'returnToAnalyst',
      summary:
        "Return the sanitised version to the analysts with a reason, instead of approving it: nothing can approve it until an analyst sanitises again. Never by anyone who changed what the force receives or where it goes (403), as approval.",
      body: { json: returnSchema, maxBytes: MAX_REVIEW_REQUEST_BYTES },
      responses: { 200: json('The contact as it now stands: back with the analysts.', contactSummarySchema) },
      problems: problems(
        { 403: 'Or the supervisor changed what the force receives or where it goes.' },
        NOT_FOUND,
        STEP_CONFLICT,
        { 409: 'Or nobody has sanitised it.' },
      ),
    },
  }),
  // Keeping in contact: forces' questions relayed to reporters, and their answers reviewed.
  staff({
    name: 'ListFollowUps',
    handler: 'list-follow-ups',
    what: 'questions to relay, answers to review',
    groups: ['analysts', 'supervisors'],
    access: {},
    route: {
      method: 'GET',
      path: '/contact-centre/follow-ups',
      operationId: 'listFollowUps',
      summary: "Forces' questions waiting to be relayed and reporters' answers waiting for review, oldest first",
      responses: { 200: json('Up to 100 of each.', followUpQueuesSchema) },
      problems: {},
    },
  }),
  staff({
    name: 'RelayQuestion',
    handler: 'relay-question',
    what: "relay a force's question to the reporter",
    groups: ['analysts', 'supervisors'],
    access: {},
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/questions/{questionId}/relay',
      operationId: 'relayQuestion',
      summary: "Relay a force's question to the reporter",
      responses: { 200: json('The question, relayed.', questionSummarySchema) },
      problems: { 404: 'No such report or question.', 409: 'The question has been relayed already, or changed meanwhile.' },
    },
  }),
  staff({
    name: 'RecordPhoneAnswer',
    handler: 'record-phone-answer',
    what: "a call agent records a reporter's answer",
    groups: ['call-agents'],
    access: FOLLOWS,
    route: {
      method: 'POST',
      path: '/contact-centre/reports/{reference}/questions/{questionId}/answers',
      operationId: 'recordPhoneAnswer',
      summary: 'Record the answer a reporter gave by phone to a relayed question, once the follow-up code they read out opens their report; it waits for review',
      body: { json: phoneAnswerRequestSchema, maxBytes: MAX_FOLLOW_UP_BYTES },
      responses: { 202: json('Taken in, awaiting review.', answerSummarySchema) },
      problems: {
        404: 'No report matches that reference and follow-up code, or it has no such question.',
        409: 'The question has not been relayed, or is answered, or changed meanwhile.',
        429: 'Too many wrong codes for this reference within an hour: refused for an hour (Retry-After).',
      },
    },
  }),
  staff({
    name: 'ViewAnswer',
    handler: 'view-answer',
    what: "a reporter's answer in full, opened",
    groups: ['analysts', 'supervisors'],
    access: { originals: 'open' },
    route: {
      method: 'GET',
      path: '/contact-centre/reviews/{reference}/answers/{answerId}',
      operationId: 'viewAnswer',
      summary: "A reporter's answer in full, with identifying details flagged; reading it is recorded",
      responses: { 200: json('The answer in full.', answerForReviewSchema) },
      problems: { 404: 'No such report or answer.' },
    },
  }),
  staff({
    name: 'SanitiseAnswer',
    handler: 'sanitise-answer',
    what: 'an analyst writes the answer the force will see',
    groups: ['analysts'],
    access: {},
    route: {
      method: 'PUT',
      path: '/contact-centre/reviews/{reference}/answers/{answerId}/sanitised',
      operationId: 'sanitiseAnswer',
      summary: 'Write the answer the force will see',
      body: { json: sanitisedAnswerSchema, maxBytes: MAX_FOLLOW_UP_BYTES },
      responses: { 200: json('The answer as it now stands.', answerSummarySchema) },
      problems: { 404: 'No such report or answer.', 409: 'The answer is no longer awaiting review, or changed meanwhile.' },
    },
  }),
  staff({
    name: 'ApproveAnswer',
    handler: 'approve-answer',
    what: 'a supervisor approves an answer for the force',
    groups: ['supervisors'],
    access: { disseminates: true },
    route: {
      method: 'POST',
      path: '/contact-centre/reviews/{reference}/answers/{answerId}/approval',
      operationId: 'approveAnswer',
      summary: 'Approve the sanitised answer: only then does the force receive it. Never by its sanitiser (403).',
      responses: { 200: json('The answer as it now stands.', answerSummarySchema) },
      problems: {
        403: 'Or the supervisor sanitised the answer.',
        404: 'No such report or answer.',
        409: "The answer is not awaiting review, nobody has sanitised it, it speaks of the own professional standards or chief officers of a force that has the report, it names a reference such a force may not see, or it changed meanwhile.",
      },
    },
  }),

  // A force's systems.
  force({
    name: 'ListForceReports',
    handler: 'list-force-reports',
    what: "the force's reports, newest first",
    access: {},
    route: {
      method: 'GET',
      path: '/force/reports',
      operationId: 'listForceReports',
      summary: "Your force's reports, newest first",
      parameters: [{ name: 'status', in: 'query', schema: { type: 'string', enum: [...WITH_A_FORCE] } }, ...paging('The `next` cursor of the previous page.')],
      responses: { 200: json('A page of your reports.', forceReportListSchema) },
      problems: { 400: 'Unknown status.' },
    },
  }),
  force({
    name: 'ReadForceReport',
    handler: 'read-force-report',
    what: 'one report, the read recorded',
    access: {},
    route: {
      method: 'GET',
      path: '/force/reports/{reference}',
      operationId: 'readForceReport',
      summary: 'One report in full; every read is recorded naming your force. After you pass it on, only what you had.',
      responses: { 200: json('The report.', forceReportSchema) },
      problems: { 404: 'No report with that reference for your force: it does not exist for you.' },
    },
  }),
  force({
    name: 'RecordOutcome',
    handler: 'record-outcome',
    what: 'the force records what it did',
    access: {},
    route: {
      method: 'POST',
      path: '/force/reports/{reference}/outcome',
      operationId: 'recordOutcome',
      summary: 'Record what your force did: investigation_opened, recorded_as_intelligence, safeguarding_action, no_further_action',
      body: { json: forceRequestSchemas.outcome, maxBytes: MAX_FORCE_REQUEST_BYTES },
      responses: { 200: json('Recorded.', forceReportSummarySchema) },
      problems: {
        404: 'No report with that reference for your force: it does not exist for you.',
        409: 'The lifecycle does not allow it, you passed the report on, or it changed meanwhile.',
      },
    },
  }),
  force({
    name: 'TransferReport',
    handler: 'transfer-report',
    what: 'the force passes a report to another force',
    access: { disseminates: true },
    route: {
      method: 'POST',
      path: '/force/reports/{reference}/transfer',
      operationId: 'transferReport',
      summary: 'Pass the report to another force, with a reason; it is notified on its queue (or held in triage until it joins the service)',
      body: { json: forceRequestSchemas.transfer, maxBytes: MAX_FORCE_REQUEST_BYTES },
      responses: { 200: json('Passed on.', transferResultSchema) },
      problems: {
        400: 'Or no such force, or your own.',
        404: 'No report with that reference for your force: it does not exist for you.',
        409: 'The lifecycle does not allow it, you passed it on already, or it changed meanwhile.',
      },
    },
  }),
  force({
    name: 'AskQuestion',
    handler: 'ask-question',
    what: 'a force asks the reporter a question',
    access: {},
    route: {
      method: 'POST',
      path: '/force/reports/{reference}/questions',
      operationId: 'askQuestion',
      summary: 'Ask the reporter a question about a report your force received; the contact centre relays it',
      body: { json: questionRequestSchema, maxBytes: MAX_FOLLOW_UP_BYTES },
      responses: { 201: json('The answer arrives on your queue as a report.answer message.', questionAskedSchema) },
      problems: { 404: 'No report with that reference was disseminated to your force.' },
    },
  }),

  // The published statistics.
  {
    name: 'GetStatistics',
    capability: 'statistics-api',
    handler: 'get-statistics',
    what: "a force's statistics by month, counts below 5 suppressed",
    audience: { kind: 'public', why: 'Published statistics, never below 5 per force and month: anyone may read them, without an account. The route has its own throttle, and the website firewall limits each address.' },
    access: {},
    routes: [
      {
        method: 'GET',
        path: '/stats',
        operationId: 'getStatistics',
        summary: "A force's figures by month: contacts by channel, passed to the force, investigations opened, passed to other forces, no further action, closed",
        description: 'Public. No count below 5 for a force and month is shown ("fewer than 5"), nor a total that would give one away (a range instead).',
        parameters: [
          { name: 'force', in: 'query', required: true, schema: { type: 'string', example: 'metropolitan' } },
          { name: 'from', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2022-11' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2024-04' } },
        ],
        responses: { 200: json('The public view, a row per month and totals.', publicStatisticsSchema) },
        problems: problems({ 400: 'Unknown force, or months that are not yyyy-mm in order.' }, SERVER_FAULT),
      },
    ],
  },
];

// ─── reading it ────────────────────────────────────────────────────────────────────────────────

export interface RegisteredRoute extends RouteSpec {
  readonly fn: RouteFunction;
  /** The handler module, relative to the project root, as the function's `pac:handler` metadata has it. */
  readonly handlerModule: string;
}

export const handlerModuleOf = (fn: RouteFunction): string => `functions/handlers/${fn.handler}.ts`;

/** The function's description: its routes, then what it does. */
export const functionDescription = (fn: RouteFunction): string => `${fn.routes.map((r) => `${r.method} ${r.path}`).join(', ')}: ${fn.what}`;

export const functionsOf = (capability: Capability): RouteFunction[] => ROUTE_FUNCTIONS.filter((fn) => fn.capability === capability);

/** Every route, with the function that serves it. */
export const REGISTERED_ROUTES: readonly RegisteredRoute[] = ROUTE_FUNCTIONS.flatMap((fn) =>
  fn.routes.map((route) => ({ ...route, fn, handlerModule: handlerModuleOf(fn) })),
);

const byKey = new Map(REGISTERED_ROUTES.map((route) => [`${route.method} ${route.path}`, route]));

/** The route with that method and path template (`GET /contact-centre/reviews/{reference}`), if any. */
export const registeredRoute = (method: string, path: string): RegisteredRoute | undefined => byKey.get(`${method} ${path}`);
