/**
 * What every step of the service answers, whatever it is about (review, a force's work, keeping
 * in contact): done, with what it produced, or refused, with why. The refusal kinds are each
 * step's own; the HTTP adapters turn each kind into its problem through one catalogue
 * (functions/adapters/http/problem-catalogue.ts).
 */
export type StepResult<T, Refusal extends { readonly kind: string }> =
  | { readonly kind: 'done'; readonly value: T }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export const done = <T>(value: T): { readonly kind: 'done'; readonly value: T } => ({ kind: 'done', value });

export const refused = <Refusal extends { readonly kind: string }>(refusal: Refusal): { readonly kind: 'refused'; readonly refusal: Refusal } => ({
  kind: 'refused',
  refusal,
});

/** Nothing of that name to take the step on, or nothing the one asking may see. */
export interface NotFound {
  readonly kind: 'not-found';
}
