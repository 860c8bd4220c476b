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
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
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
  /** The sort key attribute, if the table has one. */
  readonly sortKey?: string;
  /** Each index's partition key attribute, by index name. */
  readonly indexes: Readonly<Record<string, string>>;
}

const list = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? (value as readonly T[]) : [value as T]);

const compiled = new Map<string, RegExp>();
const glob = (pattern: string): RegExp => {
  let found = compiled.get(pattern);
  if (found === undefined) {
    found = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    compiled.set(pattern, found);
  }
  return found;
};

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
      // IAM always knows a Query's partition; a check that could not read it must not let it through.
      if (value === undefined) throw new Error(`The local IAM check cannot read the partition key of ${JSON.stringify(body.KeyConditionExpression)}`);
      return [{ action: dynamodb(operation), resource, leadingKeys: [value] }];
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

/** DynamoDB's ConsumedCapacity, as asked for with ReturnConsumedCapacity INDEXES. */
export interface ConsumedCapacity {
  readonly TableName?: string;
  readonly CapacityUnits?: number;
  readonly Table?: { readonly CapacityUnits?: number };
  readonly GlobalSecondaryIndexes?: Readonly<Record<string, { readonly CapacityUnits?: number }>>;
  readonly LocalSecondaryIndexes?: Readonly<Record<string, { readonly CapacityUnits?: number }>>;
}

/** One request a function made, as the usage meter sees it (local/usage-meter.ts). */
export interface DynamoDbRequestUse {
  readonly function: string;
  readonly operation: string;
  /** What it touched: `Put`, `Update`, `Get`… with the item's key (`PK SK`) or the query's partition. */
  readonly items: readonly { readonly action: string; readonly key: string }[];
  /** DynamoDB's ConsumedCapacity for the request (one entry per table), as DynamoDB Local answered it. */
  readonly consumed: readonly ConsumedCapacity[];
  readonly status: number;
  /** Whether a read asked for strong consistency. */
  readonly consistentRead: boolean;
  /**
   * For TransactWriteItems: each item as it was before the transaction and as it is after, in the
   * order of `items` (read from DynamoDB Local around the request), so that the meter can work out
   * the write units DynamoDB bills, item by item: DynamoDB Local reports one figure for the whole
   * transaction, from the items' sizes added together.
   */
  readonly images?: readonly { readonly before?: Item; readonly after?: Item }[];
}

/** An item as DynamoDB's JSON protocol writes it. */
export type Item = Readonly<Record<string, AttributeValue>>;

export interface DynamoDbGuardOptions {
  /**
   * Told of every request a function makes that the check lets through, with the capacity it
   * consumed: the proxy asks DynamoDB Local for it (ReturnConsumedCapacity TOTAL) where the
   * function did not, and takes it out of the answer again, so the function sees what it would
   * have seen. Without it the proxy passes bodies through untouched.
   */
  readonly onRequest?: (use: DynamoDbRequestUse) => void;
}

/** The operations that accept ReturnConsumedCapacity. */
const CAPACITY_OPERATIONS = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems',
]);

