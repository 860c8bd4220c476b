/**
 * IAM for DynamoDB, locally. DynamoDB Local checks no permissions, so a function whose role lacks
 * an action or a partition would pass every local test and fail in AWS. This proxy stands between
 * the functions and DynamoDB Local and holds each function to its own role's statements, as the
 * template gives them (lib/table-access.ts declares them): each request is allowed only if an
 * Allow statement of the function's role matches its action, its resource (the table or one of
 * its indexes) and its `dynamodb:LeadingKeys` (the partition key values it touches), and no Deny
 * does; otherwise it is answered with AccessDeniedException, as DynamoDB would.
 *
 * Each function reaches the proxy at a path of its own (`/fn/<logical id>/`; a test probing what a
 * function may not do, at `/probe/<logical id>/`): the local runtime
 * sets the function's AWS_ENDPOINT_URL_DYNAMODB to it, standing for the regional endpoint Lambda
 * would use. Requests with no such path (the tests' own clients, the provisioning) go straight
 * through: they are the operator's, not a function's.
 *
 * What it evaluates is the subset of IAM the stack uses: Allow and Deny, actions and resources with
 * `*` wildcards, and the condition operators `ForAllValues:StringLike` and
 * `ForAllValues:StringEquals` on `dynamodb:LeadingKeys`. A statement with any other condition is a
 * mistake here and fails loudly rather than being guessed at. As in IAM, a ForAllValues condition
 * holds when the request has no leading keys at all (a Scan): the declared table must not grant
 * Scan where that would open the table.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** What one DynamoDB request asks IAM for: one entry per action it needs. */
export interface Authorisation {
  readonly action: string;
  readonly resource: string;
  /** The partition key values the action touches; empty for a Scan or a table-level action. */
  readonly leadingKeys: readonly string[];
}

export interface TableShape {
  readonly arn: string;
  readonly partitionKey: string;
  /** Each index's partition key attribute, by index name. */
  readonly indexes: Readonly<Record<string, string>>;
}

const list = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? (value as readonly T[]) : [value as T]);

const glob = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

const matchesAny = (patterns: readonly string[], value: string): boolean => patterns.some((pattern) => glob(pattern).test(value));

const SUPPORTED_CONDITIONS = new Set(['ForAllValues:StringLike', 'ForAllValues:StringEquals']);

const conditionHolds = (statement: PolicyStatement, request: Authorisation): boolean => {
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    if (!SUPPORTED_CONDITIONS.has(operator)) throw new Error(`The local IAM check does not evaluate ${operator}`);
    for (const [key, values] of Object.entries(keys)) {
      if (key !== 'dynamodb:LeadingKeys') throw new Error(`The local IAM check does not evaluate ${key}`);
      const allowed = list(values);
      const matches = operator === 'ForAllValues:StringLike' ? (v: string) => matchesAny(allowed, v) : (v: string) => allowed.includes(v);
      if (!request.leadingKeys.every(matches)) return false;
    }
  }
  return true;
};

const applies = (statement: PolicyStatement, request: Authorisation): boolean =>
  matchesAny(list(statement.Action), request.action) && matchesAny(list(statement.Resource), request.resource) && conditionHolds(statement, request);

/** IAM's answer for one action: explicitly denied, allowed, or (no statement) implicitly denied. */
export const isAllowed = (statements: readonly PolicyStatement[], request: Authorisation): boolean =>
  !statements.some((s) => s.Effect === 'Deny' && applies(s, request)) && statements.some((s) => s.Effect === 'Allow' && applies(s, request));

type AttributeValue = Readonly<Record<string, unknown>>;
type Key = Readonly<Record<string, AttributeValue>>;

const stringOf = (value: AttributeValue | undefined): string => {
  if (value === undefined) return '';
  const [scalar] = Object.values(value);
  return typeof scalar === 'string' ? scalar : JSON.stringify(scalar);
};

