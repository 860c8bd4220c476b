/**
 * The language a public API answer is given in: Welsh when the request's Accept-Language prefers
 * Welsh (`cy`) to English, English otherwise. anonymise() keeps no more of the header than that
 * choice (`cy` or `en`), so nothing else a browser says about its languages reaches the service.
 */
export type AnswerLanguage = 'en' | 'cy';

/** `cy` when Welsh is wanted more than English (by q-value, then by order), else `en`. */
export const preferredLanguage = (acceptLanguage: string | undefined): AnswerLanguage => {
  if (acceptLanguage === undefined) return 'en';
  let best: { language: AnswerLanguage; q: number } | undefined;
  for (const range of acceptLanguage.split(',')) {
    const [tag = '', ...parameters] = range.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'cy' && primary !== 'en') continue;
    const qParameter = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('q='));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (best === undefined || q > best.q) best = { language: primary, q };
  }
  return best?.language ?? 'en';
};

/** The language anonymise() kept on the request (`accept-language: cy`), or English. */
export const answerLanguageOf = (headers: Readonly<Record<string, string | undefined>> | undefined): AnswerLanguage =>
  headers?.['accept-language'] === 'cy' ? 'cy' : 'en';
