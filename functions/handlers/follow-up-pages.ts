/**
 * GET and POST /follow-up, POST /follow-up/answer and /follow-up/information: the website's
 * pages for a reporter coming back to their report. No account and no cookie: the reference and
 * follow-up code are posted with every form, and every post opens the report afresh, counted
 * against the ten-wrong-codes-an-hour limit. A wrong code and an unknown reference get the same
 * page.
 */
import { formBytesFor, htmlPage, pageRoute, type PageEvent, type PageResult } from '#adapters/http/page-routes.ts';
import { clock, followUpAccess, followUpCodeKeys, followUpStore, originalsVault, reportStore, portsFor } from '#adapters/composition-root.ts';
import { FOLLOW_UP_CODE_DIGITS, parseFollowUpCode, type FollowUpCode } from '#domain/follow-up-code.ts';
import { FOLLOW_UP_TEXT_MAX } from '#domain/follow-up.ts';
import { groupedNumber } from '#domain/entities/numerals.ts';
import { parseReference } from '#domain/reference.ts';
import { addInformation, answerAsReporter, openReport, reporterView, type Opened } from '#domain/reporter-follow-up.ts';
import { followUpPage, followUpSignInPage } from '#pages/follow-up.ts';
import type { FieldError } from '#pages/layout.ts';
import { languageOfPath, messagesFor, type Language } from '#pages/messages/language.ts';

const reporterPorts = portsFor({ access: followUpAccess, codeKeys: followUpCodeKeys, reports: reportStore, followUps: followUpStore, vault: originalsVault, clock });

type Notice = 'answer-received' | 'information-received';

/** What to fix in a typed reference or code, as the sign-in page says it; undefined when it can be one. */
const fieldError = (field: string, typed: string, parsed: unknown, missing: string, malformed: string): FieldError[] =>
  typed === '' ? [{ field, message: missing }] : parsed === undefined ? [{ field, message: malformed }] : [];

/** Opens the report named in the form, or the sign-in page saying why not. */
const signIn = async (form: URLSearchParams, language: Language): Promise<PageResult | { opened: Opened; code: FollowUpCode }> => {
  const words = messagesFor(language).signIn;
  const typedReference = form.get('reference')?.trim() ?? '';
  const typedCode = form.get('code')?.trim() ?? '';
  const reference = parseReference(typedReference);
  const code = parseFollowUpCode(typedCode);
  const values = { reference: typedReference, code: '' };
  if (reference === undefined || code === undefined) {
    const errors = [
      ...fieldError('reference', typedReference, reference, words.enterReference, words.referenceFormat),
      ...fieldError('code', typedCode, code, words.enterCode, words.codeFormat(FOLLOW_UP_CODE_DIGITS)),
    ];
    return htmlPage(400, followUpSignInPage({ values, errors, language }));
  }
  const ports = reporterPorts();
  const opening = await openReport(ports, reference, code, ports.clock());
  if (opening.kind === 'too-many-attempts') return htmlPage(429, followUpSignInPage({ values, refusal: 'too-many-attempts', language }));
  if (opening.kind === 'not-recognised') return htmlPage(404, followUpSignInPage({ values, refusal: 'not-recognised', language }));
  return { opened: opening, code };
};

const text = (
  form: URLSearchParams,
  name: string,
  field: string,
  messages: { readonly enter: string; readonly tooLong: (limit: string) => string },
): { value: string } | { error: FieldError } => {
  const value = form.get(name)?.trim() ?? '';
  if (value === '') return { error: { field, message: messages.enter } };
  if (value.length > FOLLOW_UP_TEXT_MAX) return { error: { field, message: messages.tooLong(groupedNumber(FOLLOW_UP_TEXT_MAX)) } };
  return { value };
};

const respond = async (event: PageEvent): Promise<PageResult> => {
  const form = event.body;
  const path = event.requestContext.http.path;
  // /follow-up… in English, /cy/follow-up… in Welsh: every page and error in the language of the path.
  const language = languageOfPath(path);
  const words = messagesFor(language).followUp;
  if (event.requestContext.http.method !== 'POST') return htmlPage(200, followUpSignInPage({ language }));

  const signedIn = await signIn(form, language);
  if (!('opened' in signedIn)) return signedIn;
  const { opened, code } = signedIn;
  const ports = reporterPorts();
  const show = async (status: number, extra: { notice?: Notice; errors?: FieldError[]; values?: Record<string, string> } = {}) =>
    htmlPage(status, followUpPage({ ...(await reporterView(ports.followUps, opened)), code, language, ...extra }));

  if (path.endsWith('/answer')) {
    const questionId = form.get('questionId') ?? '';
    const answer = text(form, 'answer', `answer-${questionId}`, { enter: words.enterAnswer, tooLong: words.answerTooLong });
    if ('error' in answer) return show(400, { errors: [answer.error] });
    const outcome = await answerAsReporter(ports, opened, questionId, answer.value, ports.clock());
    if (outcome.kind === 'refused') {
      return show(409, { errors: [{ field: `answer-${questionId}`, message: words.alreadyAnswered }], values: { [`answer-${questionId}`]: answer.value } });
    }
    return show(200, { notice: 'answer-received' });
  }
  if (path.endsWith('/information')) {
    const information = text(form, 'information', 'information', { enter: words.enterInformation, tooLong: words.informationTooLong });
    if ('error' in information) return show(400, { errors: [information.error] });
    const outcome = await addInformation(ports, opened, information.value, ports.clock());
    if (outcome.kind === 'refused') {
      return show(409, { errors: [{ field: 'information', message: words.stillRecording }], values: { information: information.value } });
    }
    return show(200, { notice: 'information-received' });
  }
  return show(200);
};

export const handler = pageRoute(formBytesFor(FOLLOW_UP_TEXT_MAX)).handler(respond);
