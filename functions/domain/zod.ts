/**
 * The zod every schema of the service is built with: `zod/mini`, the tree-shakable form of zod 4,
 * with zod's English messages. Classic zod gives every schema it builds every method (`.min`,
 * `.optional`, `.describe`...), which made building the schemas at import most of what the
 * functions' cold starts paid over the AWS SDK (issue 13); `zod/mini` builds the same schemas (the
 * same parsing, the same messages, the same JSON Schema from `z.toJSONSchema`) with functions
 * instead: `z.optional(schema)`, `.check(z.minLength(1))`, and
 * `.register(z.globalRegistry, { description })` for what classic zod's `.describe()` and
 * `.meta()` did. Unlike classic zod, `zod/mini` loads no locale: without one, every message a
 * schema does not spell out would be "Invalid input", so the English one is loaded here.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';

/**
 * Classic zod's `schema.describe(description)`: a copy of the schema, described for the published
 * documents (the copy, so that a schema used in several places keeps its own description).
 */
export const described = <T extends z.ZodMiniType>(schema: T, description: string): T => {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
};

/** Classic zod's `schema.meta(metadata)`: a copy of the schema, named (`id`) and titled for the published documents. */
export const named = <T extends z.ZodMiniType>(schema: T, metadata: z.core.GlobalMeta): T => {
  const copy = schema.clone();
  z.globalRegistry.add(copy, metadata);
  return copy;
};

/** What `named` gave a schema: its id, title and description; undefined for a schema never named or described. */
export const metadataOf = (schema: z.core.$ZodType): z.core.GlobalMeta | undefined => z.globalRegistry.get(schema);

/**
 * `schema.parse(value)`, throwing the error named as classic zod names it: zod/mini's is named
 * "$ZodError", which the router's logs (route-report.ts names only an error whose name is a plain
 * identifier) would not name at all. Use it where a refusal is thrown on, to a log or a DLQ.
 */
export const parseOrThrow = <T extends z.ZodMiniType>(schema: T, value: unknown): z.output<T> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  result.error.name = 'ZodError';
  throw result.error;
};