/** What a request touches, for the meter: each item's key, or a query's partition. */
export const itemsTouched = (operation: string, body: Readonly<Record<string, unknown>>, tableNamed: (name: string) => TableShape): DynamoDbRequestUse['items'] => {
  const keyOf = (tableName: unknown, item: Key | undefined): string => {
    const table = tableNamed(String(tableName));
    return [table.partitionKey, table.sortKey].filter((name): name is string => name !== undefined).map((name) => stringOf(item?.[name])).join(' ');
  };
  const action = (verb: string) => verb.replace(/Item$/, '');
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [{ action: action(operation), key: keyOf(body.TableName, body.Key as Key) }];
    case 'PutItem':
      return [{ action: 'Put', key: keyOf(body.TableName, body.Item as Key) }];
    case 'Query':
    case 'Scan': {
      const table = tableNamed(String(body.TableName));
      const index = body.IndexName === undefined ? undefined : String(body.IndexName);
      const partitionKey = index === undefined ? table.partitionKey : table.indexes[index];
      const partition = operation === 'Query' && partitionKey !== undefined ? partitionValue(body, partitionKey) : undefined;
      return [{ action: operation, key: `${partition ?? '*'}${index === undefined ? '' : ` (index ${index})`}` }];
    }
    case 'TransactWriteItems':
      return (body.TransactItems as Record<string, Record<string, unknown>>[]).map((item) => {
        const [kind, request] = Object.entries(item)[0]!;
        return { action: kind, key: keyOf(request.TableName, (kind === 'Put' ? request.Item : request.Key) as Key) };
      });
    case 'TransactGetItems':
      return (body.TransactItems as { Get: Record<string, unknown> }[]).map(({ Get }) => ({ action: 'Get', key: keyOf(Get.TableName, Get.Key as Key) }));
    case 'BatchWriteItem':
      return Object.entries(body.RequestItems as Record<string, Record<string, { Item?: Key; Key?: Key }>[]>).flatMap(([name, requests]) =>
        requests.flatMap((request) => Object.entries(request).map(([kind, r]) => ({ action: kind === 'PutRequest' ? 'Put' : 'Delete', key: keyOf(name, r.Item ?? r.Key) }))),
      );
    case 'BatchGetItem':
      return Object.entries(body.RequestItems as Record<string, { Keys: Key[] }>).flatMap(([name, { Keys }]) => Keys.map((key) => ({ action: 'Get', key: keyOf(name, key) })));
    default:
      return [];
  }
};

/** The table and key of each item a TransactWriteItems request names, in order. */
const transactionKeys = (body: Readonly<Record<string, unknown>>, tableNamed: (name: string) => TableShape): { TableName: string; Key: Key }[] =>
  (body.TransactItems as Record<string, Record<string, unknown>>[]).map((item) => {
    const [kind, request] = Object.entries(item)[0]!;
    const TableName = String(request.TableName);
    const table = tableNamed(TableName);
    const source = (kind === 'Put' ? request.Item : request.Key) as Key;
    const Key = Object.fromEntries(
      [table.partitionKey, table.sortKey].filter((name): name is string => name !== undefined && source[name] !== undefined).map((name) => [name, source[name]!]),
    );
    return { TableName, Key };
  });

/** One item, read straight from DynamoDB Local (strongly consistent), for the meter only. */
const readItem = async (upstream: Upstream, headers: readonly string[], TableName: string, Key: Key): Promise<Item | undefined> => {
  const answer = await forward(upstream, 'POST', withTarget(headers, 'DynamoDB_20120810.GetItem'), Buffer.from(JSON.stringify({ TableName, Key, ConsistentRead: true })));
  if (!answer.ok) return undefined;
  return (JSON.parse(answer.body.toString('utf8')) as { Item?: Item }).Item;
};

/** Kept-alive connections to DynamoDB Local: a fetch per request cost a quarter of a DynamoDB-heavy test's CPU. */
const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Where DynamoDB Local listens, read from its endpoint once rather than on every request. */
interface Upstream {
  readonly hostname: string;
  readonly port: string;
  /** The Host header: given a raw list of headers, Node adds none of its own. */
  readonly host: string;
}

/** Headers that belong to one connection, not to the request or answer they travel with: never passed on. */
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'accept-encoding']);

/**
 * Headers as Node's raw list (name, value, name, value…), without those that belong to one
 * connection or are named in `leaveOut` (lower case): passed on as a list, so no object is built
 * per request.
 */
const passedOn = (raw: readonly string[], ...leaveOut: string[]): string[] => {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !leaveOut.includes(name)) kept.push(raw[i]!, raw[i + 1]!);
  }
  return kept;
};

/** The same headers, asking for another operation. */
const withTarget = (headers: readonly string[], target: string): string[] => [...passedOn(headers, 'x-amz-target'), 'x-amz-target', target];

