/**
 * GET and POST /phone-report on the staff console: a call agent takes a report by phone. The form
 * is read into a report exactly as the website's form is (submissionFromForm), checked against the
 * same schema, and taken in by the same intake as the staff API's phone route
 * (record-phone-report.ts): channel phone, no caller number. The answer shows the reference and
 * the follow-up code to read back, this once. Each form carries its own idempotency key, as the
 * website's does: a double press or a reload of the answer makes one report (the code shown last is
 * the one that works).
 */
import { randomUUID } from 'node:crypto';
import { clock, portsFor } from '#adapters/composition-root.ts';
import { idempotentIntake } from '#adapters/idempotent-intake.ts';
import { consolePageAnswer, consoleScreen } from '#adapters/console-http.ts';
import { logger } from '#adapters/logger.ts';
import { reportIntake } from '#adapters/report-intake.ts';
import { reportSubmissionSchema } from '#domain/report.ts';
import { phoneReportPage, phoneReportTakenPage } from '#pages/console/phone-report-page.ts';
import { fieldErrors, submissionFromForm } from '#pages/report-form.ts';

const intake = reportIntake('phone');
const takeOnce = idempotentIntake(intake.take);
const formPorts = portsFor({ clock });

/** A key is the form's own; anything else in the field is not one. */
const idempotencyKeyFrom = (form: URLSearchParams): string | undefined => {
  const key = form.get('idempotencyKey') ?? '';
  return /^[0-9a-f-]{36}$/i.test(key) ? key : undefined;
};

export const handler = consoleScreen(['call-agents'], 'Taking reports by phone is for call agents.', async (event, { person, form }, context) => {
  if (event.requestContext.http.method !== 'POST') return consolePageAnswer(200, phoneReportPage({ person, idempotencyKey: randomUUID() }));
  const idempotencyKey = idempotencyKeyFrom(form) ?? randomUUID();
  const { values, submission, errors } = submissionFromForm(form, formPorts().clock(), 'en');
  const parsed = reportSubmissionSchema.safeParse(submission);
  const allErrors = [...errors, ...(parsed.success ? [] : fieldErrors(parsed.error.issues, 'en'))];
  if (!parsed.success || allErrors.length > 0) return consolePageAnswer(400, phoneReportPage({ person, idempotencyKey, values, errors: allErrors }));
  const taken = await takeOnce({ idempotencyKey, report: parsed.data, takenBy: person.username }, context).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'IdempotencyValidationError') return undefined;
    throw error;
  });
  if (taken === undefined) {
    const errorDescription = 'This form was sent before with different answers, so it was not recorded again. Check the answers and record it as a new report.';
    return consolePageAnswer(409, phoneReportPage({ person, idempotencyKey: randomUUID(), values, errorDescription }));
  }
  const { reference } = taken;
  const code = await intake.issueCode(reference);
  logger.info('Report taken in', { reference, channel: 'phone', through: 'staff console', callAgent: person.username });
  return consolePageAnswer(200, phoneReportTakenPage(person, reference, code));
});
