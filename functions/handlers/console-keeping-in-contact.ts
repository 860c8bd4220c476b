/**
 * Keeping in contact on the staff console (functions/pages/console/keeping-in-contact.ts), each
 * step through the staff API's own use case, as the person signed in:
 *
 * - GET /questions: the forces' questions waiting to be relayed, oldest first (as list-follow-ups);
 * - POST /questions/{reference}/{questionId}/relay: relay, as relay-question (analysts and call agents);
 * - GET and POST /phone-answer: a caller gives their reference and follow-up code, opened exactly as
 *   the reporter's own follow-up routes open a report (openReport: every wrong code counted, the
 *   same lock-out); then their answer to a relayed question is recorded as record-phone-answer
 *   records it (answer, channel phone, by the call agent), or information they add unasked as
 *   add-information records it (receiveInformation, channel phone, by the call agent) (call agents);
 * - GET /answers-to-sanitise: the answers not yet sanitised, oldest first;
 * - GET /answers-to-sanitise/{reference}/{answerId}: one, opened as view-answer opens it
 *   (openAnswerForReview: the reading recorded);
 * - POST /answers-to-sanitise/{reference}/{answerId}: sanitiseAnswer, as sanitise-answer (analysts).
 */
import { clock, followUpAccess, followUpCodeKeys, followUpStore, originalsVault, portsFor, reportStore } from '#adapters/composition-root.ts';
import { consolePageAnswer, consoleScreen, postedForm, type ConsoleResult } from '#adapters/console-http.ts';
import { logger } from '#adapters/logger.ts';
import { answer, answerRequestSchema, answerStep, openAnswerForReview, receiveInformation, relay, sanitiseAnswer, sanitisedAnswerSchema, type FollowUpOutcome } from '#domain/follow-up.ts';
import { parseFollowUpCode } from '#domain/follow-up-code.ts';
import { forceById } from '#domain/forces.ts';
import { findIdentifyingDetails } from '#domain/identifying-details.ts';
import { ConcurrentChange } from '#domain/ports.ts';
import { parseReference, type Reference } from '#domain/reference.ts';
import { openReport, type Opened } from '#domain/reporter-follow-up.ts';
import { secondsWaiting } from '#domain/review.ts';
import type { Answer, Question } from '#domain/entities/follow-up.ts';
import type { Person } from '#pages/console/layout.ts';
import { forbiddenPage, notFoundPage } from '#pages/console/pages.ts';
import { answerRefusalInWords } from '#pages/console/approval.ts';
import {
  answersToSanitisePage,
  INFORMATION,
  phoneAnswerPage,
  phoneAnswerRecordedPage,
  questionsPage,
  sanitiseAnswerPage,
  withPlaceholders,
  type PhoneAnswerView,
  type QuestionsView,
} from '#pages/console/keeping-in-contact.ts';

const keepingPorts = portsFor({
  access: followUpAccess,
  codeKeys: followUpCodeKeys,
  reports: reportStore,
  followUps: followUpStore,
  vault: originalsVault,
  clock,
});

/** Questions and answers listed at most, as the staff API's list. */
const LISTED = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHANGED_MEANWHILE = 'Someone else changed this at the same moment, so nothing was done. Look at it again.';

const ROLES = {
  questions: ['analysts', 'call-agents'],
  phone: ['call-agents'],
  sanitise: ['analysts'],
} as const;

const mayUse = (person: Person, roles: readonly string[]): boolean => person.groups.some((group) => roles.includes(group));

const attempt = async <T>(step: () => Promise<FollowUpOutcome<T>>): Promise<{ done: T } | { refusal: string; status: number }> => {
  try {
    const outcome = await step();
    if (outcome.kind === 'done') return { done: outcome.value };
    return { refusal: answerRefusalInWords(outcome.refusal), status: outcome.refusal.kind === 'not-found' ? 404 : 409 };
  } catch (error) {
    if (error instanceof ConcurrentChange) return { refusal: CHANGED_MEANWHILE, status: 409 };
    throw error;
  }
};

// ─── the questions to relay ────────────────────────────────────────────────────────────────────

const questionsScreen = async (person: Person, status: number, extra: Pick<QuestionsView, 'relayed' | 'refusal'> = {}): Promise<ConsoleResult> => {
  const { followUps, clock } = keepingPorts();
  const now = clock();
  const questions = (await followUps.questionsAwaitingRelay(LISTED))
    .toSorted((a, b) => a.askedAt.localeCompare(b.askedAt))
    .map((question) => ({
      reference: question.reference,
      questionId: question.id,
      force: forceById(question.force)?.name ?? question.force,
      askedAt: question.askedAt,
      waitedSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(question.askedAt)) / 1000)),
      text: question.text,
    }));
  return consolePageAnswer(status, questionsPage({ person, questions, ...extra }));
};

