/**
 * Validates the parsed JSON body against a zod schema and replaces it with the schema's output,
 * or refuses it with 400 and one entry per failing field, each with its JSON Pointer.
 */
import type { MiddlewareObj } from '@middy/core';
import type * as z from '#domain/zod.ts';
import { problem, type ProblemName } from './problem-catalogue.ts';
import { jsonPointer, type FieldProblem } from './problem.ts';

export const fieldProblems = (error: z.core.$ZodError): FieldProblem[] =>
  error.issues.flatMap((issue): FieldProblem[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          pointer: jsonPointer([...issue.path, key]),
          detail: `"${key}" is not a field this service accepts here; remove it`,
        }))
      : [{ pointer: jsonPointer(issue.path), detail: issue.message }],
  );

export const validatedBody = <Schema extends z.ZodMiniType>(
  schema: Schema,
  problemName: ProblemName,
): MiddlewareObj<{ body: unknown }> => ({
  before: (request) => {
    const result = schema.safeParse(request.event.body);
    if (!result.success) {
      const errors = fieldProblems(result.error);
      throw problem(problemName, { detail: `${errors.length} ${errors.length === 1 ? 'answer needs' : 'answers need'} attention.`, errors });
    }
    request.event.body = result.data;
  },
});