/** The value a key condition sets the partition key to (`PK = :pk`, with names resolved). */
const partitionValue = (body: Readonly<Record<string, unknown>>, partitionKey: string): string | undefined => {
  const expression = String(body.KeyConditionExpression ?? '');
  const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (body.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  for (const [, name, placeholder] of expression.matchAll(/(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const attribute = name!.startsWith('#') ? names[name!] : name;
    if (attribute === partitionKey) return stringOf(values[placeholder!]);
  }
  return undefined;
};

const TRANSACT_WRITE_ACTIONS: Readonly<Record<string, string>> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

/** The authorisations one request needs, by DynamoDB's rules for each operation. */
export const authorisationsFor = (operation: string, body: Readonly<Record<string, unknown>>, tableNamed: (name: string) => TableShape): Authorisation[] => {
  const dynamodb = (action: string) => `dynamodb:${action}`;
  const itemKey = (table: TableShape, key: Key | undefined): string[] => [stringOf(key?.[table.partitionKey])];
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem': {
      const table = tableNamed(String(body.TableName));
      return [{ action: dynamodb(operation), resource: table.arn, leadingKeys: itemKey(table, body.Key as Key) }];
    }
    case 'PutItem': {
      const table = tableNamed(String(body.TableName));
      return [{ action: dynamodb(operation), resource: table.arn, leadingKeys: itemKey(table, body.Item as Key) }];
    }
    case 'Query':
    case 'Scan': {
      const table = tableNamed(String(body.TableName));
      const index = body.IndexName === undefined ? undefined : String(body.IndexName);
      const resource = index === undefined ? table.arn : `${table.arn}/index/${index}`;
      if (operation === 'Scan') return [{ action: dynamodb(operation), resource, leadingKeys: [] }];
      const partitionKey = index === undefined ? table.partitionKey : table.indexes[index];
      if (partitionKey === undefined) throw new Error(`No index ${index} on ${table.arn}`);
      const value = partitionValue(body, partitionKey);
      return [{ action: dynamodb(operation), resource, leadingKeys: value === undefined ? [] : [value] }];
    }
    case 'TransactWriteItems':
      return (body.TransactItems as Record<string, Record<string, unknown>>[]).map((item) => {
        const [kind, request] = Object.entries(item)[0]!;
        const table = tableNamed(String(request.TableName));
        const key = (kind === 'Put' ? request.Item : request.Key) as Key;
        return { action: dynamodb(TRANSACT_WRITE_ACTIONS[kind] ?? kind), resource: table.arn, leadingKeys: itemKey(table, key) };
      });
    case 'TransactGetItems':
      return (body.TransactItems as { Get: Record<string, unknown> }[]).map(({ Get }) => {
        const table = tableNamed(String(Get.TableName));
        return { action: dynamodb('GetItem'), resource: table.arn, leadingKeys: itemKey(table, Get.Key as Key) };
      });
    case 'BatchWriteItem':
      return Object.entries(body.RequestItems as Record<string, Record<string, { Item?: Key; Key?: Key }>[]>).map(([name, requests]) => {
        const table = tableNamed(name);
        const keys = requests.flatMap((request) => Object.values(request).flatMap((r) => itemKey(table, r.Item ?? r.Key)));
        return { action: dynamodb(operation), resource: table.arn, leadingKeys: keys };
      });
    case 'BatchGetItem':
      return Object.entries(body.RequestItems as Record<string, { Keys: Key[] }>).map(([name, { Keys }]) => {
        const table = tableNamed(name);
        return { action: dynamodb(operation), resource: table.arn, leadingKeys: Keys.flatMap((key) => itemKey(table, key)) };
      });
    default:
      return [{ action: dynamodb(operation), resource: body.TableName === undefined ? '*' : tableNamed(String(body.TableName)).arn, leadingKeys: [] }];
  }
};

export interface Refusal {
  readonly function: string;
  readonly authorisation: Authorisation;
  /** Made by a test acting as the function on purpose (endpointFor's `probe`), not by the function. */
  readonly probe: boolean;
}

export interface DynamoDbGuard {
  /**
   * The endpoint a function reaches DynamoDB at: its own path on the proxy. A test that acts as the
   * function on purpose, to show what it may not do, asks for a probe's endpoint, so that its
   * refusals are told apart from the function's own.
   */
  endpointFor(logicalId: string, options?: { probe?: boolean }): string;
  /** Every request refused so far. */
  readonly refused: readonly Refusal[];
  stop(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/**
 * Starts the proxy in front of `upstream` (DynamoDB Local). `statementsOf` gives a function's
 * role's statements by the function's logical id; `tableNamed` the shape of a table by its name.
 */
export const startDynamoDbGuard = async (
  upstream: string,
  statementsOf: (logicalId: string) => readonly PolicyStatement[] | undefined,
  tableNamed: (name: string) => TableShape,
): Promise<DynamoDbGuard> => {
  const refused: Refusal[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const [, via, caller] = /^\/(fn|probe)\/([^/]+)\//.exec(request.url ?? '') ?? [];
      if (caller !== undefined) {
        const statements = statementsOf(caller) ?? [];
        const operation = String(request.headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
        const denied = authorisationsFor(operation, JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>, tableNamed).find(
          (authorisation) => !isAllowed(statements, authorisation),
        );
        if (denied !== undefined) {
          refused.push({ function: caller, authorisation: denied, probe: via === 'probe' });
          response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
          response.end(
            JSON.stringify({
              __type: 'com.amazon.coral.service#AccessDeniedException',
              Message: `User: local:function:${caller} is not authorized to perform: ${denied.action} on resource: ${denied.resource} (leading keys ${JSON.stringify(denied.leadingKeys)}) because no identity-based policy allows it`,
            }),
          );
          return;
        }
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name, value]) => typeof value === 'string' && !['host', 'connection', 'content-length', 'accept-encoding'].includes(name)),
      ) as Record<string, string>;
      const answer = await fetch(new URL('/', upstream), { method: request.method ?? 'POST', headers, body: request.method === 'GET' ? undefined : body });
      response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error) }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpointFor: (logicalId, { probe = false } = {}) => `http://127.0.0.1:${port}/${probe ? 'probe' : 'fn'}/${logicalId}`,
    refused,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * From the template: each function's DynamoDB statements (of the policies attached to its role,
 * resolved against what the local stack made), by the function's logical id, and each table's
 * shape by its local name.
 */
