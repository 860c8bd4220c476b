/**
 * The whole service on one machine, with no AWS account: DynamoDB Local and fauxqs, the table and
 * queues the CDK stack declares, the same handler modules behind a local HTTP API, local SQS
 * event sources with Lambda's batch semantics, the functions EventBridge runs on a schedule run on
 * theirs, and the website's static files where CloudFront would serve them from its bucket.
 * `npm start` runs it; the integration tests start one each.
 *
 * There is no CloudFront locally, and no WAF (the Edge stack's web ACL is read and ignored, as is
 * everything else the runtime has no stand-in for). The gateway at `apiUrl` stands for CloudFront
 * and API Gateway together: on the paths the distribution sends to the API it adds the origin
 * headers the distribution adds, the public API's origin secret among them, whose value is made
 * here (a fresh random one per stack) as Secrets Manager makes it at deploy, and given to the
 * functions as CDK gives it them. The gateway at `directApiUrl` is API Gateway alone, as the public
 * API's own execute-api address is: a public route there answers 403.
 */
import { resolver, resourcesOfType, type StackTemplate } from './stack-template.ts';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDynamoDbClient,
  localSqsClient,
  startDynamoDbLocal,
  startSqsEmulator,
  type Emulator,
} from './emulators.ts';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PROJECT_ROOT, STATIC_SITE_FOLDER } from '../lib/project-layout.ts';
import { startHttpGateway, type CloudFrontBehaviour, type Route } from './http-gateway.ts';
import { CONSOLE_ORIGIN, CONSOLE_ORIGIN_METADATA } from '../lib/constructs/staff-console.ts';
import { startKmsEmulator } from './kms-emulator.ts';
import { startOidcIssuer, type LocalIssuer } from './oidc-issuer.ts';
import { startDynamoDbGuard, templatePermissions, type DynamoDbGuard } from './dynamodb-guard.ts';
import { loadFunctions, type LocalFunction } from './lambda-runtime.ts';
import { provision, type Provisioned, type ProvisionOptions } from './provision.ts';
import { scheduledInvocations, startSchedule, type ScheduledInvocation } from './schedules.ts';
import { startSqsEventSource, type SqsEventSource } from './sqs-event-source.ts';
import type { UsageMeter } from './usage-meter.ts';

export interface LocalStackOptions extends ProvisionOptions {
  /** 0 (the default) picks a free port. */
  readonly apiPort?: number;
  readonly sqsPort?: number;
  readonly dynamoDbPort?: number;
  readonly kmsPort?: number;
  readonly issuerPort?: number;
  /** The staff console's port, on http://localhost (an origin of its own); 0 (the default) picks a free one. */
  readonly consolePort?: number;
  /** Review by the contact centre; off by default locally, so a report reaches its force at once. */
  readonly review?: 'on' | 'off';
  /** Whether the stack's scheduled functions run on their schedules (local/schedules.ts); they do unless 'off'. */
  readonly schedules?: 'run' | 'off';
  /**
   * A DynamoDB Local already running, to create this stack's table in rather than starting a JVM
   * of its own: the test suite starts one for the whole run. It is left running at stop, and this
   * stack's tables are deleted from it.
   */
  readonly sharedDynamoDbEndpoint?: string;
  /**
   * The stack's template, already synthesised for the same review setting (the test suite
   * synthesises each once per run); synthesised here when not given.
   */
  readonly template?: StackTemplate;
  /**
   * Counts what the functions ask of AWS (local/usage-meter.ts): invocations and their durations,
   * DynamoDB capacity, SQS and KMS requests. Nothing is counted without one.
   */
  readonly meter?: UsageMeter;
}

