/**
 * The published documents, generated from the zod schemas (never written by hand):
 * - schemas/openapi.json: the public API;
 * - schemas/force-notification.v2.json, force-answer.v2.json and force-information.v2.json: the
 *   messages force systems read from their queues (a report disseminated; a reporter's answer to
 *   a force's question; information the reporter added). Earlier versions stay in schemas/ as they
 *   were published; schemas/CHANGELOG.md says what changed.
 * `npm run schemas` writes them; a test fails when a committed copy differs from what the
 * schemas say, so a change to a contract is always a visible, reviewed change.
 */
import * as z from 'zod';
import {
  forceAnswerNotificationSchema,
  FORCE_ANSWER_VERSION,
  forceNotificationSchema,
  FORCE_NOTIFICATION_VERSION,
  forceInformationNotificationSchema,
  FORCE_INFORMATION_VERSION,
} from '../functions/domain/entities/force-messages.ts';
import { informationRequestSchema, openReportRequestSchema, reporterAnswerRequestSchema, reporterViewSchema } from '../functions/domain/reporter-follow-up.ts';
import { MAX_FOLLOW_UP_BYTES } from '../functions/domain/follow-up.ts';
import { answerRequestSchema, questionRequestSchema, sanitisedAnswerSchema } from '../functions/domain/follow-up.ts';
import { forceRequestSchemas } from '../functions/domain/force-work.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema } from '../functions/domain/report.ts';
import { reportReceiptSchema } from '../functions/domain/submission.ts';
import { problemSchema } from '../functions/adapters/http/problem.ts';
import { disseminableContentSchema } from '../functions/domain/disseminable-content.ts';
import { closureSchema, forceChoiceSchema, splitSchema } from '../functions/domain/review-requests.ts';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });

/** The schemas named with .meta({ id }), as OpenAPI components that refer to each other by $ref. */
const components = (names: readonly string[]) => {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    io: 'input',
    unrepresentable: 'throw',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    names.map((name) => {
      const { $schema: _dialect, $id: _uri, id: _id, ...schema } = schemas[name] as Record<string, unknown>;
      return [name, schema];
    }),
  );
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const jsonBody = (schema: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });

/** A contact-centre route: bearer token from the staff user pool, for the groups named. */
const staffOperation = (operationId: string, summary: string, groups: string, responses: Record<string, unknown>, body?: string) => ({
  operationId,
  summary,
  description: `Staff in ${groups} only.`,
  security: [{ staff: [] }],
  ...(body === undefined ? {} : { requestBody: jsonBody(body) }),
  responses: {
    ...responses,
    '401': problemResponse('No valid staff access token.'),
    '403': problemResponse(`The token is valid but the member of staff is not in ${groups}.`),
  },
});

const referenceParameter = { name: 'reference', in: 'path', required: true, schema: { type: 'string', example: 'PAC-7K3M-9QXD' } };
const forceReferenceParameter = {
  name: 'reference',
  in: 'path',
  required: true,
  description: "Your force's own reference for the report, as on your queue's messages. The reporter's reference is never given to a force.",
  schema: { type: 'string', example: 'FR-7K3M-9QXD-2H4P' },
};
const idParameter = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
const contactAnswer = { '200': { description: 'The contact as it now stands.' }, '404': problemResponse('No report with that reference.') };
const stepAnswer = { ...contactAnswer, '409': problemResponse('The contact is not in a state for this step, or changed meanwhile.') };

/** The reporter's follow-up: anonymous, authorised only by the reference and the follow-up code. */
const reporterOperation = (operationId: string, summary: string, body: string, success: Record<string, unknown>) => ({
  operationId,
  summary,
  description:
    'Anonymous: the reference (in the path) and the follow-up code (in the body) are the only authorisation. A wrong code and an unknown ' +
    'reference get the same 404, after the same work; after ten wrong codes for a reference within an hour, every attempt for it is refused for an hour (429).',
  parameters: [referenceParameter],
  requestBody: jsonBody(body),
  responses: {
    ...success,
    '400': problemResponse('The body is not valid JSON, or a field needs attention (see errors[].pointer).'),
    '404': problemResponse('No report matches that reference and follow-up code.'),
    '413': problemResponse(`The body is larger than ${MAX_FOLLOW_UP_BYTES} bytes.`),
    '429': problemResponse('Too many wrong codes for this reference within an hour: refused for an hour (Retry-After).'),
  },
});

