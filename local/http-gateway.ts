/**
 * A local stand-in for API Gateway's HTTP API: plain HTTP in, payload format 2.0 events out, the
 * handler's structured result back as the HTTP response. Like API Gateway it hands the function
 * everything (source IP, user agent, forwarded-for, cookies), so that the functions' own refusal
 * to read them is what the tests exercise. It logs nothing about requests.
 *
 * Given a static root, it also stands in for the website's CloudFront default behaviour: a GET or
 * HEAD that no route matches is answered from that folder (as the bucket would), with the
 * website's security headers on every answer (as the response headers policy would). Given
 * CloudFront's behaviours, it adds to a request on one of their path patterns the headers
 * CloudFront adds for the origin (the public API's origin secret among them), as CloudFront
 * would; without them it is API Gateway alone, as the API's own execute-api address is.
 *
 * It also holds every answer to the published contract: when the function serving a route is the
 * one the route registry (lib/route-registry.ts) names for it, the status must be one the registry
 * documents for the route, in the media type it documents, and a JSON body must match the schema
 * documented for that status (the problem document for a problem). A breach is logged, loudly; under
 * `node --test` (or with PAC_RESPONSE_CONTRACTS=enforce) it is also answered with a 500 instead of
 * the answer, so that every integration test checks schemas/openapi.json too.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as z from '../functions/domain/zod.ts';
import { metadataOf } from '../functions/domain/zod.ts';
import { problemType } from '../functions/adapters/http/problem-catalogue.ts';
import { problemSchema } from '../functions/adapters/http/problem.ts';
import { PAGE_SECURITY_HEADERS } from '../functions/pages/security-headers.ts';
import { notFoundFileFor, staticPathFor } from '../functions/pages/static-pages.ts';
import { registeredRoute, type RegisteredRoute } from '../lib/route-registry.ts';
import type { LocalFunction } from './lambda-runtime.ts';

/** API Gateway's own ceiling on a request payload. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** HTTP APIs' quota on the request line and headers together (Node's own default is 16 KiB). */
export const GATEWAY_MAX_HEADER_BYTES = 10 * 1024;

const TEXT_MEDIA_TYPE = /^(text\/|application\/([a-z.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded))/i;

export interface Route {
  readonly method: string;
  /** As API Gateway writes it: `/contact-centre/reviews/{reference}`. */
  readonly path: string;
  readonly target: LocalFunction;
}

/** Each route template's expression and parameter names, made once: the gateway tries every route on every request. */
const compiledTemplates = new Map<string, { pattern: RegExp; names: string[] }>();
const compiledTemplate = (template: string): { pattern: RegExp; names: string[] } => {
  let compiled = compiledTemplates.get(template);
  if (compiled === undefined) {
    const names: string[] = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    compiled = { pattern: new RegExp(`^${source}$`), names };
    compiledTemplates.set(template, compiled);
  }
  return compiled;
};

/**
 * The path parameters of a path matching a route's template, or undefined if it does not match;
 * 'malformed' when it matches but a parameter is not valid percent-encoded UTF-8 (`%G1`, `%C0%AF`),
 * which is refused with 400 before any function sees it.
 */
export const matchPath = (template: string, path: string): Record<string, string> | 'malformed' | undefined => {
  const { pattern, names } = compiledTemplate(template);
  const match = pattern.exec(path);
  if (match === null) return undefined;
  const parameters: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    try {
      parameters[name] = decodeURIComponent(match[i + 1] ?? '');
    } catch {
      return 'malformed';
    }
  }
  return parameters;
};

/**
 * The path and query of a request target, taken as they came: never through `new URL`, which
 * reads `//%zz/reports` as a host and throws. An absolute-form target (`http://host/path`) is cut
 * to its path, as API Gateway does.
 */
export const requestTarget = (target: string | undefined): { path: string; query: string } => {
  const raw = (target ?? '/').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
  const withoutFragment = raw.split('#', 1)[0] ?? '';
  const at = withoutFragment.indexOf('?');
  const path = at < 0 ? withoutFragment : withoutFragment.slice(0, at);
  return { path: path.startsWith('/') ? path : `/${path}`, query: at < 0 ? '' : withoutFragment.slice(at + 1) };
};

