/**
 * A seeded fuzzer of the staff console's routes (its own origin, stack.consoleUrl), as a hostile
 * page, a confused browser and a colleague pasting text would use them: forms with the console's
 * own fields holding odd values, characters from every Unicode plane, undecodable
 * percent-encoding, long paths, wrong methods and media types; signed in as each role or not, with
 * the session's CSRF token or a wrong one, from the console's origin or another. Request `i` of
 * seed `s` is the same every time (test/support/request-fuzz.ts has the generators).
 *
 * The verdict on each answer: never 500 or above; a refusal is a page for people (HTML) or the
 * gateway's own words, never a stack trace or the service's internals; and the console still
 * answers afterwards.
 */
import type { LocalStack } from '../../local/stack.ts';
import { resourcesOfType } from '../../local/stack-template.ts';
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA } from '../../lib/constructs/staff-console.ts';
import type { StaffRole } from './console-browser.ts';
import type { ConsoleSession } from './console-session.ts';
import { anyText, formEncoded, mutant, pathParameter, percentEncoded, randomFor, sendRaw, typedText, type FuzzAnswer, type FuzzRoute, type Random } from './request-fuzz.ts';

/** The routes on the console's own origin. */
export const consoleRoutes = (stack: LocalStack): FuzzRoute[] =>
  resourcesOfType(stack.template, 'AWS::ApiGatewayV2::Route')
    .filter(([, route]) => {
      const apiId = (route.Properties?.ApiId as { Ref?: string } | undefined)?.Ref;
      return apiId !== undefined && stack.template.Resources[apiId]?.Metadata?.[CONSOLE_ORIGIN_METADATA] === CONSOLE_ORIGIN;
    })
    .map(([, route]) => {
      const [method = 'GET', path = '/'] = String(route.Properties?.RouteKey).split(' ');
      return { method, path };
    });

/** The fields the console's forms have, and values a person or a forged page could put in them. */
const FIELDS = [
  'reason', 'decision', 'action', 'force', 'words', 'whenYear', 'whenMonth', 'whenDay', 'text', 'subjectStation', 'subjectRole', 'subjectRank',
  'subjectName', 'subjectCollarNumber', 'splitReason', 'splitForce', 'search', 'reporterMode', 'remove', 'reference', 'postcode', 'ongoing',
  'note', 'narrative', 'locationDescription', 'contactSafeTimes', 'contactPhone', 'contactName', 'contactEmail', 'code', 'categories', 'about',
  'idempotencyKey', 'question', 'answer', 'information',
];
const VALUES = ['approve', 'return', 'confirm', 'reject', 'accept', 'undo', 'Kent', 'Essex Police', 'the Met', 'bribery', 'racism', 'anonymous', 'confidential', 'true', '2024', '13', '0', '-1', '', 'not_about_police', 'duplicate'];

export interface ConsoleFuzzRequest {
  readonly index: number;
  readonly method: string;
  readonly summary: string;
  readonly bytes: Buffer;
}

export interface Signed {
  readonly role: StaffRole;
  readonly session: ConsoleSession;
}

const formBody = (r: Random, csrf: string | undefined, references: readonly string[]): string => {
  const fields: Record<string, unknown> = {};
  for (let i = 0, n = 1 + r.int(8); i < n; i += 1) {
    const name = r.chance(0.9) ? r.pick(FIELDS) : anyText(r, 8);
    fields[name] = r.pick([() => r.pick(VALUES), () => typedText(r, 80), () => anyText(r, 60), () => mutant(r), () => r.pick(references), () => 'x'.repeat(r.pick([1, 5_000, 40_000]))])();
  }
  const encoded = formEncoded(fields);
  const token = csrf === undefined ? '' : `csrf=${percentEncoded(csrf)}&`;
  // A field given twice, or a form that is not one.
  return r.chance(0.05) ? `${token}${encoded}&${encoded}` : r.chance(0.05) ? `${token}%zz=%C0&&=&a` : `${token}${encoded}`;
};