/** Sends the request on to DynamoDB Local as it came, and reads the whole answer, its headers as a raw list. */
const forward = (upstream: Upstream, method: string, headers: readonly string[], body: Buffer) =>
  new Promise<{ status: number; ok: boolean; headers: string[]; body: Buffer }>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: '/', method, headers: [...headers, 'host', upstream.host, 'content-length', String(body.length)], agent: upstreamAgent },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const status = incoming.statusCode ?? 500;
          resolve({ status, ok: status >= 200 && status < 300, headers: passedOn(incoming.rawHeaders, 'content-encoding'), body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

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
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
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
  { onRequest }: DynamoDbGuardOptions = {},
): Promise<DynamoDbGuard> => {
  const refused: Refusal[] = [];
  const { hostname, port: upstreamPort, host } = new URL(upstream);
  const target: Upstream = { hostname, port: upstreamPort, host };
  const server: Server = createServer((request, response) => {
    void (async () => {
      let body = await readBody(request);
      const [, via, caller] = /^\/(fn|probe)\/([^/]+)\//.exec(request.url ?? '') ?? [];
      const operation = String(request.headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
      // Read once, and only when a function sent it: the tests' own clients go straight through.
      const sent = caller === undefined ? {} : (JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>);
      if (caller !== undefined) {
        const statements = statementsOf(caller) ?? [];
        const denied = authorisationsFor(operation, sent, tableNamed).find(
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
      const headers = passedOn(request.rawHeaders);
      // Metered: a function's request is asked for the capacity it consumes, if it did not ask.
      const metered = onRequest !== undefined && via === 'fn' && caller !== undefined && CAPACITY_OPERATIONS.has(operation);
      const callerAsked = sent.ReturnConsumedCapacity !== undefined && sent.ReturnConsumedCapacity !== 'NONE';
      if (metered && !callerAsked) body = Buffer.from(JSON.stringify({ ...sent, ReturnConsumedCapacity: 'INDEXES' }));
      // A transaction's items are read before and after it, to size each item (DynamoDbRequestUse.images).
      const imaged = metered && operation === 'TransactWriteItems' ? transactionKeys(sent, tableNamed) : [];
      const readItems = () => Promise.all(imaged.map(({ TableName, Key }) => readItem(target, headers, TableName, Key)));
      const before = await readItems();
      const answer = await forward(target, request.method ?? 'POST', headers, body);
      const after = imaged.length === 0 ? [] : await readItems();
      let answerHeaders = answer.headers;
      let answerBody = answer.body;
      if (metered) {
        const answered = answer.ok ? (JSON.parse(answerBody.toString('utf8') || '{}') as Record<string, unknown>) : {};
        const consumed = answered.ConsumedCapacity;
        onRequest({
          function: caller,
          operation,
          items: itemsTouched(operation, sent, tableNamed),
          consumed: (consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) as DynamoDbRequestUse['consumed'],
          status: answer.status,
          consistentRead: sent.ConsistentRead === true,
          ...(imaged.length === 0 ? {} : { images: imaged.map((_, i) => ({ before: before[i], after: after[i] })) }),
        });
        if (answer.ok && !callerAsked && consumed !== undefined) {
          delete answered.ConsumedCapacity;
          answerBody = Buffer.from(JSON.stringify(answered));
          // The checksum DynamoDB sends is of the body it sent, which this no longer is.
          answerHeaders = passedOn(answerHeaders, 'x-amz-crc32');
        }
      }
      response.writeHead(answer.status, answerHeaders);
      response.end(answerBody);
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
  const sortKeyOf = (schema: unknown): { sortKey?: string } => {
    const range = (schema as { AttributeName: string; KeyType: string }[]).find((k) => k.KeyType === 'RANGE')?.AttributeName;
    return range === undefined ? {} : { sortKey: range };
  };
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
            ...sortKeyOf(r.Properties?.KeySchema),
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