export interface LocalStack {
  /** The website's address: CloudFront and the APIs behind it, as a browser reaches them. */
  readonly apiUrl: string;
  /** The APIs' own address, around CloudFront: what a request sent straight to execute-api meets. */
  readonly directApiUrl: string;
  /**
   * The contact centre's staff console, on an origin of its own (as its own CloudFront
   * distribution is in AWS): `http://localhost:<port>`, a different host from the website's
   * 127.0.0.1, so that no cookie of one is ever sent to the other (cookies ignore ports).
   */
  readonly consoleUrl: string;
  /** The console API's own address, without the distribution's origin header: a way around CloudFront, which the console refuses. */
  readonly directConsoleUrl: string;
  readonly sqsEndpoint: string;
  readonly dynamoDbEndpoint: string;
  readonly kmsEndpoint: string;
  /** The local stand-in for the staff user pool: it signs tokens the functions accept. */
  readonly issuer: LocalIssuer;
  readonly region: string;
  readonly tableName: string;
  /** Queue URLs by queue name. */
  readonly queueUrls: ReadonlyMap<string, string>;
  readonly template: StackTemplate;
  /** Each function by logical id: its handler module and the environment it runs in. */
  readonly functions: ReadonlyMap<string, Pick<LocalFunction, 'handlerModule' | 'environment'>>;
  /** The local IAM check every function reaches DynamoDB through (local/dynamodb-guard.ts). */
  readonly dynamoDbGuard: Pick<DynamoDbGuard, 'endpointFor' | 'refused'>;
  /** The functions the stack's schedules invoke, and how often (running unless `schedules: 'off'`). */
  readonly scheduled: readonly ScheduledInvocation[];
  stop(): Promise<void>;
}

/**
 * Each Secrets Manager secret of the template, with a value made here, as Secrets Manager
 * generates one at deploy: its Ref resolves to a local ARN, and a dynamic reference to its value
 * (`{{resolve:secretsmanager:<arn>:SecretString:::}}`, in a function's environment or an origin
 * header) resolves to the value.
 */
const provisionSecrets = (template: StackTemplate, provisioned: Provisioned): void => {
  for (const [logicalId] of resourcesOfType(template, 'AWS::SecretsManager::Secret')) {
    const arn = `arn:aws:secretsmanager:${LOCAL_REGION}:000000000000:secret:${logicalId}`;
    provisioned.refs.set(logicalId, arn);
    provisioned.localEquivalents.set(`{{resolve:secretsmanager:${arn}:SecretString:::}}`, randomBytes(32).toString('hex'));
  }
};

interface DistributionConfig {
  readonly Origins?: { Id: string; CustomOriginConfig?: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
  readonly DefaultCacheBehavior?: { TargetOriginId: string };
  readonly CacheBehaviors?: { PathPattern: string; TargetOriginId: string }[];
}

/** Each distribution's config, and the headers one of its origins adds to every request (undefined for one that is not a custom origin, a bucket), resolved. */
const distributions = (template: StackTemplate, provisioned: Provisioned) => {
  const resolve = resolver(provisioned.refs, provisioned.attributes);
  const local = (value: unknown) => {
    const resolved = resolve(value);
    return provisioned.localEquivalents.get(resolved) ?? resolved;
  };
  return resourcesOfType(template, 'AWS::CloudFront::Distribution').map(([logicalId, distribution]) => {
    const config = (distribution.Properties?.DistributionConfig ?? {}) as DistributionConfig;
    const originHeaders = (originId: string | undefined): Record<string, string> | undefined => {
      const origin = (config.Origins ?? []).find((o) => o.Id === originId);
      if (origin?.CustomOriginConfig === undefined) return undefined;
      return Object.fromEntries((origin.OriginCustomHeaders ?? []).map((h) => [h.HeaderName.toLowerCase(), local(h.HeaderValue)]));
    };
    return { logicalId, config, originHeaders };
  });
};

/** The distributions' behaviours that send requests to a custom origin (the API), with that origin's headers. */
const cloudFrontBehaviours = (template: StackTemplate, provisioned: Provisioned): CloudFrontBehaviour[] =>
  distributions(template, provisioned).flatMap(({ config, originHeaders }) =>
    (config.CacheBehaviors ?? []).flatMap(({ PathPattern, TargetOriginId }) => {
      const headers = originHeaders(TargetOriginId);
      return headers === undefined ? [] : [{ pathPattern: PathPattern, originHeaders: headers }];
    }),
  );

/** The headers the console's distribution adds on every request to its API (its default behaviour's origin). */
const consoleOriginHeaders = (template: StackTemplate, provisioned: Provisioned): Record<string, string> => {
  const staffConsole = distributions(template, provisioned).find(({ logicalId }) => isStaffConsole(template, logicalId));
  return staffConsole?.originHeaders(staffConsole.config.DefaultCacheBehavior?.TargetOriginId) ?? {};
};

const routeKeyTarget = (template: StackTemplate, resolve: (v: unknown) => string) =>
  resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
    const [method, path] = String(route.Properties?.RouteKey).split(' ') as [string, string];
    const integrationId = resolve(route.Properties?.Target).replace(/^integrations\//, '');
    const integration = template.Resources[integrationId];
    const functionArn = resolve(integration?.Properties?.IntegrationUri);
    const apiId = (route.Properties?.ApiId as { Ref?: string } | undefined)?.Ref;
    return { method, path, functionId: functionArn.replace(/^local:function:/, ''), staffConsole: apiId !== undefined && isStaffConsole(template, apiId) };
  });

