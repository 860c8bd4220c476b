/**
 * A seeded fuzzer of every route the local stack serves, as a hostile client, a confused browser
 * and a phone pasting text would use them: mutated and random JSON and forms, characters from every
 * Unicode plane, percent-encoding that is not UTF-8, long paths and headers, wrong methods and
 * media types, with and without a staff or force token. Request `i` of seed `s` is the same every
 * time, so any failure can be replayed alone (`npm run fuzz -- --seed s --only i`).
 *
 * Requests are written byte for byte to a socket: nothing on the way tidies them up. The verdict
 * on each answer: never 500 or above; every refusal from the service is problem+json (API
 * Gateway's own answers, `{"message": …}` for no route, a body over its limit or a path it cannot
 * decode, are its words, not the service's); and the gateway is still there to answer.
 */
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA } from '../../lib/constructs/staff-console.ts';
import { connect } from 'node:net';
import type { LocalStack } from '../../local/stack.ts';
import { resourcesOfType } from '../../local/stack-template.ts';
import { fullReport, minimalReport } from './reports.ts';

export interface FuzzRoute {
  readonly method: string;
  readonly path: string;
}

export interface FuzzRequest {
  readonly index: number;
  /** One line that says what was sent, for a report. */
  readonly summary: string;
  readonly bytes: Buffer;
  readonly route: FuzzRoute | undefined;
}

export interface FuzzAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Routes whose refusals are HTML pages for people, not problem+json. */
const PAGE_ROUTES = /^(\/cy)?\/(report|follow-up)(\/|$)/;

/** The routes served at the stack's API address: not the staff console's, which has an origin of its own (stack.consoleUrl). */
export const stackRoutes = (stack: LocalStack): FuzzRoute[] =>
  resourcesOfType(stack.template, 'AWS::ApiGatewayV2::Route')
    .filter(([, route]) => {
      const apiId = (route.Properties?.ApiId as { Ref?: string } | undefined)?.Ref;
      return apiId === undefined || stack.template.Resources[apiId]?.Metadata?.[CONSOLE_ORIGIN_METADATA] !== CONSOLE_ORIGIN;
    })
    .map(([, route]) => {
      const [method = 'GET', path = '/'] = String(route.Properties?.RouteKey).split(' ');
      return { method, path };
    });

/** mulberry32, seeded from (seed, index): request i never depends on the ones before it. */
export const randomFor = (seed: number, index: number) => {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
};
export type Random = ReturnType<typeof randomFor>;

/** A character from anywhere in Unicode, weighted towards the ones that break things. */
const anyCharacter = (r: Random): string => {
  const kind = r.int(10);
  const code =
    kind === 0 ? r.int(0x20) // controls
    : kind === 1 ? 0xd800 + r.int(0x800) // a lone surrogate
    : kind === 2 ? r.pick([0xfffe, 0xffff, 0xfdd0, 0x1fffe, 0x10ffff, 0xfeff, 0x200b, 0x202e, 0x2028])
    : kind === 3 ? 0x1f300 + r.int(0x700) // emoji
    : kind === 4 ? 0x10000 + r.int(0x100000 - 0x10000) // any astral plane
    : kind === 5 ? 0x4e00 + r.int(0x5200) // CJK
    : kind === 6 ? 0x600 + r.int(0x100) // Arabic
    : kind === 7 ? 0x980 + r.int(0x80) // Bengali
    : 0x20 + r.int(0x5f); // ASCII
  return String.fromCodePoint(code);
};

export const anyText = (r: Random, max = 40) => Array.from({ length: r.int(max) }, () => anyCharacter(r)).join('');

/** Text a person could really type: every script and emoji, nothing a keyboard cannot make. */
export const typedText = (r: Random, max = 200): string =>
  Array.from({ length: 1 + r.int(max) }, () =>
    r.pick([
      () => String.fromCodePoint(0x1f300 + r.int(0x300)),
      () => r.pick(['👩🏽‍⚖️', '🏳️‍🌈', '🇬🇧', '👮‍♂️', '❤️', '😡']),
      () => String.fromCodePoint(0x4e00 + r.int(0x5200)),
      () => String.fromCodePoint(0x627 + r.int(0x20)),
      () => String.fromCodePoint(0x995 + r.int(0x20)),
      () => r.pick(['é', 'ŵ', 'ŷ', 'ł', 'ż', 'ß', 'ø', '’', '£', '€', '\n', ' ', ' ']),
      () => String.fromCharCode(0x61 + r.int(26)),
    ])(),
  ).join('');