/** Request `index` of the seed's sequence. */
export const consoleFuzzRequest = (seed: number, index: number, routes: readonly FuzzRoute[], signed: readonly Signed[], references: readonly string[], consoleUrl: string): ConsoleFuzzRequest => {
  const r = randomFor(seed, index);
  const route = r.chance(0.95) ? r.pick(routes) : undefined;
  const method = route === undefined || r.chance(0.08) ? r.pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD']) : route.method;
  let path =
    route === undefined
      ? r.pick(['/%C0%AF', `/${'a/'.repeat(r.int(300))}`, '/review/../queue', '/.env', `/${percentEncoded(anyText(r, 10))}`])
      : route.path.replace(/\{[^}]+\}/g, () => (r.chance(0.6) ? r.pick(references) : pathParameter(r)));
  if (r.chance(0.2)) path += `?${r.pick(['search=kent', 'search=%zz', `search=${percentEncoded(anyText(r, 20))}`, 'code=x&state=y', 'error=access_denied', 'done=approved', `x=${'y'.repeat(r.int(4000))}`])}`;

  const who = r.int(signed.length + 2);
  const person = signed[who];
  const headers = [`Host: ${new URL(consoleUrl).host}`, 'Connection: close'];
  if (person !== undefined) headers.push(`Cookie: ${person.session.cookie}`);
  else if (who === signed.length) headers.push(`Cookie: ${r.pick(['__Host-pac-staff-session=forged', '__Host-pac-staff-session=', '__Host-pac-staff-sign-in=x; __Host-pac-staff-session=a.b.c', '\u00ff=\u00ff'])}`);
  headers.push(`Origin: ${r.chance(0.85) ? new URL(consoleUrl).origin : r.pick(['https://evil.example', 'null', ''])}`);
  let body = '';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = person !== undefined && r.chance(0.85) ? person.session.csrf : r.chance(0.5) ? 'wrong' : undefined;
    body = formBody(r, csrf, references);
    headers.push(`Content-Type: ${r.chance(0.9) ? 'application/x-www-form-urlencoded' : r.pick(['multipart/form-data', 'application/json', 'text/plain'])}`);
  }
  const bytes = Buffer.from(body, 'utf8');
  headers.push(`Content-Length: ${bytes.length}`);
  const head = Buffer.from(`${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1');
  return {
    index,
    method,
    summary: `${method} ${path.length > 100 ? `${path.slice(0, 100)}…` : path} as ${person?.role ?? 'nobody'} (${bytes.length} bytes)`,
    bytes: Buffer.concat([head, bytes]),
  };
};

/** What is wrong with an answer, or undefined when it is as it should be. */
export const consoleVerdict = (answer: FuzzAnswer, method: string): string | undefined => {
  if (answer.status === 0) return 'no HTTP answer';
  if (answer.status >= 500) return `${answer.status}: ${answer.body.slice(0, 200)}`;
  if (/\n\s+at .+:\d+:\d+\)?\n|ConditionalCheckFailed|ValidationException|TypeError|ReferenceError/.test(answer.body)) return `internals in the answer: ${answer.body.slice(0, 200)}`;
  if (answer.status < 400 || /^text\/html/.test(answer.contentType)) return undefined;
  // The gateway's own refusals, before any function runs.
  if (/^application\/json/.test(answer.contentType) && [400, 404, 413].includes(answer.status) && /^\{"message":/.test(answer.body)) return undefined;
  if (answer.status === 431) return undefined;
  // HEAD has no route of its own: the gateway's 404, without its words.
  if (method === 'HEAD' && answer.status === 404 && answer.body === '') return undefined;
  return `a ${answer.status} refusal as ${answer.contentType || 'no content type'}, not a page: ${answer.body.slice(0, 120)}`;
};

export interface ConsoleFuzzRun {
  readonly byStatus: ReadonlyMap<number, number>;
  readonly failures: readonly { index: number; summary: string; problem: string }[];
  readonly alive: boolean;
}

export const fuzzConsole = async (
  stack: LocalStack,
  { seed, count, signed, references, width = 4 }: { seed: number; count: number; signed: readonly Signed[]; references: readonly string[]; width?: number },
): Promise<ConsoleFuzzRun> => {
  const routes = consoleRoutes(stack);
  const byStatus = new Map<number, number>();
  const failures: { index: number; summary: string; problem: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const request = consoleFuzzRequest(seed, next++, routes, signed, references, stack.consoleUrl);
        const answer = await sendRaw(stack.consoleUrl, request.bytes).catch((error: Error) => ({ status: 0, contentType: '', body: error.message }));
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        const problem = consoleVerdict(answer, request.method);
        if (problem !== undefined) failures.push({ index: request.index, summary: request.summary, problem });
      }
    }),
  );
  const check = await fetch(`${stack.consoleUrl}/`).catch(() => undefined);
  return { byStatus, failures: failures.sort((a, b) => a.index - b.index), alive: check?.status === 200 };
};