const readBody = (request: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > GATEWAY_MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });

export const gatewayEvent = (
  request: IncomingMessage,
  routeKey: string,
  body: Buffer,
  pathParameters: Record<string, string> = {},
): APIGatewayProxyEventV2 => {
  const { path: rawPath, query } = requestTarget(request.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const sourceIp = request.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] === undefined ? sourceIp : `${headers['x-forwarded-for']}, ${sourceIp}`;
  const cookies = request.headers.cookie?.split(/;\s*/);
  const textual = body.length === 0 || TEXT_MEDIA_TYPE.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: query,
    ...(cookies === undefined ? {} : { cookies }),
    headers,
    ...(query === '' ? {} : { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) }),
    ...(Object.keys(pathParameters).length === 0 ? {} : { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length === 0 ? {} : { body: body.toString(textual ? 'utf8' : 'base64') }),
    isBase64Encoded: !textual,
  };
};

const send = (response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void => {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies !== undefined) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
};

const gatewayError = (response: ServerResponse, statusCode: number, message: string): void =>
  send(response, { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });

/** A request too malformed to reach any route, refused as the service refuses everything else. */
const malformedRequest = (status: 400 | 431, detail: string): string => {
  const title = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  return [
    `HTTP/1.1 ${status} ${title}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
};

/** What the static files are served as; anything else goes out as S3 would send an unknown type. */
export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under the root that a URL path names, or undefined: `/` is index.html (CloudFront's
 * default root object); a path that does not decode, names a dotfile or dot-directory (`..`
 * included, however encoded), or resolves (symbolic links too) outside the root names nothing.
 */
export const staticFilePath = async (root: string, urlPath: string): Promise<string | undefined> => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return undefined;
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
  try {
    const realRoot = await realpath(root);
    const file = await realpath(path.resolve(realRoot, ...segments));
    if (!file.startsWith(`${realRoot}${path.sep}`) || !(await stat(file)).isFile()) return undefined;
    return file;
  } catch {
    return undefined;
  }
};


/**
 * As CloudFront answers from the bucket: `/` and `/cy/` are the start pages; a path the site does
 * not have is answered 404 with the not-found page, in Welsh under /cy/ (CloudFront's Welsh pages
 * function, lib/constructs/public-website.ts, does the same).
 */
const serveStatic = async (request: IncomingMessage, response: ServerResponse, root: string, urlPath: string): Promise<void> => {
  const file = await staticFilePath(root, staticPathFor(urlPath));
  const notFound = file === undefined ? await staticFilePath(root, `/${notFoundFileFor(urlPath)}`) : undefined;
  const served = file ?? notFound;
  const body = served === undefined ? Buffer.from('Not Found\n') : await readFile(served);
  response.writeHead(file === undefined ? 404 : 200, {
    ...PAGE_SECURITY_HEADERS,
    'Content-Type':
      served === undefined ? 'text/plain; charset=utf-8' : (STATIC_CONTENT_TYPES[path.extname(served).toLowerCase()] ?? 'binary/octet-stream'),
    'Content-Length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
};

// ─── the published contract ────────────────────────────────────────────────────────────────────

/** `enforce`, `warn` or `off`: what the gateway does when an answer breaks the route's contract. */
export const RESPONSE_CONTRACTS_VARIABLE = 'PAC_RESPONSE_CONTRACTS';

export type ContractMode = 'enforce' | 'warn' | 'off';

/**
 * As PAC_RESPONSE_CONTRACTS says; otherwise `enforce` under the Node.js test runner (which sets
 * NODE_TEST_CONTEXT in every test file's process) and `warn` elsewhere (`npm start`).
 */
export const contractMode = (environment: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): ContractMode => {
  const chosen = environment[RESPONSE_CONTRACTS_VARIABLE];
  if (chosen === 'enforce' || chosen === 'warn' || chosen === 'off') return chosen;
  if (chosen !== undefined && chosen !== '') throw new Error(`${RESPONSE_CONTRACTS_VARIABLE} must be enforce, warn or off, not ${chosen}`);
  return environment.NODE_TEST_CONTEXT !== undefined || execArgv.includes('--test') ? 'enforce' : 'warn';
};

const headerValue = (headers: APIGatewayProxyStructuredResultV2['headers'], name: string): string | undefined => {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
};

/**
 * Why the answer breaks what the route registry publishes for the route, or undefined when it
 * keeps to it: a status the route does not document, a media type other than the one documented
 * for the status, or a JSON body the status's schema refuses (a problem's `status` must be the
 * answer's too).
 */
export const contractBreach = (route: RegisteredRoute, result: APIGatewayProxyStructuredResultV2): string | undefined => {
  const status = result.statusCode ?? 200;
  const answer = route.responses[status];
  const problem = route.problems[status];
  if (answer === undefined && problem === undefined) {
    const documented = [...Object.keys(route.responses), ...Object.keys(route.problems)].map(Number).sort((a, b) => a - b);
    return `status ${status} is not documented (the route documents ${documented.join(', ')})`;
  }
  const expected = answer === undefined ? 'application/problem+json' : 'json' in answer ? 'application/json' : 'text/html';
  const media = (headerValue(result.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (media !== expected) return `${status} is documented as ${expected}, but the answer is ${media === '' ? 'without a Content-Type' : media}`;
  if (expected === 'text/html') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8').toString('utf8'));
  } catch {
    return `${status} is documented as ${expected}, but the body is not JSON`;
  }
  const schema = answer !== undefined && 'json' in answer ? answer.json : problemSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const id = metadataOf(schema)?.id;
    return `the ${status} body does not match its schema${typeof id === 'string' ? ` ${id}` : ''}:\n${z.prettifyError(parsed.error)}`;
  }
  if (answer === undefined && (body as { status?: unknown }).status !== status) {
    return `a ${status} answer whose problem says status ${String((body as { status?: unknown }).status)}`;
  }
  return undefined;
};

/**
 * Whether the function serving a route is the one the stack made from the route's registry entry:
 * it runs the entry's handler module and has the logical id CDK gave the entry's function (its
 * construct path, ending with the entry's name, and CDK's 8-character hash). A stand-in that a
 * test puts behind a route, even under a real handler's name, is not held to the contract.
 */
export const servesAsRegistered = (route: RegisteredRoute, target: Pick<LocalFunction, 'handlerModule' | 'logicalId'>): boolean =>
  target.handlerModule === route.handlerModule && new RegExp(`${route.fn.name}[0-9A-F]{8}$`).test(target.logicalId);

/**
 * A public function's refusal of a request that did not come through CloudFront: the routes'
 * published contract is what they answer through the website (where CloudFront always adds the
 * header); the problem is in the catalogue, and only a request sent around the website gets it.
 */
const refusedAroundCloudFront = (result: APIGatewayProxyStructuredResultV2): boolean => {
  if (result.statusCode !== 403 || typeof result.body !== 'string') return false;
  try {
    return (JSON.parse(result.body) as { type?: unknown }).type === problemType('not-through-website');
  } catch {
    return false;
  }
};

/**
 * The answer as it goes out: as the function gave it when it keeps to its route's published
 * contract (or the route is not in the registry, or is served by a stand-in function, as in the
 * gateway's own tests); otherwise logged, and in `enforce` mode replaced with a 500 that says why.
 */
const heldToContract = (route: Route, result: APIGatewayProxyStructuredResultV2, mode: ContractMode): APIGatewayProxyStructuredResultV2 => {
  if (mode === 'off' || refusedAroundCloudFront(result)) return result;
  const registered = registeredRoute(route.method, route.path);
  if (registered === undefined || !servesAsRegistered(registered, route.target)) return result;
  let breach: string | undefined;
  try {
    breach = contractBreach(registered, result);
  } catch (error) {
    breach = `the answer could not be checked: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (breach === undefined) return result;
  console.error(
    `[local gateway] BROKEN CONTRACT: ${route.method} ${route.path} (${route.target.handlerModule}) answered ${result.statusCode ?? 200}, ` +
      `which schemas/openapi.json (lib/route-registry.ts) does not allow: ${breach}`,
  );
  if (mode !== 'enforce') return result;
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      // A local check, not one of the service's problems: about:blank, the detail says which contract.
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: `${route.method} ${route.path} answered ${result.statusCode ?? 200}: ${breach}`,
    }),
  };
};

