/**
 * The published documents, generated from the zod schemas (never written by hand):
 * - schemas/openapi.json: the HTTP API, every route of the route registry (lib/route-registry.ts)
 *   with every status it answers and a schema for each;
 * - schemas/force-notification.v3.json, force-answer.v3.json and force-information.v3.json: the
 *   messages force systems read from their queues (a report disseminated; a reporter's answer to
 *   a force's question; information the reporter added). Earlier versions stay in schemas/ as they
 *   were published; schemas/CHANGELOG.md says what changed.
 * `npm run schemas` writes them; a test fails when a committed copy differs from what the
 * schemas say, so a change to a contract is always a visible, reviewed change.
 */
import * as z from '../functions/domain/zod.ts';
import { metadataOf } from '../functions/domain/zod.ts';
import {
  forceAnswerNotificationSchema,
  FORCE_ANSWER_VERSION,
  forceNotificationSchema,
  FORCE_NOTIFICATION_VERSION,
  forceInformationNotificationSchema,
  FORCE_INFORMATION_VERSION,
} from '../functions/domain/entities/force-messages.ts';
import { PROBLEM_CATALOGUE, problemType, type ProblemName } from '../functions/adapters/http/problem-catalogue.ts';
import { problemSchema } from '../functions/adapters/http/problem.ts';
import { REGISTERED_ROUTES, type Answer, type RegisteredRoute, type RequestBody } from '../lib/route-registry.ts';