const REFERENCE_LIKE = ['PAC-4DSK-XXY7', 'FR-4DSK-XXY7-2H4P', 'pac-4dsk-xxy7', 'PAC-0000-0000', '0b9f4c36-6b5e-4f0e-9d7c-3f2a1e5b8c90'];

/** Something to put where a path parameter goes: plausible, empty-ish, hostile or undecodable. */
export const pathParameter = (r: Random): string => {
  switch (r.int(7)) {
    case 0:
      return r.pick(REFERENCE_LIKE);
    case 1:
      return r.pick(['%G1', '%C0%AF', '%ED%A0%80', '%', '%%', '%zz', '%FF%FE', '%00']);
    case 2:
      return percentEncoded(anyText(r, 12));
    case 3:
      return 'A'.repeat(1 + r.int(3000));
    case 4:
      return r.pick(['..', '.', '%2e%2e', '%2F', 'a/b', 'null', 'undefined', '[]', '{}']);
    default:
      return `PAC-${r.int(10_000)}-${r.pick(['XXY7', 'X', ''])}`;
  }
};

/** A value that is the wrong thing in the right place. */
export const mutant = (r: Random, depth = 0): unknown => {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0:
      return anyText(r);
    case 1:
      return r.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER, 0.5]);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return 'x'.repeat(r.pick([0, 1, 100, 5_000, 20_001, 100_000]));
    case 4:
      return r.pick(['__proto__', 'constructor', '<script>alert(1)</script>', "'; DROP TABLE--", '../../etc/passwd', '\u0000']);
    case 5:
      return r.pick(['2024-02-30', '1900-01-01', '9999-12-31', 'yesterday', 'bribery', 'the Met', 'SW1A 1AA', 'officer']);
    case 6:
      return Array.from({ length: r.int(5) }, () => mutant(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(['categories', 'narrative', 'force', 'text', 'answer', 'question', 'outcome', 'reason', anyText(r, 6)]), mutant(r, depth + 1)]));
  }
};

/** A plausible body, with some of its fields replaced by mutants. */
const mutatedBody = (r: Random): Record<string, unknown> => {
  const base: Record<string, unknown> = r.pick([
    () => ({ ...fullReport() }),
    () => ({ ...minimalReport() }),
    () => ({ code: '4821 0937 5562 1184', questionId: REFERENCE_LIKE[4], answer: 'Fridays.' }),
    () => ({ code: '4821093755621184', information: 'More.' }),
    () => ({ categories: ['bribery'], narrative: 'Sanitised.', force: 'Kent' }),
    () => ({ force: 'Kent', reason: 'the officer is in Kent' }),
    () => ({ parts: [{ force: 'Kent', reason: 'a' }, { force: 'Essex', reason: 'b' }] }),
    () => ({ reason: 'not_about_police' }),
    () => ({ outcome: 'investigation_opened', note: 'op LANTERN' }),
    () => ({ question: 'Which day?' }),
    () => ({ text: 'Sanitised answer.' }),
  ])();
  for (const key of Object.keys(base)) if (r.chance(0.3)) base[key] = mutant(r);
  if (r.chance(0.3)) base[anyText(r, 8) || 'extra'] = mutant(r);
  if (r.chance(0.4)) base.narrative = anyText(r, 200);
  return base;
};

/** A report that should be taken in, whatever script or emoji it is written in. */
const typedReport = (r: Random): Record<string, unknown> => {
  const report: Record<string, unknown> = { ...(r.chance(0.5) ? fullReport() : minimalReport()), narrative: typedText(r) };
  if (r.chance(0.3)) report.subject = { role: 'officer', name: typedText(r, 30) };
  if (r.chance(0.3)) report.location = { description: typedText(r, 60) };
  return report;
};

/** Percent-encoding of the UTF-8 bytes, as a browser sends a form (a lone surrogate goes as U+FFFD). */
export const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

