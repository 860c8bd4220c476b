/**
 * GET and POST /follow-up, POST /follow-up/answer and /follow-up/information: the website's
 * pages for a reporter coming back to their report. No account and no cookie: the reference and
 * follow-up code are posted with every form, and every post opens the report afresh, counted
 * against the ten-wrong-codes-an-hour limit. A wrong code and an unknown reference get the same
 * page.
 */
import { formBytesFor, htmlPage, pageRoute, type PageEvent, type PageResult } from '#adapters/http/page-routes.ts';
import { clock, followUpAccess, followUpCodeKeys, followUpStore, originalsVault, reportStore, portsFor } from '#adapters/composition-root.ts';
import { parseFollowUpCode, type FollowUpCode } from '#domain/follow-up-code.ts';
import { FOLLOW_UP_TEXT_MAX } from '#domain/follow-up.ts';
import { groupedNumber } from '#domain/entities/numerals.ts';
import { parseReference } from '#domain/reference.ts';
import { addInformation, answerAsReporter, openReport, reporterView, type Opened } from '#domain/reporter-follow-up.ts';
import { followUpPage, followUpSignInPage } from '#pages/follow-up.ts';
import type { FieldError } from '#pages/layout.ts';

const reporterPorts = portsFor({ access: followUpAccess, codeKeys: followUpCodeKeys, reports: reportStore, followUps: followUpStore, vault: originalsVault, clock });

type Notice = 'answer-received' | 'information-received';

/** What to fix in a typed reference or code, as the sign-in page says it; undefined when it can be one. */
const fieldError = (field: string, typed: string, parsed: unknown, missing: string, malformed: string): FieldError[] =>
  typed === '' ? [{ field, message: missing }] : parsed === undefined ? [{ field, message: malformed }] : [];

/** Opens the report named in the form, or the sign-in page saying why not. */
const signIn = async (form: URLSearchParams): Promise<PageResult | { opened: Opened; code: FollowUpCode }> => {
  const typedReference = form.get('reference')?.trim() ?? '';
  const typedCode = form.get('code')?.trim() ?? '';
  const reference = parseReference(typedReference);
  const code = parseFollowUpCode(typedCode);
  const values = { reference: typedReference, code: '' };
  if (reference === undefined || code === undefined) {
    const errors = [
      ...fieldError('reference', typedReference, reference, 'Enter your reference', 'Enter the reference as it was given, like PAC-7K3M-X9QD'),
      ...fieldError('code', typedCode, code, 'Enter your follow-up code', 'Enter the 16 digits of your follow-up code'),
    ];
    return htmlPage(400, followUpSignInPage({ values, errors }));
  }
  const ports = reporterPorts();
  const opening = await openReport(ports, reference, code, ports.clock());
  if (opening.kind === 'too-many-attempts') return htmlPage(429, followUpSignInPage({ values, refusal: 'too-many-attempts' }));
  if (opening.kind === 'not-recognised') return htmlPage(404, followUpSignInPage({ values, refusal: 'not-recognised' }));
  return { opened: opening, code };
};

const text = (form: URLSearchParams, name: string, field: string, what: string): { value: string } | { error: FieldError } => {
  const value = form.get(name)?.trim() ?? '';
  if (value === '') return { error: { field, message: `Enter ${what}` } };
  if (value.length > FOLLOW_UP_TEXT_MAX) return { error: { field, message: `${what[0]?.toUpperCase()}${what.slice(1)} must be ${groupedNumber(FOLLOW_UP_TEXT_MAX)} characters or fewer` } };
  return { value };
};

const respond = async (event: PageEvent): Promise<PageResult> => {
  const form = event.body;
  const path = event.requestContext.http.path;
  if (event.requestContext.http.method !== 'POST') return htmlPage(200, followUpSignInPage({}));

  const signedIn = await signIn(form);
  if (!('opened' in signedIn)) return signedIn;
  const { opened, code } = signedIn;
  const ports = reporterPorts();
  const show = async (status: number, extra: { notice?: Notice; errors?: FieldError[]; values?: Record<string, string> } = {}) =>
    htmlPage(status, followUpPage({ ...(await reporterView(ports.followUps, opened)), code, ...extra }));

  if (path.endsWith('/answer')) {
    const questionId = form.get('questionId') ?? '';
    const answer = text(form, 'answer', `answer-${questionId}`, 'your answer');
    if ('error' in answer) return show(400, { errors: [answer.error] });
    const outcome = await answerAsReporter(ports, opened, questionId, answer.value, ports.clock());
    if (outcome.kind === 'refused') {
      return show(409, { errors: [{ field: `answer-${questionId}`, message: 'This question has already been answered' }], values: { [`answer-${questionId}`]: answer.value } });
    }
    return show(200, { notice: 'answer-received' });
  }
  if (path.endsWith('/information')) {
    const information = text(form, 'information', 'information', 'the information you want to add');
    if ('error' in information) return show(400, { errors: [information.error] });
    const outcome = await addInformation(ports, opened, information.value, ports.clock());
    if (outcome.kind === 'refused') {
      return show(409, { errors: [{ field: 'information', message: 'Your report is still being recorded. Try again in a few minutes' }], values: { information: information.value } });
    }
    return show(200, { notice: 'information-received' });
  }
  return show(200);
};

export const handler = pageRoute(formBytesFor(FOLLOW_UP_TEXT_MAX)).handler(respond);