const reporterPaths = {
  '/reports/{reference}/follow-up': {
    post: reporterOperation('openReport', 'See where your report stands (received, passed to a police force, closed) and the questions relayed to you', 'OpenReportRequest', {
      '200': { description: 'The report as its reporter may see it.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ReporterView' } } } },
    }),
  },
  '/reports/{reference}/answers': {
    post: reporterOperation('answerQuestion', 'Answer a question relayed to you; the contact centre reviews it before the force sees it', 'ReporterAnswerRequest', {
      '202': { description: 'Taken in, waiting for review.' },
      '409': problemResponse('The question has already been answered.'),
    }),
  },
  '/reports/{reference}/information': {
    post: reporterOperation('addInformation', 'Add information to your report; the contact centre reviews it before any force sees it', 'InformationRequest', {
      '202': { description: 'Taken in, waiting for review.' },
      '409': problemResponse('The report is still being recorded; try again in a few minutes (Retry-After).'),
    }),
  },
};

const contactCentrePaths = {
  '/contact-centre/reports': {
    post: staffOperation(
      'recordPhoneReport',
      'Record a report taken by phone (channel phone; the caller gets the reference)',
      'call-agents',
      { '202': { description: 'Taken in.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportReceipt' } } } }, '400': problemResponse('Answers need attention.') },
      'ReportSubmission',
    ),
  },
  '/contact-centre/reviews': {
    get: {
      ...staffOperation('listReviews', 'Contacts awaiting review, oldest first, with the proposed force and how it was chosen', 'analysts or supervisors', {
        '200': { description: '{ contacts: [...], next: cursor | null }' },
      }),
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
        { name: 'after', in: 'query', schema: { type: 'string' }, description: 'The `next` cursor of the previous page.' },
      ],
    },
  },
  '/contact-centre/reviews/{reference}': {
    parameters: [referenceParameter],
    get: staffOperation(
      'viewReview',
      "A contact in full: the reporter's original words, the identifying details flagged in them (field pointer, kind, position), the sanitised version so far and the audit trail. Reading it is recorded.",
      'analysts or supervisors',
      contactAnswer,
    ),
  },
  '/contact-centre/reviews/{reference}/sanitised': {
    parameters: [referenceParameter],
    put: staffOperation('sanitiseReport', 'Write what the force will see', 'analysts', { ...stepAnswer, '400': problemResponse('Answers need attention.') }, 'SanitisedReport'),
  },
  '/contact-centre/reviews/{reference}/force': {
    parameters: [referenceParameter],
    put: staffOperation(
      'chooseForce',
      'Choose the force, and say why (the reason stays with the contact centre); 409 for a force whose own professional standards or chief officers the report speaks of',
      'analysts or supervisors',
      { ...stepAnswer, '400': problemResponse('No such force.') },
      'ForceChoice',
    ),
  },
  '/contact-centre/reviews/{reference}/closure': {
    parameters: [referenceParameter],
    post: staffOperation(
      'proposeClosure',
      'Propose closing the contact without dissemination, with a reason; it stays in review until a supervisor who did not propose it confirms',
      'analysts or supervisors',
      { ...stepAnswer, '400': problemResponse('No such reason.') },
      'Closure',
    ),
  },
  '/contact-centre/reviews/{reference}/closure/confirmation': {
    parameters: [referenceParameter],
    post: staffOperation(
      'confirmClosure',
      'Confirm a proposed closure: only then is the contact closed. Never by its proposer (403); 409 when none is proposed.',
      'supervisors',
      stepAnswer,
    ),
  },
  '/contact-centre/reviews/{reference}/split': {
    parameters: [referenceParameter],
    post: staffOperation(
      'splitContact',
      'Divide the contact into reports for several forces, each with its own reference, review and approval',
      'analysts or supervisors',
      { ...stepAnswer, '400': problemResponse('Fewer than two parts, an unknown force, or a force named twice.') },
      'Split',
    ),
  },
  '/contact-centre/follow-ups': {
    get: staffOperation('listFollowUps', "Forces' questions waiting to be relayed and reporters' answers waiting for review, oldest first", 'analysts or supervisors', {
      '200': { description: '{ questionsAwaitingRelay: [...], answersAwaitingReview: [...] }' },
    }),
  },
  '/contact-centre/reviews/{reference}/questions/{questionId}/relay': {
    parameters: [referenceParameter, idParameter('questionId')],
    post: staffOperation('relayQuestion', "Relay a force's question to the reporter", 'analysts or supervisors', stepAnswer),
  },
  '/contact-centre/reports/{reference}/questions/{questionId}/answers': {
    parameters: [referenceParameter, idParameter('questionId')],
    post: staffOperation(
      'recordPhoneAnswer',
      'Record the answer a reporter gave by phone to a relayed question; it waits for review',
      'call-agents',
      { '202': { description: 'Taken in, awaiting review.' }, '404': problemResponse('No such question.'), '409': problemResponse('The question has not been relayed, or is answered.') },
      'AnswerRequest',
    ),
  },
  '/contact-centre/reviews/{reference}/answers/{answerId}': {
    parameters: [referenceParameter, idParameter('answerId')],
    get: staffOperation('viewAnswer', "A reporter's answer in full, with identifying details flagged; reading it is recorded", 'analysts or supervisors', contactAnswer),
  },
  '/contact-centre/reviews/{reference}/answers/{answerId}/sanitised': {
    parameters: [referenceParameter, idParameter('answerId')],
    put: staffOperation('sanitiseAnswer', 'Write the answer the force will see', 'analysts', stepAnswer, 'SanitisedAnswer'),
  },
  '/contact-centre/reviews/{reference}/answers/{answerId}/approval': {
    parameters: [referenceParameter, idParameter('answerId')],
    post: staffOperation('approveAnswer', 'Approve the sanitised answer: only then does the force receive it. Never by its sanitiser (403).', 'supervisors', stepAnswer),
  },
  '/contact-centre/reviews/{reference}/approval': {
    parameters: [referenceParameter],
    post: staffOperation(
      'approveDissemination',
      'Approve the sanitised report: only then does the force receive it. Never by anyone who changed what the force receives or where it goes: the sanitised version, the force, a split (403). 409 when the report may not reach that force.',
      'supervisors',
      stepAnswer,
    ),
  },
};