export interface HttpGateway {
  readonly url: string;
  stop(): Promise<void>;
}

/** One of CloudFront's cache behaviours that sends requests to the API: its path pattern, and the headers it adds. */
export interface CloudFrontBehaviour {
  /** As CloudFront writes it: `/reports/*` (`*` any characters, `?` one). */
  readonly pathPattern: string;
  /** The origin's custom headers, which CloudFront sets on each request, replacing the viewer's of the same name. */
  readonly originHeaders: Readonly<Record<string, string>>;
}

const pathPatterns = new Map<string, RegExp>();
const pathPatternExpression = (pattern: string): RegExp => {
  let expression = pathPatterns.get(pattern);
  if (expression === undefined) {
    expression = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    pathPatterns.set(pattern, expression);
  }
  return expression;
};

/** The behaviour CloudFront would use for the path: the first whose pattern matches, in order. */
export const cloudFrontBehaviour = (behaviours: readonly CloudFrontBehaviour[], path: string): CloudFrontBehaviour | undefined =>
  behaviours.find((behaviour) => pathPatternExpression(behaviour.pathPattern).test(path));

export interface HttpGatewayOptions {
  /** A folder to serve GET and HEAD requests from when no route matches, as CloudFront serves the website's bucket. */
  readonly staticRoot?: string;
  /** CloudFront's behaviours in front of the API, whose origin headers are added to each request on their paths. */
  readonly cloudFront?: readonly CloudFrontBehaviour[];
  /** What to do when an answer breaks its route's published contract; by default as contractMode() says. */
  readonly contracts?: ContractMode;
}

