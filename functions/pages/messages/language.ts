/**
 * The website's languages. The language is in the address, never in a cookie: English pages are
 * at their own paths (`/report`), Welsh ones under `/cy` (`/cy/report`, the start page `/cy/`),
 * and a form posted from a Welsh page posts to the Welsh path, so it is answered in Welsh.
 */
import { cy } from './cy.ts';
import { en, type Messages } from './en.ts';

export type { Messages } from './en.ts';

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The prefix of the Welsh pages' paths. */
export const WELSH_PREFIX = '/cy';

const CATALOGUES: Readonly<Record<Language, Messages>> = { en, cy };

export const messagesFor = (language: Language): Messages => CATALOGUES[language];

/** What `<html lang>` says: English as written in the UK, Welsh. */
export const HTML_LANG: Readonly<Record<Language, string>> = { en: 'en-GB', cy: 'cy' };

/** The language of a page's path: Welsh under /cy, English everywhere else. */
export const languageOfPath = (path: string): Language => (path === WELSH_PREFIX || path.startsWith(`${WELSH_PREFIX}/`) ? 'cy' : 'en');

/** A path without its language prefix: `/cy/report` → `/report`, `/cy` and `/cy/` → `/`. */
export const pathWithoutLanguage = (path: string): string =>
  languageOfPath(path) === 'cy' ? path.slice(WELSH_PREFIX.length) || '/' : path;

/** A site path (`/report`, `/`) in a language: `/cy/report`, `/cy/`. */
export const pathIn = (language: Language, path: string): string => (language === 'en' ? path : `${WELSH_PREFIX}${path}`);

export const otherLanguage = (language: Language): Language => (language === 'en' ? 'cy' : 'en');