const forceOperation = (operationId: string, summary: string, responses: Record<string, unknown>, body?: string) => ({
  operationId,
  summary,
  security: [{ forceSystem: [] }],
  ...(body === undefined ? {} : { requestBody: jsonBody(body) }),
  responses: {
    ...responses,
    '401': problemResponse("No valid access token from one of your force's app clients."),
    '403': problemResponse('The token names no force, or not its own.'),
    '404': problemResponse('No report with that reference for your force: it does not exist for you.'),
  },
});

const forcePaths = {
  '/force/reports': {
    get: {
      ...forceOperation('listForceReports', "Your force's reports, newest first", { '200': { description: '{ reports: [...], next: cursor | null }' }, '400': problemResponse('Unknown status.') }),
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['disseminated', 'investigation_opened', 'recorded_as_intelligence', 'safeguarding_action', 'no_further_action'] } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
        { name: 'after', in: 'query', schema: { type: 'string' } },
      ],
    },
  },
  '/force/reports/{reference}': {
    parameters: [forceReferenceParameter],
    get: forceOperation('readForceReport', 'One report in full; every read is recorded naming your force. After you pass it on, only what you had.', { '200': { description: 'The report.' } }),
  },
  '/force/reports/{reference}/outcome': {
    parameters: [forceReferenceParameter],
    post: forceOperation(
      'recordOutcome',
      'Record what your force did: investigation_opened, recorded_as_intelligence, safeguarding_action, no_further_action',
      { '200': { description: 'Recorded.' }, '400': problemResponse('Unknown outcome.'), '409': problemResponse('The lifecycle does not allow it, or you passed the report on.') },
      'OutcomeRequest',
    ),
  },
  '/force/reports/{reference}/transfer': {
    parameters: [forceReferenceParameter],
    post: forceOperation(
      'transferReport',
      'Pass the report to another force, with a reason; it is notified on its queue (or held in triage until it joins the service)',
      { '200': { description: 'Passed on.' }, '400': problemResponse('No such force, or your own.'), '409': problemResponse('The lifecycle does not allow it, or you passed it on already.') },
      'TransferRequest',
    ),
  },
  '/force/reports/{reference}/questions': {
    parameters: [forceReferenceParameter],
    post: {
      operationId: 'askQuestion',
      summary: 'Ask the reporter a question about a report your force received; the contact centre relays it',
      security: [{ forceSystem: [] }],
      requestBody: jsonBody('QuestionRequest'),
      responses: {
        '201': { description: '{ questionId, status: "awaiting_relay" }. The answer arrives on your queue as a report.answer message.' },
        '400': problemResponse('The question needs attention.'),
        '401': problemResponse("No valid access token from one of your force's app clients."),
        '403': problemResponse('The token names no force, or not its own.'),
        '404': problemResponse('No report with that reference was disseminated to your force.'),
      },
    },
  },
};