export const startHttpGateway = async (routes: readonly Route[], port = 0, options: HttpGatewayOptions = {}): Promise<HttpGateway> => {
  const contracts = options.contracts ?? contractMode();
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const { path } = requestTarget(request.url);
    // The first route that matches: stop there, rather than match the path against every route.
    let matched: { route: Route; parameters: ReturnType<typeof matchPath> } | undefined;
    for (const r of routes) {
      if (r.method !== request.method) continue;
      const parameters = matchPath(r.path, path);
      if (parameters !== undefined) {
        matched = { route: r, parameters };
        break;
      }
    }
    if (matched === undefined) {
      if (options.staticRoot !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
        return serveStatic(request, response, options.staticRoot, path);
      }
      return gatewayError(response, 404, 'Not Found');
    }
    const { route, parameters } = matched;
    if (parameters === 'malformed' || parameters === undefined) return gatewayError(response, 400, 'Bad Request');
    const body = await readBody(request);
    if (body === 'too-large') return gatewayError(response, 413, 'Request Entity Too Large');
    const behaviour = cloudFrontBehaviour(options.cloudFront ?? [], path);
    const event = gatewayEvent(request, `${route.method} ${route.path}`, body, parameters);
    if (behaviour !== undefined) {
      const headers = Object.fromEntries(Object.entries(event.headers).filter(([name]) => !(name.toLowerCase() in behaviour.originHeaders)));
      event.headers = { ...headers, ...behaviour.originHeaders };
    }
    const result = await route.target.invoke(event);
    send(response, heldToContract(route, result as APIGatewayProxyStructuredResultV2, contracts));
  };
  const server: Server = createServer({ maxHeaderSize: GATEWAY_MAX_HEADER_BYTES }, (request, response) => {
    answer(request, response).catch(() => {
      // What API Gateway answers when the function itself fails; the gateway goes on serving.
      if (!response.headersSent) gatewayError(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });
  // Requests Node cannot parse (headers over the limit, a broken request line) are answered here,
  // in the service's own problem+json, instead of Node's bare status line; the server keeps going.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    socket.end(
      tooLarge
        ? malformedRequest(431, `The request line and headers may be ${GATEWAY_MAX_HEADER_BYTES.toLocaleString('en-GB')} bytes at most.`)
        : malformedRequest(400, 'The request could not be read as HTTP.'),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
