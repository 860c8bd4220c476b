/**
 * A local stand-in for API Gateway's HTTP API: plain HTTP in, payload format 2.0 events out, the
 * handler's structured result back as the HTTP response. Like API Gateway it hands the function
 * everything (source IP, user agent, forwarded-for, cookies), so that the functions' own refusal
 * to read them is what the tests exercise. It logs nothing about requests.
 *
 * Given a static root, it also stands in for the website's CloudFront default behaviour: a GET or
 * HEAD that no route matches is answered from that folder (as the bucket would), with the
 * website's security headers on every answer (as the response headers policy would).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PAGE_SECURITY_HEADERS } from '../functions/pages/security-headers.ts';
import { NOT_FOUND_FILE } from '../functions/pages/static-pages.ts';
import type { LocalFunction } from './lambda-runtime.ts';

/** API Gateway's own ceiling on a request payload. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

const TEXT_MEDIA_TYPE = /^(text\/|application\/([a-z.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded))/i;

export interface Route {
  readonly method: string;
  /** As API Gateway writes it: `/contact-centre/reviews/{reference}`. */
  readonly path: string;
  readonly target: LocalFunction;
}

/** The path parameters of a path matching a route's template, or undefined if it does not match. */
export const matchPath = (template: string, path: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (match === null) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
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
  const url = new URL(request.url ?? '/', 'http://local');
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
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies === undefined ? {} : { cookies }),
    headers,
    ...(url.search === '' ? {} : { queryStringParameters: Object.fromEntries(url.searchParams) }),
    ...(Object.keys(pathParameters).length === 0 ? {} : { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
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


const serveStatic = async (request: IncomingMessage, response: ServerResponse, root: string, urlPath: string): Promise<void> => {
  const file = await staticFilePath(root, urlPath);
  const notFound = file === undefined ? await staticFilePath(root, `/${NOT_FOUND_FILE}`) : undefined;
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

export interface HttpGateway {
  readonly url: string;
  stop(): Promise<void>;
}

export interface HttpGatewayOptions {
  /** A folder to serve GET and HEAD requests from when no route matches, as CloudFront serves the website's bucket. */
  readonly staticRoot?: string;
}

export const startHttpGateway = async (routes: readonly Route[], port = 0, options: HttpGatewayOptions = {}): Promise<HttpGateway> => {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      const matched = routes
        .filter((r) => r.method === request.method)
        .map((r) => ({ route: r, parameters: matchPath(r.path, path) }))
        .find((m) => m.parameters !== undefined);
      if (matched === undefined) {
        if (options.staticRoot !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
          return serveStatic(request, response, options.staticRoot, path).catch(() => gatewayError(response, 500, 'Internal Server Error'));
        }
        return gatewayError(response, 404, 'Not Found');
      }
      const { route, parameters } = matched;
      const body = await readBody(request);
      if (body === 'too-large') return gatewayError(response, 413, 'Request Entity Too Large');
      try {
        const result = await route.target.invoke(gatewayEvent(request, `${route.method} ${route.path}`, body, parameters));
        send(response, result as APIGatewayProxyStructuredResultV2);
      } catch {
        // What API Gateway answers when the function itself fails.
        gatewayError(response, 500, 'Internal Server Error');
      }
    })();
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