const jsonSchema = (schema: z.ZodMiniType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' });

/** A schema to inline in the document, without the dialect a standalone schema names. */
const inline = (schema: z.ZodMiniType) => {
  const { $schema: _dialect, ...rest } = jsonSchema(schema) as Record<string, unknown>;
  return rest;
};

const COMPONENTS = '#/components/schemas/';

/** Every schema named with named(schema, { id }) (functions/domain/zod.ts), as OpenAPI components that refer to each other by $ref. */
const registered = (): Record<string, Record<string, unknown>> => {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'throw', uri: (id) => `${COMPONENTS}${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _dialect, $id: _uri, id: _id, ...rest } = schema as Record<string, unknown>;
      return [name, rest];
    }),
  );
};

/** The components a document needs: those it refers to, and those they refer to in turn. */
const components = (document: unknown): Record<string, unknown> => {
  const all = registered();
  const needed = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(COMPONENTS)) {
        const name = item.slice(COMPONENTS.length);
        if (!needed.has(name)) {
          if (all[name] === undefined) throw new Error(`No schema named ${name}`);
          needed.add(name);
          visit(all[name]);
        }
      } else visit(item);
    }
  };
  visit(document);
  return Object.fromEntries([...needed].sort().map((name) => [name, all[name]]));
};

/** A $ref to a schema's component: every request and response schema is named, so that the document names it. */
const ref = (schema: z.ZodMiniType) => {
  const id = metadataOf(schema)?.id;
  if (typeof id !== 'string') throw new Error('Every JSON request and response schema needs a name: named(schema, { id })');
  return { $ref: `${COMPONENTS}${id}` };
};

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref(problemSchema) } } });

const answerResponse = (answer: Answer) =>
  'json' in answer
    ? { description: answer.description, content: { 'application/json': { schema: ref(answer.json) } } }
    : { description: answer.description, content: { 'text/html': { schema: { type: 'string', description: "One of the website's pages." } } } };

const requestBody = (body: RequestBody) =>
  'json' in body
    ? { required: true, content: { 'application/json': { schema: ref(body.json) } } }
    : { required: true, content: { 'application/x-www-form-urlencoded': { schema: inline(body.form) } } };

const PATH_PARAMETERS: Record<string, (route: RegisteredRoute) => Record<string, unknown>> = {
  reference: (route) =>
    route.fn.audience.kind === 'force'
      ? {
          name: 'reference',
          in: 'path',
          required: true,
          description: "Your force's own reference for the report, as on your queue's messages. The reporter's reference is never given to a force.",
          schema: { type: 'string', example: 'FR-7K3M-9QXD-2H4P' },
        }
      : { name: 'reference', in: 'path', required: true, schema: { type: 'string', example: 'PAC-7K3M-9QXD' } },
  otherReference: () => ({
    name: 'otherReference',
    in: 'path',
    required: true,
    description: 'The other report, as the review screen suggests it.',
    schema: { type: 'string', example: 'PAC-4H2D-7XKM' },
  }),
  questionId: () => ({ name: 'questionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }),
  answerId: () => ({ name: 'answerId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }),
};

export const pathParameterNames = (path: string): string[] => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);

const pathParameters = (route: RegisteredRoute) =>
  pathParameterNames(route.path).map((name) => {
    const parameter = PATH_PARAMETERS[name];
    if (parameter === undefined) throw new Error(`${route.method} ${route.path}: say what {${name}} is in PATH_PARAMETERS`);
    return parameter(route);
  });

const SECURITY = { staff: [{ staff: [] }], force: [{ forceSystem: [] }] } as const;

/**
 * Where each audience's routes are answered: three HTTP APIs (lib/reporting-stacks.ts), each
 * address a stack output known once it is deployed.
 */
const server = (variable: string, example: string, description: string) => [{ url: `{${variable}}`, description, variables: { [variable]: { default: example } } }];
const SERVERS = {
  public: server(
    'websiteUrl',
    'https://reporting.example',
    "The website's address (the Public stack's WebsiteUrl output): the public API answers only what comes through it, and refuses what is sent to its own address (403, not-through-website).",
  ),
  staff: server('contactCentreApiUrl', 'https://contact-centre-api.example', "The contact centre's own API (the ContactCentre stack's ContactCentreApiUrl output)."),
  force: server('forceApiUrl', 'https://force-api.example', "The force API (the ForceAccess stack's ForceApiUrl output)."),
} as const;

const operation = (route: RegisteredRoute) => {
  const { audience } = route.fn;
  const description = [audience.kind === 'staff' ? `Staff in ${audience.groups.join(' or ')} only.` : undefined, route.description].filter((d) => d !== undefined).join(' ');
  const statuses = [...Object.keys(route.responses), ...Object.keys(route.problems)].map(Number).sort((a, b) => a - b);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(description === '' ? {} : { description }),
    servers: SERVERS[audience.kind],
    ...(audience.kind === 'public' ? {} : { security: SECURITY[audience.kind] }),
    ...(route.parameters === undefined ? {} : { parameters: route.parameters }),
    ...(route.body === undefined ? {} : { requestBody: requestBody(route.body) }),
    responses: Object.fromEntries(
      statuses.map((status) => {
        const answer = route.responses[status];
        return [String(status), answer === undefined ? problemResponse(route.problems[status]!) : answerResponse(answer)];
      }),
    ),
  };
};

/** The paths, in the registry's order, each with its path parameters and its operations. */
const paths = () => {
  const items: Record<string, Record<string, unknown>> = {};
  for (const route of REGISTERED_ROUTES) {
    const item = (items[route.path] ??= pathParameterNames(route.path).length === 0 ? {} : { parameters: pathParameters(route) });
    const method = route.method.toLowerCase();
    if (item[method] !== undefined) throw new Error(`${route.method} ${route.path} is in the route registry twice`);
    item[method] = operation(route);
  }
  return items;
};

export const openApiDocument = () => {
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Police anti-corruption and abuse reporting: public API',
      version: '1.0.0',
      description:
        'Report a police officer, member of staff or volunteer, anonymously if you wish. The service never reads, ' +
        'stores or forwards your IP address, browser details or cookies.',
    },
    paths: paths(),
  };
  return {
    ...document,
    // Every problem type the APIs answer with, from the one catalogue (functions/adapters/http/problem-catalogue.ts);
    // problems whose status says everything use "about:blank".
    'x-problem-types': (Object.keys(PROBLEM_CATALOGUE) as ProblemName[]).map((name) => {
      const { status, title, when } = PROBLEM_CATALOGUE[name];
      return { type: problemType(name), status, title, when };
    }),
    components: {
      securitySchemes: {
        staff: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the contact-centre staff user pool.' },
        forceSystem: {
          type: 'oauth2',
          description: "Your force's app client in the force systems user pool; the token carries the scope police-reporting/force.<your force id>.",
          flows: { clientCredentials: { tokenUrl: '/oauth2/token', scopes: { 'police-reporting/force.<id>': "Your force's reports" } } },
        },
      },
      schemas: components(document),
    },
  };
};

export const apiDocuments = (): Record<string, unknown> => ({
  'openapi.json': openApiDocument(),
  [`force-notification.v${FORCE_NOTIFICATION_VERSION.split('.')[0]}.json`]: jsonSchema(forceNotificationSchema),
  [`force-answer.v${FORCE_ANSWER_VERSION.split('.')[0]}.json`]: jsonSchema(forceAnswerNotificationSchema),
  [`force-information.v${FORCE_INFORMATION_VERSION.split('.')[0]}.json`]: jsonSchema(forceInformationNotificationSchema),
});