const relayQuestion = async (person: Person, reference: Reference | undefined, questionId: string): Promise<ConsoleResult> => {
  if (reference === undefined || !UUID.test(questionId)) return consolePageAnswer(404, notFoundPage(person));
  const { followUps, clock } = keepingPorts();
  const result = await attempt(() => relay(followUps, reference, questionId, person.username, clock()));
  if ('refusal' in result) {
    const refusal = result.status === 409 && !result.refusal.startsWith('Someone') ? 'Nothing was changed: this question has already been relayed.' : result.refusal;
    return questionsScreen(person, result.status, { refusal });
  }
  logger.info('Question relayed', { reference, questionId, by: person.username, through: 'staff console' });
  return questionsScreen(person, 200, { relayed: { reference, questionId } });
};

// ─── a caller's answer, or information they add ────────────────────────────────────────────────

/** The questions relayed to the caller and not yet answered, about their report or the parts it was split into, oldest first. */
const openQuestions = async (opened: Opened): Promise<Question[]> => {
  const { followUps } = keepingPorts();
  const references = [opened.reference, ...opened.parts.map((part) => part.reference)];
  const questions = (await Promise.all(references.map((reference) => followUps.questionsAbout(reference)))).flat();
  return questions.filter((question) => question.status === 'relayed').toSorted((a, b) => a.askedAt.localeCompare(b.askedAt));
};

const phoneAnswer = async (person: Person, form: URLSearchParams): Promise<ConsoleResult> => {
  const typedReference = (form.get('reference') ?? '').trim().toUpperCase();
  const typedCode = (form.get('code') ?? '').replace(/\s+/g, '');
  const base: PhoneAnswerView = { person, reference: typedReference, code: typedCode };
  const reference = parseReference(typedReference);
  const code = parseFollowUpCode(typedCode);
  const errors = [
    ...(reference === undefined ? [{ field: 'reference', message: typedReference === '' ? "Enter the caller's reference" : 'Enter the reference as the caller was given it, like PAC-2026-ABCD-EFGH' }] : []),
    ...(code === undefined ? [{ field: 'code', message: typedCode === '' ? "Enter the caller's follow-up code" : 'Enter the follow-up code as the caller was given it' }] : []),
  ];
  if (reference === undefined || code === undefined) return consolePageAnswer(400, phoneAnswerPage({ ...base, errors }));
  const ports = keepingPorts();
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
    const result = await attempt<Answer>(() => answer(ports, reference, question.questionId, text, 'phone', ports.clock(), person.username));
    if ('refusal' in result) return consolePageAnswer(result.status, phoneAnswerPage({ ...asked, about: about ?? undefined, words, errorDescription: result.refusal }));
    logger.info('Answer taken by phone', { reference, questionId: question.questionId, answerId: result.done.id, callAgent: person.username, through: 'staff console' });
    return consolePageAnswer(202, phoneAnswerRecordedPage(person, reference, true));
  }
  if (opening.record === undefined) {
    return consolePageAnswer(409, phoneAnswerPage({ ...asked, about: INFORMATION, words, errorDescription: 'This report is still being taken in: ask the caller to add their information in a few minutes.' }));
  }
  const record = opening.record;
  const result = await attempt<Answer>(() => receiveInformation(ports, record, text, 'phone', ports.clock(), person.username));
  if ('refusal' in result) return consolePageAnswer(result.status, phoneAnswerPage({ ...asked, about: INFORMATION, words, errorDescription: result.refusal }));
  logger.info('Information taken by phone', { reference, answerId: result.done.id, callAgent: person.username, through: 'staff console' });
  return consolePageAnswer(202, phoneAnswerRecordedPage(person, reference, false));
};

// ─── the answers to sanitise ───────────────────────────────────────────────────────────────────

const answersToSanitise = async (person: Person, sanitised?: Reference): Promise<ConsoleResult> => {
  const { followUps, clock } = keepingPorts();
  const now = clock();
  const answers = (await followUps.answersAwaitingReview(LISTED))
    .filter((item) => item.sanitised === undefined)
    .toSorted((a, b) => a.receivedAt.localeCompare(b.receivedAt))
    .map((item) => ({ reference: item.reference, answerId: item.id, isAnswer: item.questionId !== undefined, channel: item.channel, waitedSeconds: secondsWaiting(item, now) }));
  return consolePageAnswer(200, answersToSanitisePage(person, answers, sanitised));
};

