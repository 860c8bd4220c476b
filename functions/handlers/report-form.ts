/**
 * GET and POST /report: the website's report form. It works without JavaScript: the form posts,
 * and the answer is the form again with what to fix, or the confirmation with the reference and
 * the follow-up code, shown this once. Each form carries its own idempotency key, so a double
 * click or a resend is one report (the page shown last has the code that works). The same form sent
 * again with something changed (the person went back, changed it and pressed ‘Send report’ again)
 * is not taken in: the answer says so, and offers to send it as a new report, with a new key.
 * The confirmation's language link shows the same confirmation, same code, in the other language.
 */
import { randomUUID } from 'node:crypto';
import { clock, portsFor } from '#adapters/composition-root.ts';
import { formBytesFor, htmlPage, pageRoute } from '#adapters/http/page-routes.ts';
import { idempotentIntake } from '#adapters/idempotent-intake.ts';
import { logger } from '#adapters/logger.ts';
import { reportIntake } from '#adapters/report-intake.ts';
import { NARRATIVE_MAX, reportSubmissionSchema } from '#domain/report.ts';
import { languageOfPath } from '#pages/messages/language.ts';
import { changedReportPage, confirmationPage, fieldErrors, reportFormPage, submissionFromForm } from '#pages/report-form.ts';

const intake = reportIntake('online');
const formPorts = portsFor({ clock });
const takeOnce = idempotentIntake(intake.take);

/** A key is the form's own; anything else in the field is not one. */
const idempotencyKeyFrom = (form: URLSearchParams): string | undefined => {
  const key = form.get('idempotencyKey') ?? '';
  return /^[0-9a-f-]{36}$/i.test(key) ? key : undefined;
};

/** The narrative and every other text field at its longest. */
const LONGEST_FORM_CHARACTERS = NARRATIVE_MAX + 6_000;

/** Powertools' answer to a key already used for a different report. */
const isChangedReport = (error: unknown): boolean => error instanceof Error && error.name === 'IdempotencyValidationError';

export const handler = pageRoute(formBytesFor(LONGEST_FORM_CHARACTERS)).handler(async (event, context) => {
  // /report in English, /cy/report in Welsh: the page and its errors in the language of the path.
  const language = languageOfPath(event.requestContext.http.path);
  if (event.requestContext.http.method !== 'POST') return htmlPage(200, reportFormPage({ idempotencyKey: randomUUID(), language }));

  const idempotencyKey = idempotencyKeyFrom(event.body) ?? randomUUID();
  const { values, submission, errors } = submissionFromForm(event.body, formPorts().clock(), language);
  const parsed = reportSubmissionSchema.safeParse(submission);
  const allErrors = [...errors, ...(parsed.success ? [] : fieldErrors(parsed.error.issues, language))];
  if (!parsed.success || allErrors.length > 0) return htmlPage(400, reportFormPage({ values, errors: allErrors, idempotencyKey, language }));

  const taken = await takeOnce({ idempotencyKey, report: parsed.data }, context).catch((error: unknown) => {
    if (isChangedReport(error)) return undefined;
    throw error;
  });
  if (taken === undefined) {
    // Nothing from the form, nor its key, goes in the log line.
    logger.info('Report form sent again with a different report', { channel: 'online', through: 'website' });
    return htmlPage(409, changedReportPage({ values, idempotencyKey: randomUUID(), language, sentIdempotencyKey: idempotencyKey }));
  }
  const { reference } = taken;
  // The confirmation's language link sends the form back with the code it showed and its seal:
  // the same confirmation, in the other language, with the same code. Anything else gets a code.
  const shownBefore = await intake.codeShownBefore(reference, idempotencyKey, {
    code: event.body.get('followUpCode'),
    seal: event.body.get('confirmationSeal'),
  });
  const code = shownBefore ?? (await intake.issueCode(reference));
  const seal = await intake.sealConfirmation({ reference, code, idempotencyKey });
  logger.info(shownBefore === undefined ? 'Report taken in' : 'Confirmation shown again in the other language', { reference, channel: 'online', through: 'website' });
  return htmlPage(200, confirmationPage({ reference, followUpCode: code, language, sent: { values, idempotencyKey, seal } }));
});
