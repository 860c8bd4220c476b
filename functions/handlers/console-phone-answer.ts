/**
 * A caller's answer, or information they add, taken by phone on the staff console
 * (functions/pages/console/keeping-in-contact.ts), by call agents:
 *
 * - GET /phone-answer: the caller's reference and follow-up code to ask for;
 * - POST /phone-answer: the reference and code, opened exactly as the reporter's own follow-up
 *   routes open a report (openReport: every wrong code counted, the same lock-out), and nothing of
 *   the report shown or recorded until they match; then the caller's answer to a relayed question,
 *   recorded as record-phone-answer records it (answer, channel phone, by the call agent), or
 *   information they add unasked, as add-information records it (receiveInformation, channel
 *   phone, by the call agent).
 *
 * A function of its own: it checks codes and seals a caller's words, and cannot open an original
 * (the analysts' screens in console-keeping-in-contact.ts can).
 */
import { clock, followUpAccess, followUpCodeKeys, followUpStore, originalsVault, portsFor, reportStore } from '#adapters/composition-root.ts';
import { attemptFollowUpStep, consolePageAnswer, consoleScreen, type ConsoleResult } from '#adapters/console-http.ts';
import { logger } from '#adapters/logger.ts';
import { answerRequestSchema, receiveInformation } from '#domain/follow-up.ts';
import { parseFollowUpCode } from '#domain/follow-up-code.ts';
import { parseReference } from '#domain/reference.ts';
import { answerAsReporter, openReport, relayedQuestions, type Opened } from '#domain/reporter-follow-up.ts';
import type { Answer, Question } from '#domain/entities/follow-up.ts';
import type { Person } from '#pages/console/layout.ts';
import { notFoundPage } from '#pages/console/pages.ts';
import { REFERENCE_EXAMPLE } from '#pages/console/words.ts';
import { INFORMATION, phoneAnswerPage, phoneAnswerRecordedPage, type PhoneAnswerView } from '#pages/console/keeping-in-contact.ts';

const phonePorts = portsFor({
  access: followUpAccess,
  codeKeys: followUpCodeKeys,
  reports: reportStore,
  followUps: followUpStore,
  vault: originalsVault,
  clock,
});

// ─── a caller's answer, or information they add ────────────────────────────────────────────────

/** The questions relayed to the caller and not yet answered, about their report or the parts it was split into, oldest first. */
const openQuestions = async (opened: Opened): Promise<Question[]> =>
  (await relayedQuestions(phonePorts().followUps, opened)).filter((question) => question.status === 'relayed');

const phoneAnswer = async (person: Person, form: URLSearchParams): Promise<ConsoleResult> => {
  const typedReference = (form.get('reference') ?? '').trim().toUpperCase();
  const typedCode = (form.get('code') ?? '').replace(/\s+/g, '');
  const base: PhoneAnswerView = { person, reference: typedReference, code: typedCode };
  const reference = parseReference(typedReference);
  const code = parseFollowUpCode(typedCode);
  const errors = [
    ...(reference === undefined ? [{ field: 'reference', message: typedReference === '' ? "Enter the caller's reference" : `Enter the reference as the caller was given it, like ${REFERENCE_EXAMPLE}` }] : []),
    ...(code === undefined ? [{ field: 'code', message: typedCode === '' ? "Enter the caller's follow-up code" : 'Enter the follow-up code as the caller was given it' }] : []),
  ];
  if (reference === undefined || code === undefined) return consolePageAnswer(400, phoneAnswerPage({ ...base, errors }));
  const ports = phonePorts();
  const opening = await openReport(ports, reference, code, ports.clock());
  if (opening.kind === 'too-many-attempts') {
    return consolePageAnswer(429, phoneAnswerPage({ ...base, code: '', errorDescription: 'Too many wrong follow-up codes have been tried for this reference. Ask the caller to phone again later.' }));
  }
  if (opening.kind === 'not-recognised') {
    return consolePageAnswer(400, phoneAnswerPage({ ...base, code: '', errors: [{ field: 'code', message: 'The reference and follow-up code do not match. Check both with the caller.' }] }));
  }
  const questions = (await openQuestions(opening)).map((question) => ({ questionId: question.id, askedAt: question.askedAt, text: question.text }));
  const about = form.get('about');
  const asked = { ...base, reference, questions };
  // Only the reference and code were given: what the caller may answer.
  if (about === null && !form.has('words')) return consolePageAnswer(200, phoneAnswerPage(asked));
  const words = form.get('words') ?? '';
  const question = questions.find((q) => q.questionId === about);
  const parsed = answerRequestSchema.safeParse({ answer: words });
  const wordErrors = [
    ...(question === undefined && about !== INFORMATION ? [{ field: 'about', message: 'Choose what the caller is telling you' }] : []),
    ...(parsed.success ? [] : [{ field: 'words', message: words.trim() === '' ? "Type the caller's words" : "The caller's words are too long: record them in two parts" }]),
  ];
  if (!parsed.success || wordErrors.length > 0) return consolePageAnswer(400, phoneAnswerPage({ ...asked, about: about ?? undefined, words, errors: wordErrors }));
  const text = parsed.data.answer;
  if (question !== undefined) {
    // About the question's own report: a part the contact was split into has questions of its own.
    const result = await attemptFollowUpStep<Answer>(() => answerAsReporter(ports, opening, question.questionId, text, ports.clock(), { callAgent: person.username }));
    if ('refusal' in result) return consolePageAnswer(result.status, phoneAnswerPage({ ...asked, about: about ?? undefined, words, errorDescription: result.refusal }));
    logger.info('Answer taken by phone', { reference, questionId: question.questionId, answerId: result.done.id, callAgent: person.username, through: 'staff console' });
    return consolePageAnswer(202, phoneAnswerRecordedPage(person, reference, true));
  }
  if (opening.record === undefined) {
    return consolePageAnswer(409, phoneAnswerPage({ ...asked, about: INFORMATION, words, errorDescription: 'This report is still being taken in: ask the caller to add their information in a few minutes.' }));
  }
  const record = opening.record;
  const result = await attemptFollowUpStep<Answer>(() => receiveInformation(ports, record, text, 'phone', ports.clock(), person.username));
  if ('refusal' in result) return consolePageAnswer(result.status, phoneAnswerPage({ ...asked, about: INFORMATION, words, errorDescription: result.refusal }));
  logger.info('Information taken by phone', { reference, answerId: result.done.id, callAgent: person.username, through: 'staff console' });
  return consolePageAnswer(202, phoneAnswerRecordedPage(person, reference, false));
};

const WHAT = "Recording a caller's answer is for call agents.";

export const handler = consoleScreen(['call-agents'], WHAT, async (event, { person, form }) => {
  switch (event.routeKey) {
    case 'GET /phone-answer':
      return consolePageAnswer(200, phoneAnswerPage({ person }));
    case 'POST /phone-answer':
      return phoneAnswer(person, form);
    default:
      return consolePageAnswer(404, notFoundPage(person));
  }
});