const sanitiseScreen = async (
  person: Person,
  reference: Reference,
  answerId: string,
  status: number,
  posted?: { readonly text: string; readonly errors?: { field: string; message: string }[]; readonly refusal?: string },
): Promise<ConsoleResult> => {
  const ports = keepingPorts();
  const opened = await openAnswerForReview(ports, reference, answerId, person.username, ports.clock());
  if (opened.kind === 'refused') return consolePageAnswer(404, notFoundPage(person));
  const { answer: found, question, original } = opened.value;
  const flags = findIdentifyingDetails(original);
  return consolePageAnswer(
    status,
    sanitiseAnswerPage({
      person,
      reference,
      answerId,
      ...(question === undefined ? {} : { question: question.text }),
      channel: found.channel,
      receivedAt: found.receivedAt,
      original,
      flags,
      text: posted?.text ?? found.sanitised?.text ?? withPlaceholders(original, flags),
      ...(found.sanitised === undefined ? {} : { sanitisedBy: found.sanitised.by }),
      approved: found.status !== 'awaiting_review',
      ...(posted?.errors === undefined ? {} : { errors: posted.errors }),
      ...(posted?.refusal === undefined ? {} : { refusal: posted.refusal }),
    }),
  );
};

const sanitise = async (person: Person, reference: Reference, answerId: string, form: URLSearchParams): Promise<ConsoleResult> => {
  const typed = form.get('text') ?? '';
  const parsed = sanitisedAnswerSchema.safeParse({ text: typed.replace(/\r\n/g, '\n') });
  if (!parsed.success) {
    const message = typed.trim() === '' ? 'Write the sanitised version the force will see' : 'The sanitised version is too long';
    return sanitiseScreen(person, reference, answerId, 400, { text: typed, errors: [{ field: 'text', message }] });
  }
  const { followUps, clock } = keepingPorts();
  const result = await attempt<Answer>(() => answerStep(followUps, reference, answerId, (found) => sanitiseAnswer(found, parsed.data.text, person.username, clock())));
  if ('refusal' in result) return sanitiseScreen(person, reference, answerId, result.status, { text: typed, refusal: result.refusal });
  logger.info('Answer sanitised', { reference, answerId, analyst: person.username, through: 'staff console' });
  return answersToSanitise(person, reference);
};

const WHAT = 'Keeping in contact is for call agents and analysts.';

export const handler = consoleScreen([...new Set([...ROLES.questions, ...ROLES.phone, ...ROLES.sanitise])], WHAT, async (event, { person }) => {
  const parameters = event.pathParameters ?? {};
  const reference = parameters.reference === undefined ? undefined : parseReference(parameters.reference);
  const only = (roles: readonly string[], what: string, screen: () => Promise<ConsoleResult>): Promise<ConsoleResult> =>
    mayUse(person, roles) ? screen() : Promise.resolve(consolePageAnswer(403, forbiddenPage(person, what)));
  switch (event.routeKey) {
    case 'GET /questions':
      return only(ROLES.questions, 'Relaying questions is for analysts and call agents.', () => questionsScreen(person, 200));
    case 'POST /questions/{reference}/{questionId}/relay':
      return only(ROLES.questions, 'Relaying questions is for analysts and call agents.', () => relayQuestion(person, reference, parameters.questionId ?? ''));
    case 'GET /phone-answer':
      return only(ROLES.phone, "Recording a caller's answer is for call agents.", async () => consolePageAnswer(200, phoneAnswerPage({ person })));
    case 'POST /phone-answer':
      return only(ROLES.phone, "Recording a caller's answer is for call agents.", () => phoneAnswer(person, postedForm(event) ?? new URLSearchParams()));
    case 'GET /answers-to-sanitise':
      return only(ROLES.sanitise, 'Sanitising answers is for analysts.', () => answersToSanitise(person));
    case 'GET /answers-to-sanitise/{reference}/{answerId}':
    case 'POST /answers-to-sanitise/{reference}/{answerId}': {
      const answerId = parameters.answerId ?? '';
      return only(ROLES.sanitise, 'Sanitising answers is for analysts.', async () => {
        if (reference === undefined || !UUID.test(answerId)) return consolePageAnswer(404, notFoundPage(person));
        return event.routeKey.startsWith('GET') ? sanitiseScreen(person, reference, answerId, 200) : sanitise(person, reference, answerId, postedForm(event) ?? new URLSearchParams());
      });
    }
    default:
      return consolePageAnswer(404, notFoundPage(person));
  }
});