export const formEncoded = (fields: Record<string, unknown>) =>
  Object.entries(fields)
    .map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`)
    .join('&');

/** Serialises text as a person's device would, except for lone surrogates, which go as raw \u escapes. */
const json = (value: unknown) => JSON.stringify(value);

export interface Credentials {
  readonly staff: string;
  readonly force: string;
}

/** Tokens a staff member and a force's system would hold, minted by the local issuer. */
export const credentials = async (stack: LocalStack): Promise<Credentials> => ({
  staff: await stack.issuer.mintToken({ username: 'fuzz.staff', groups: ['call-agents', 'analysts', 'supervisors'] }),
  force: await stack.issuer.mintToken({ clientId: 'pac-local-force-metropolitan', scope: 'police-reporting/force.metropolitan' }),
});

/** Request `index` of the seed's sequence. */
export const fuzzRequest = (seed: number, index: number, routes: readonly FuzzRoute[], tokens: Credentials): FuzzRequest => {
  const r = randomFor(seed, index);
  const route = r.chance(0.92) ? r.pick(routes) : undefined;
  const method = route === undefined || r.chance(0.08) ? r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']) : route.method;
  // A parameter that is empty or holds a slash takes the path off its route, to the website's 404.
  let offRoute = false;
  let path =
    route === undefined
      ? r.pick(['//%zz/reports', '/%C0%AF', `/${'a/'.repeat(r.int(500))}`, '/reports/../force/reports', '/.env', '/index.html', '/', `/${percentEncoded(anyText(r, 10))}`])
      : route.path.replace(/\{[^}]+\}/g, () => {
          const value = r.chance(0.7) ? r.pick(REFERENCE_LIKE) : pathParameter(r);
          if (value === '' || value.includes('/')) offRoute = true;
          return value;
        });
  if (r.chance(0.15)) path += `?${r.pick(['limit=', 'limit=-1', 'limit=1e9', 'status=%zz', 'status=nonsense', 'force=metropolitan&from=2022-11&to=2024-04', `x=${'y'.repeat(r.int(4000))}`, 'a=%C0'])}`;

  const bodyKind = method === 'GET' || method === 'HEAD' ? (r.chance(0.1) ? r.int(5) : -1) : r.int(6);
  let body: Buffer = Buffer.alloc(0);
  let contentType: string | undefined;
  const takesReports = route !== undefined && route.method === 'POST' && /^\/(contact-centre\/)?reports$/.test(route.path);
  switch (takesReports && r.chance(0.4) ? 6 : bodyKind) {
    case 6:
      body = Buffer.from(json(typedReport(r)));
      contentType = 'application/json';
      break;
    case 0:
      body = Buffer.from(json(mutatedBody(r)));
      contentType = r.pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded']);
      break;
    case 1:
      body = Buffer.from(formEncoded(mutatedBody(r)));
      contentType = r.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'multipart/form-data', 'application/json']);
      break;
    case 2:
      body = Buffer.from(json(mutant(r)));
      contentType = 'application/json';
      break;
    case 3: {
      const text = json(mutatedBody(r));
      const cut = r.int(text.length + 1);
      body = Buffer.from(r.chance(0.5) ? text.slice(0, cut) : `${text.slice(0, cut)}${anyText(r, 5)}${text.slice(cut)}`);
      contentType = r.pick(['application/json', undefined]);
      break;
    }
    case 4:
      body = Buffer.from(Array.from({ length: r.int(2000) }, () => r.int(256)));
      contentType = r.pick(['application/octet-stream', 'application/json', 'image/png', undefined]);
      break;
    case 5:
      body = Buffer.from(json(mutatedBody(r)).replace(/"Fridays\."|"Sanitised\."|"More\."/, '"\\ud800\\udfff\\ud83d"'));
      contentType = 'application/json';
      break;
  }

  const headers: string[] = ['Host: local', 'Connection: close'];
  const auth = r.int(5);
  if (auth === 0 || auth === 1) headers.push(`Authorization: Bearer ${auth === 0 ? tokens.staff : tokens.force}`);
  if (auth === 2) headers.push(`Authorization: ${r.pick(['Bearer', 'Bearer x.y.z', 'Basic Zm9vOmJhcg==', `Bearer ${'a'.repeat(3000)}`, 'Bearer \u00e9'])}`);
  if (contentType !== undefined) headers.push(`Content-Type: ${contentType}`);
  if (r.chance(0.1)) headers.push(`X-Forwarded-For: ${r.pick(['203.0.113.7', 'not an address', '::1, ::1'])}`);
  if (r.chance(0.05)) headers.push(`X-Long: ${'a'.repeat(r.pick([100, 9_000, 12_000]))}`);
  if (r.chance(0.05)) headers.push(`Idempotency-Key: ${r.pick(['', 'k', 'x'.repeat(300), anyText(r, 10).replace(/[^\x20-\x7e]/g, '')])}`);
  if (r.chance(0.05)) headers.push(`Cookie: ${r.pick(['a=b', 'session=;;;', '\u00ff'])}`);
  headers.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1');
  return {
    index,
    summary: `${method} ${path.length > 120 ? `${path.slice(0, 120)}…` : path} (${contentType ?? 'no content type'}, ${body.length} bytes, ${['staff', 'force', 'bad', 'no', 'no'][auth]} token)`,
    bytes: Buffer.concat([head, body]),
    route: route !== undefined && method === route.method && !offRoute ? route : undefined,
  };
};

/** Sends the bytes and reads the whole answer. */
export const sendRaw = (apiUrl: string, bytes: Buffer, timeoutMs = 30_000): Promise<FuzzAnswer> =>
  new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(apiUrl).port), '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      let rest = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(head)) {
        const parts: Buffer[] = [];
        for (let at = 0; at < rest.length; ) {
          const line = rest.indexOf('\r\n', at);
          const size = Number.parseInt(rest.subarray(at, line).toString('latin1'), 16);
          if (!(size > 0)) break;
          parts.push(rest.subarray(line + 2, line + 2 + size));
          at = line + 2 + size + 2;
        }
        rest = Buffer.concat(parts);
      }
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0),
        contentType: /\r\ncontent-type: *([^\r\n]*)/i.exec(head)?.[1] ?? '',
        body: rest.toString('utf8'),
      });
    });
  });

/** What is wrong with an answer, or undefined when it is as it should be. */
export const verdict = (request: FuzzRequest, answer: FuzzAnswer): string | undefined => {
  if (answer.status === 0) return 'no HTTP answer';
  if (answer.status >= 500) return `${answer.status}: ${answer.body.slice(0, 200)}`;
  if (answer.status < 400 || request.route === undefined || PAGE_ROUTES.test(request.route.path)) return undefined;
  if (/^application\/problem\+json/.test(answer.contentType)) return undefined;
  // API Gateway's own refusals, before any function runs.
  if (/^application\/json/.test(answer.contentType) && [400, 404, 413].includes(answer.status) && /^\{"message":/.test(answer.body)) return undefined;
  if (answer.status === 431) return undefined;
  return `a ${answer.status} refusal as ${answer.contentType || 'no content type'}, not problem+json: ${answer.body.slice(0, 120)}`;
};

export interface FuzzRun {
  readonly byStatus: ReadonlyMap<number, number>;
  readonly failures: readonly { index: number; summary: string; problem: string }[];
  readonly alive: boolean;
}

/** Sends `count` requests of the seed's sequence, `width` at a time, and judges every answer. */
export const fuzz = async (
  stack: LocalStack,
  { seed, count, width = 4, only }: { seed: number; count: number; width?: number; only?: number },
): Promise<FuzzRun> => {
  const routes = stackRoutes(stack);
  const tokens = await credentials(stack);
  const byStatus = new Map<number, number>();
  const failures: { index: number; summary: string; problem: string }[] = [];
  const indexes = only === undefined ? Array.from({ length: count }, (_, i) => i) : [only];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < indexes.length) {
        const request = fuzzRequest(seed, indexes[next++]!, routes, tokens);
        const answer = await sendRaw(stack.apiUrl, request.bytes).catch((error: Error) => ({ status: 0, contentType: '', body: error.message }));
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        const problem = verdict(request, answer);
        if (problem !== undefined) failures.push({ index: request.index, summary: request.summary, problem });
      }
    }),
  );
  const check = await sendRaw(stack.apiUrl, Buffer.from('GET /stats?force=metropolitan&from=2024-01&to=2024-02 HTTP/1.1\r\nHost: local\r\nConnection: close\r\n\r\n')).catch(() => undefined);
  return { byStatus, failures: failures.sort((a, b) => a.index - b.index), alive: check?.status === 200 };
};
