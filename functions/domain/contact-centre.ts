/**
 * The contact centre's freephone number: the one place it is written. Every page, the README and
 * the identifying-details check (which must not flag a reporter quoting it) take it from here, and
 * test/unit/contact-centre-number.test.ts fails if another number, or this one typed by hand, appears
 * anywhere else in the service's pages.
 */
export const CONTACT_CENTRE_FREEPHONE = '0800 085 0000';

/** A number's digits only: what a dialler or a comparison needs. */
export const phoneDigits = (number: string): string => number.replace(/\D/gu, '');
