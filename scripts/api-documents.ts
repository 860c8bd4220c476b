/**
 * The published documents, generated from the zod schemas (never written by hand):
 * - schemas/openapi.json: the public API;
 * - schemas/force-notification.v1.json: the contract force systems read from their queues.
 * `npm run schemas` writes them; a test fails when a committed copy differs from what the
 * schemas say, so a change to a contract is always a visible, reviewed change.
 */
import * as z from 'zod';
import { forceNotificationSchema, FORCE_NOTIFICATION_VERSION } from '../functions/domain/force-notification.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema } from '../functions/domain/report.ts';
import { reportReceiptSchema } from '../functions/domain/submission.ts';
import { problemSchema } from '../functions/adapters/http/problem.ts';

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
          '500': problemResponse('Something went wrong on our side; the report was not taken in.'),
        },
      },
    },
  },
  components: {
    schemas: components([reportSubmissionSchema, reportReceiptSchema, problemSchema].map((schema) => String(schema.meta()?.id))),
  },
});

export const apiDocuments = (): Record<string, unknown> => ({
  'openapi.json': openApiDocument(),
  [`force-notification.v${FORCE_NOTIFICATION_VERSION.split('.')[0]}.json`]: jsonSchema(forceNotificationSchema),
});
