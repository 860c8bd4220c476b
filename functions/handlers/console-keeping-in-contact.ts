/**
 * Keeping in contact on the staff console (functions/pages/console/keeping-in-contact.ts), each
 * step through the staff API's own use case, as the person signed in:
 *
 * - GET /questions: the forces' questions waiting to be relayed, oldest first (as list-follow-ups);
 * - POST /questions/{reference}/{questionId}/relay: relay, as relay-question (analysts and call agents);
 * - (a caller's answer by phone is console-phone-answer.ts: a function of its own, which checks
 *   codes and seals a caller's words but cannot open an original, as this one can);
 * - GET /answers-to-sanitise: the answers not yet sanitised, oldest first;
 * - GET /answers-to-sanitise/{reference}/{answerId}: one, opened as view-answer opens it
 *   (openAnswerForReview: the reading recorded);
 * - POST /answers-to-sanitise/{reference}/{answerId}: sanitiseAnswer, as sanitise-answer (analysts).
 */
import { clock, followUpStore, originalsVault, portsFor, reportStore } from '#adapters/composition-root.ts';
import { attemptFollowUpStep, consolePageAnswer, consoleScreen, mayUse, type ConsoleResult } from '#adapters/console-http.ts';
import { logger } from '#adapters/logger.ts';
import { answerStep, openAnswerForReview, relay, sanitiseAnswer, sanitisedAnswerSchema } from '#domain/follow-up.ts';
import { forceById } from '#domain/forces.ts';
import { findIdentifyingDetails } from '#domain/identifying-details.ts';
import { parseReference, type Reference } from '#domain/reference.ts';
import { secondsWaiting } from '#domain/review.ts';
import { isFollowUpId, type Answer } from '#domain/entities/follow-up.ts';
import type { Person } from '#pages/console/layout.ts';
import { forbiddenPage, notFoundPage } from '#pages/console/pages.ts';
import {
  answersToSanitisePage,
  questionsPage,
  sanitiseAnswerPage,
  type QuestionsView,
} from '#pages/console/keeping-in-contact.ts';
import { withPlaceholders } from '#pages/console/redactions.ts';

const keepingPorts = portsFor({
  reports: reportStore,
  followUps: followUpStore,
  vault: originalsVault,
  clock,
});

/** Questions and answers listed at most, as the staff API's list. */
const LISTED = 100;

const ROLES = {
  questions: ['analysts', 'call-agents'],
  sanitise: ['analysts'],
} as const;

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
      waitedSeconds: secondsWaiting({ receivedAt: question.askedAt }, now),
      text: question.text,
    }));
  return consolePageAnswer(status, questionsPage({ person, questions, ...extra }));
};

const relayQuestion = async (person: Person, reference: Reference | undefined, questionId: string): Promise<ConsoleResult> => {
  if (reference === undefined || !isFollowUpId(questionId)) return consolePageAnswer(404, notFoundPage(person));
  const { followUps, clock } = keepingPorts();
  const result = await attemptFollowUpStep(() => relay(followUps, reference, questionId, person.username, clock()));
  if ('refusal' in result) {
    const refusal = result.kind === 'wrong-state' ? 'Nothing was changed: this question has already been relayed.' : result.refusal;
    return questionsScreen(person, result.status, { refusal });
  }
  logger.info('Question relayed', { reference, questionId, by: person.username, through: 'staff console' });
  return questionsScreen(person, 200, { relayed: { reference, questionId } });
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
  const result = await attemptFollowUpStep<Answer>(() => answerStep(followUps, reference, answerId, (found) => sanitiseAnswer(found, parsed.data.text, person.username, clock())));
  if ('refusal' in result) return sanitiseScreen(person, reference, answerId, result.status, { text: typed, refusal: result.refusal });
  logger.info('Answer sanitised', { reference, answerId, analyst: person.username, through: 'staff console' });
  return answersToSanitise(person, reference);
};

const WHAT = 'Relaying questions is for analysts and call agents; sanitising answers is for analysts.';

export const handler = consoleScreen([...new Set([...ROLES.questions, ...ROLES.sanitise])], WHAT, async (event, { person, form }) => {
  const parameters = event.pathParameters ?? {};
  const reference = parameters.reference === undefined ? undefined : parseReference(parameters.reference);
  const only = (roles: readonly string[], what: string, screen: () => Promise<ConsoleResult>): Promise<ConsoleResult> =>
    mayUse(person, roles) ? screen() : Promise.resolve(consolePageAnswer(403, forbiddenPage(person, what)));
  switch (event.routeKey) {
    case 'GET /questions':
      return only(ROLES.questions, 'Relaying questions is for analysts and call agents.', () => questionsScreen(person, 200));
    case 'POST /questions/{reference}/{questionId}/relay':
      return only(ROLES.questions, 'Relaying questions is for analysts and call agents.', () => relayQuestion(person, reference, parameters.questionId ?? ''));
    case 'GET /answers-to-sanitise':
      return only(ROLES.sanitise, 'Sanitising answers is for analysts.', () => answersToSanitise(person));
    case 'GET /answers-to-sanitise/{reference}/{answerId}':
    case 'POST /answers-to-sanitise/{reference}/{answerId}': {
      const answerId = parameters.answerId ?? '';
      return only(ROLES.sanitise, 'Sanitising answers is for analysts.', async () => {
        if (reference === undefined || !isFollowUpId(answerId)) return consolePageAnswer(404, notFoundPage(person));
        return event.routeKey.startsWith('GET') ? sanitiseScreen(person, reference, answerId, 200) : sanitise(person, reference, answerId, form);
      });
    }
    default:
      return consolePageAnswer(404, notFoundPage(person));
  }
});
