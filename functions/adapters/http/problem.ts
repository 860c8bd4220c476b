/**
 * RFC 9457 problem details: every error the public API answers with. A Problem is thrown by
 * middleware or handlers and turned into an `application/problem+json` response by
 * problemDetails(), which runs first on every error.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from '#domain/zod.ts';
import { described, named } from '#domain/zod.ts';

/** The problem document, as the OpenAPI document publishes it. */
export const problemSchema = named(
  z.object({
    type: described(z.string(), 'A URI naming the kind of problem; "about:blank" when the status says it all.'),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.optional(z.string()),
    errors: described(
      z.optional(z.array(z.object({ pointer: described(z.string(), 'RFC 6901 JSON Pointer to the field'), detail: z.string() }))),
      'One entry per failing field.',
    ),
  }),
  { id: 'Problem', title: 'RFC 9457 problem details' },
);

export interface FieldProblem {
  /** RFC 6901 JSON Pointer to the failing field in the request body, e.g. "/subject/role". */
  readonly pointer: string;
  readonly detail: string;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldProblem[];
}

export interface ProblemOptions {
  /** Response headers the status calls for, e.g. WWW-Authenticate on a 401 (RFC 9110 §15.5.2). */
  readonly headers?: Readonly<Record<string, string>>;
}

export class Problem extends Error {
  readonly body: ProblemBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(body: ProblemBody, options: ProblemOptions = {}) {
    super(body.detail ?? body.title);
    this.name = 'Problem';
    this.body = body;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return this.body.status;
  }
}

/** Problems with no more to say than their status use the RFC's "about:blank" type. */
export const statusProblem = (status: number, title: string, detail?: string): Problem =>
  new Problem({ type: 'about:blank', title, status, ...(detail === undefined ? {} : { detail }) });

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The problem as its response. `language` says which language the body was given in (English, or
 * Welsh when the request asked for it: problem-welsh.ts); either way the answer says so, and that
 * it depends on Accept-Language.
 */
export const problemResponse = (problem: Problem, language: 'en' | 'cy' = 'en', body: ProblemBody = problem.body): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: {
    ...problem.headers,
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    'Content-Language': language,
    Vary: 'Accept-Language',
  },
  body: JSON.stringify(body),
});

const escapePointerToken = (token: PropertyKey): string => String(token).replace(/~/g, '~0').replace(/\//g, '~1');

export const jsonPointer = (path: readonly PropertyKey[]): string => path.map((t) => `/${escapePointerToken(t)}`).join('');