const statisticsPaths = {
  '/stats': {
    get: {
      operationId: 'getStatistics',
      summary: "A force's figures by month: contacts by channel, passed to the force, investigations opened, passed to other forces, no further action, closed",
      description: 'Public. No count below 5 for a force and month is shown ("fewer than 5"), nor a total that would give one away (a range instead).',
      parameters: [
        { name: 'force', in: 'query', required: true, schema: { type: 'string', example: 'metropolitan' } },
        { name: 'from', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2022-11' } },
        { name: 'to', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2024-04' } },
      ],
      responses: { '200': { description: 'The public view, a row per month and totals.' }, '400': problemResponse('Unknown force, or months that are not yyyy-mm in order.') },
    },
  },
};

export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'Police anti-corruption and abuse reporting: public API',
    version: '1.0.0',
    description:
      'Report a police officer, member of staff or volunteer, anonymously if you wish. The service never reads, ' +
      'stores or forwards your IP address, browser details or cookies.',
  },
  paths: {
    '/reports': {
      post: {
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
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportSubmission' } } },
        },
        responses: {
          '202': {
            description: 'The report was taken in and will be passed on. Keep the reference.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportReceipt' } } },
          },
          '400': problemResponse('The body is not valid JSON, or answers need attention (see errors[].pointer).'),
          '413': problemResponse(`The body is larger than ${MAX_REPORT_BYTES} bytes.`),
          '415': problemResponse('The body is not application/json.'),
          '409': problemResponse('The same Idempotency-Key is being taken in right now; send it again in a moment.'),
          '422': problemResponse('The Idempotency-Key was used for a different report.'),
          '500': problemResponse('Something went wrong on our side; the report was not taken in.'),
        },
      },
    },
    ...reporterPaths,
    ...contactCentrePaths,
    ...forcePaths,
    ...statisticsPaths,
  },
  components: {
    securitySchemes: {
      staff: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the contact-centre staff user pool.' },
      forceSystem: {
        type: 'oauth2',
        description: "Your force's app client in the force systems user pool; the token carries the scope police-reporting/force.<your force id>.",
        flows: { clientCredentials: { tokenUrl: '/oauth2/token', scopes: { 'police-reporting/force.<id>': "Your force's reports" } } },
      },
    },
    schemas: components(
      [
        reportSubmissionSchema,
        reportReceiptSchema,
        problemSchema,
        disseminableContentSchema,
        forceChoiceSchema,
        closureSchema,
        splitSchema,
        openReportRequestSchema,
        reporterViewSchema,
        reporterAnswerRequestSchema,
        informationRequestSchema,
        questionRequestSchema,
        answerRequestSchema,
        sanitisedAnswerSchema,
        forceRequestSchemas.outcome,
        forceRequestSchemas.transfer,
      ].map((schema) =>
        String(schema.meta()?.id),
      ),
    ),
  },
});

export const apiDocuments = (): Record<string, unknown> => ({
  'openapi.json': openApiDocument(),
  [`force-notification.v${FORCE_NOTIFICATION_VERSION.split('.')[0]}.json`]: jsonSchema(forceNotificationSchema),
  [`force-answer.v${FORCE_ANSWER_VERSION.split('.')[0]}.json`]: jsonSchema(forceAnswerNotificationSchema),
  [`force-information.v${FORCE_INFORMATION_VERSION.split('.')[0]}.json`]: jsonSchema(forceInformationNotificationSchema),
});
