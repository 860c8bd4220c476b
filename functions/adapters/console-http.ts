/**
 * What every handler of the staff console shares: its pages' headers, redirects, the posted form,
 * who is signed in, and an answer (a page, never a stack) for anything that goes wrong.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { consoleSecurityHeaders } from '#pages/console/security-headers.ts';
import { consoleProblemPage, forbiddenPage, notThroughConsolePage, signInPage, staleFormPage } from '#pages/console/pages.ts';
import type { Person } from '#pages/console/layout.ts';
import { answerRefusalInWords } from '#pages/console/approval.ts';
import { ConcurrentChange } from '#domain/ports.ts';
import type { FollowUpOutcome, FollowUpRefusal } from '#domain/follow-up.ts';
import { consoleSettings, isOwnPost, signedIn, type ConsoleSettings } from './console-session.ts';
import { cloudFrontOriginSecret, portsFor } from './composition-root.ts';
import { sentByCloudFront } from './http/origin-header.ts';
import { logger } from './logger.ts';

export type ConsoleEvent = APIGatewayProxyEventV2;
export type ConsoleResult = APIGatewayProxyStructuredResultV2;

/** The most a console form may carry. */
const MAX_FORM_BYTES = 256 * 1024;

export const consolePageAnswer = (statusCode: number, body: string, cookies?: readonly string[]): ConsoleResult => ({
  statusCode,
  headers: { ...consoleSecurityHeaders(consoleSettings().signInUrl), 'Content-Type': 'text/html; charset=utf-8' },
  body,
  ...(cookies === undefined ? {} : { cookies: [...cookies] }),
});

/** 303 See Other: after a post, and to places outside the console (the sign-in). */
export const redirect = (location: string, cookies?: readonly string[]): ConsoleResult => ({
  statusCode: 303,
  headers: { ...consoleSecurityHeaders(consoleSettings().signInUrl), Location: location },
  ...(cookies === undefined ? {} : { cookies: [...cookies] }),
});

const headerOf = (event: ConsoleEvent, name: string): string | undefined =>
  Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/** The posted form, or undefined when it is not a form or too large. */
export const postedForm = (event: ConsoleEvent): URLSearchParams | undefined => {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(headerOf(event, 'content-type') ?? '')) return event.body === undefined ? new URLSearchParams() : undefined;
  const raw = event.body === undefined ? '' : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
  if (Buffer.byteLength(raw) > MAX_FORM_BYTES) return undefined;
  return new URLSearchParams(raw);
};

const origin = portsFor({ secret: cloudFrontOriginSecret });

/**
 * A request that did not come through the console's CloudFront distribution (and its firewall),
 * answered 403 before anything else is read; undefined for one that did. The API's own
 * execute-api address is public: this is what keeps it from being used.
 */
export const notThroughConsole = (event: ConsoleEvent): ConsoleResult | undefined =>
  sentByCloudFront(event.headers, origin().secret) ? undefined : consolePageAnswer(403, notThroughConsolePage());

export type Signed = {
  readonly settings: ConsoleSettings;
  readonly person: Person;
  /** The posted form, decoded once and its token checked; empty for anything but a post. */
  readonly form: URLSearchParams;
};

/**
 * A console page for signed-in staff in one of the groups given: the sign-in page (200, so that
 * the address stays the one asked for) when no one is signed in, a page saying so when the role
 * does not allow it, and a page saying the form is stale for a post that is not a form of the
 * console's own, with this session's token. The screen gets the posted form decoded.
 */
export const consoleScreen =
  (groups: readonly string[], what: string, screen: (event: ConsoleEvent, signed: Signed, context: Context) => Promise<ConsoleResult>) =>
  async (event: ConsoleEvent, context: Context): Promise<ConsoleResult> => {
    try {
      const around = notThroughConsole(event);
      if (around !== undefined) return around;
      const settings = consoleSettings();
      const person = await signedIn(settings, event.cookies);
      if (person === undefined) return consolePageAnswer(401, signInPage());
      if (!mayUse(person, groups)) return consolePageAnswer(403, forbiddenPage(person, what));
      let form = new URLSearchParams();
      if (event.requestContext.http.method === 'POST') {
        const posted = postedForm(event);
        if (posted === undefined || !isOwnPost(settings, person, posted, headerOf(event, 'origin'))) return consolePageAnswer(403, staleFormPage());
        form = posted;
      }
      return await screen(event, { settings, person, form }, context);
    } catch (error) {
      return failed(error);
    }
  };

export const failed = (error: unknown): ConsoleResult => {
  logger.error('The staff console could not answer', { error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
  return consolePageAnswer(500, consoleProblemPage());
};

export { headerOf };

const CHANGED_MEANWHILE = 'Someone else changed this at the same moment, so nothing was done. Look at it again.';

/**
 * A keeping-in-contact step's outcome in the console's words: what it gave, or why not (its kind,
 * `changed` for a change made at the same moment) and the status to answer with: 404 for nothing
 * there, 403 for a supervisor's own sanitisation, 409 for the rest.
 */
export const attemptFollowUpStep = async <T>(
  step: () => Promise<FollowUpOutcome<T>>,
  changedMeanwhile = CHANGED_MEANWHILE,
): Promise<{ done: T } | { refusal: string; kind: FollowUpRefusal['kind'] | 'changed'; status: number }> => {
  try {
    const outcome = await step();
    if (outcome.kind === 'done') return { done: outcome.value };
    const { kind } = outcome.refusal;
    return { refusal: answerRefusalInWords(outcome.refusal), kind, status: kind === 'not-found' ? 404 : kind === 'own-sanitisation' ? 403 : 409 };
  } catch (error) {
    if (error instanceof ConcurrentChange) return { refusal: changedMeanwhile, kind: 'changed', status: 409 };
    throw error;
  }
};

/** Whether the signed-in person is in one of the roles a screen is for. */
export const mayUse = (person: Person, roles: readonly string[]): boolean => person.groups.some((group) => roles.includes(group));