/** Whether a resource is the staff console's (its API or distribution: lib/constructs/staff-console.ts). */
const isStaffConsole = (template: StackTemplate, logicalId: string): boolean =>
  template.Resources[logicalId]?.Metadata?.[CONSOLE_ORIGIN_METADATA] === CONSOLE_ORIGIN;

/** Stands for the console distribution's domain name until the local console's address is known. */
const CONSOLE_DOMAIN_PLACEHOLDER = 'staff-console.local.invalid';

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  // DynamoDB Local (a JVM) takes seconds to start: start it first, and always stop it, even when
  // something else fails before it is up. A shared one is only borrowed.
  const shared = options.sharedDynamoDbEndpoint;
  const dynamoDbStarting: Promise<Emulator> =
    shared === undefined ? startDynamoDbLocal(options.dynamoDbPort ?? 0) : Promise.resolve({ endpoint: shared, stop: async () => undefined });
  started.push({ stop: async () => (await dynamoDbStarting.catch(() => undefined))?.stop() });
  try {
    const template = options.template ?? (await import('./synthesise.ts')).synthesiseLocalTemplate({ review: options.review ?? 'off' });
    const sqsEmulator: Emulator = await startSqsEmulator(options.sqsPort ?? 0);
    started.push(sqsEmulator);
    const kms = await startKmsEmulator({ port: options.kmsPort ?? 0, region: LOCAL_REGION });
    started.push(kms);
    const issuer = await startOidcIssuer({ port: options.issuerPort ?? 0 });
    started.push(issuer);
    const dynamoDb = await dynamoDbStarting;

    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
      AWS_ENDPOINT_URL_SQS: sqsEmulator.endpoint,
      AWS_ENDPOINT_URL_KMS: kms.endpoint,
    });
    const dynamodbClient = localDynamoDbClient(dynamoDb.endpoint);
    const sqs = localSqsClient(sqsEmulator.endpoint);
    started.push({ stop: async () => (dynamodbClient.destroy(), sqs.destroy()) });

    // On a shared DynamoDB Local each stack's tables get names of their own, and go when it stops.
    const provisioned = await provision(template, { dynamodb: dynamodbClient, sqs, sqsEndpoint: sqsEmulator.endpoint, kms, issuer }, {
      ...options,
      ...(shared === undefined ? {} : { tableNameSuffix: `-${process.pid}-${randomBytes(3).toString('hex')}` }),
    });
    if (shared !== undefined) {
      // Stopped before the client above is destroyed: parts stop in reverse order.
      started.push({
        stop: async () => {
          for (const TableName of provisioned.tableNames) await dynamodbClient.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
        },
      });
    }
    provisionSecrets(template, provisioned);
    const resolve = resolver(provisioned.refs, provisioned.attributes);
    // Each function reaches DynamoDB through the local IAM check, held to its own role.
    const permissions = templatePermissions(template, resolve);
    const { meter } = options;
    const guard = await startDynamoDbGuard(dynamoDb.endpoint, permissions.statementsOf, permissions.tableNamed, meter === undefined ? {} : { onRequest: meter.dynamoDbRequest });
    started.push(guard);
    // The staff console, on an origin of its own. Its gateway starts first, so that its address is
    // known to the functions (CONSOLE_URL, from the distribution's domain name) and to the issuer.
    const consoleRoutes: Route[] = [];
    // It stands in for the console's CloudFront distribution too: its origin header on every request.
    const consoleGateway = await startHttpGateway(consoleRoutes, options.consolePort ?? 0, { cloudFront: [{ pathPattern: '*', originHeaders: consoleOriginHeaders(template, provisioned) }] });
    started.push(consoleGateway);
    // And the console API's own address, without CloudFront: for tests that go around it.
    const consoleDirect = await startHttpGateway(consoleRoutes, 0);
    started.push(consoleDirect);
    const consoleUrl = consoleGateway.url.replace('//127.0.0.1:', '//localhost:');
    for (const [logicalId] of resourcesOfType(template, 'AWS::CloudFront::Distribution')) {
      if (!isStaffConsole(template, logicalId)) continue;
      provisioned.attributes.set(`${logicalId}.DomainName`, CONSOLE_DOMAIN_PLACEHOLDER);
      provisioned.localEquivalents.set(`https://${CONSOLE_DOMAIN_PLACEHOLDER}`, consoleUrl);
    }
    issuer.allowRedirectsTo(consoleUrl);

    const functions = await loadFunctions(template, provisioned, (logicalId) => ({ AWS_ENDPOINT_URL_DYNAMODB: guard.endpointFor(logicalId) }), meter);
    const functionNamed = (id: string) => {
      const found = functions.get(id);
      if (found === undefined) throw new Error(`No local function ${id}`);
      return found;
    };

    for (const [, mapping] of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
      const p = mapping.Properties ?? {};
      const queueArn = resolve(p.EventSourceArn);
      const queueUrl = [...provisioned.attributes].find(([key, value]) => key.endsWith('.Arn') && value === queueArn);
      if (queueUrl === undefined) throw new Error(`Event source ${queueArn} is not a local queue`);
      const source: SqsEventSource = startSqsEventSource(sqs, {
        queueArn,
        queueUrl: provisioned.refs.get(queueUrl[0].replace(/\.Arn$/, '')) ?? '',
        batchSize: Number(p.BatchSize ?? 10),
        ...(p.MaximumBatchingWindowInSeconds === undefined ? {} : { maximumBatchingWindowSeconds: Number(p.MaximumBatchingWindowInSeconds) }),
        ...((p.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency === undefined
          ? {}
          : { maximumConcurrency: Number((p.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency) }),
        reportBatchItemFailures: ((p.FunctionResponseTypes as string[] | undefined) ?? []).includes('ReportBatchItemFailures'),
        target: functionNamed(resolve(p.FunctionName)),
        region: LOCAL_REGION,
        ...(meter === undefined ? {} : { onRequest: meter.eventSourceRequest }),
      });
      started.push(source);
    }

    // The functions EventBridge rules invoke on a schedule, read from the rules as the event
    // sources are from their mappings.
    const scheduled = scheduledInvocations(template, (arn) => {
      const resolved = typeof arn === 'object' && arn !== null && 'Fn::GetAtt' in arn ? resolve(arn) : String(arn);
      return resolved.startsWith('local:function:') ? resolved.replace(/^local:function:/, '') : undefined;
    });
    if (options.schedules !== 'off') {
      for (const invocation of scheduled) started.push(startSchedule(invocation, functionNamed(invocation.functionId), LOCAL_REGION));
    }

    const allRoutes = routeKeyTarget(template, resolve).map(({ method, path, functionId, staffConsole }) => ({
      route: { method, path, target: functionNamed(functionId) } satisfies Route,
      staffConsole,
    }));
    const routes: Route[] = allRoutes.filter((r) => !r.staffConsole).map((r) => r.route);
    consoleRoutes.push(...allRoutes.filter((r) => r.staffConsole).map((r) => r.route));
    // The one local origin stands in for CloudFront too: the website's files where no route
    // matches, and the origin headers on the paths it sends to the API. The three APIs' routes
    // share it, as their paths do not overlap.
    const gateway = await startHttpGateway(routes, options.apiPort ?? 0, {
      staticRoot: path.join(PROJECT_ROOT, STATIC_SITE_FOLDER),
      cloudFront: cloudFrontBehaviours(template, provisioned),
    });
    started.push(gateway);
    const direct = await startHttpGateway(routes, 0);
    started.push(direct);

    const [tableName] = provisioned.tableNames;
    if (tableName === undefined) throw new Error('The stack declares no table');
    return {
      apiUrl: gateway.url,
      directApiUrl: direct.url,
      consoleUrl,
      directConsoleUrl: consoleDirect.url,
      sqsEndpoint: sqsEmulator.endpoint,
      dynamoDbEndpoint: dynamoDb.endpoint,
      kmsEndpoint: kms.endpoint,
      issuer,
      region: LOCAL_REGION,
      tableName,
      queueUrls: provisioned.queueUrls,
      template,
      functions,
      dynamoDbGuard: guard,
      scheduled,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