export const templatePermissions = (
  template: { readonly Resources: Readonly<Record<string, { readonly Type: string; readonly Properties?: Readonly<Record<string, unknown>> }>> },
  resolve: (value: unknown) => string,
): { statementsOf: (logicalId: string) => readonly PolicyStatement[] | undefined; tableNamed: (name: string) => TableShape } => {
  const resources = Object.entries(template.Resources);
  const byRole = new Map<string, PolicyStatement[]>();
  for (const [, policy] of resources.filter(([, r]) => r.Type === 'AWS::IAM::Policy')) {
    const document = policy.Properties?.PolicyDocument as { Statement: PolicyStatement[] };
    const statements = document.Statement.filter((s) => list(s.Action).some((action) => action.startsWith('dynamodb:'))).map((s) => ({
      ...s,
      Resource: list(s.Resource as unknown as string | string[]).map((resource) => resolve(resource)),
    }));
    for (const role of (policy.Properties?.Roles as { Ref: string }[] | undefined) ?? []) {
      byRole.set(role.Ref, [...(byRole.get(role.Ref) ?? []), ...statements]);
    }
  }
  const functionRoles = new Map(
    resources
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([logicalId, r]) => [logicalId, ((r.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'] ?? [])[0]] as const),
  );
  const hashKey = (schema: unknown): string => ((schema as { AttributeName: string; KeyType: string }[]).find((k) => k.KeyType === 'HASH')?.AttributeName ?? '');
  const tables = new Map(
    resources
      .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
      .map(([logicalId, r]): [string, TableShape] => {
        const indexes = (r.Properties?.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[] | undefined) ?? [];
        return [
          resolve({ Ref: logicalId }),
          {
            arn: resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] }),
            partitionKey: hashKey(r.Properties?.KeySchema),
            indexes: Object.fromEntries(indexes.map((index) => [index.IndexName, hashKey(index.KeySchema)])),
          },
        ];
      }),
  );
  return {
    statementsOf: (logicalId) => {
      const role = functionRoles.get(logicalId);
      return role === undefined ? undefined : (byRole.get(role) ?? []);
    },
    tableNamed: (name) => {
      const table = tables.get(name);
      if (table === undefined) throw new Error(`No local table ${name}`);
      return table;
    },
  };
};
