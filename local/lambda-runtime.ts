/**
 * The functions of the stack, run in this process: each function's handler module (from its
 * `pac:handler` metadata), its environment (resolved from the template), and a Lambda context.
 * Each invocation runs in its own function's environment, exactly what the stack gives that
 * function and nothing another function is given: one that needs a variable its CDK definition
 * does not set fails here as it would in AWS.
 */
import type { Context } from 'aws-lambda';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inFunctionEnvironment } from '../functions/configuration/function-environment.ts';
import { HANDLER_METADATA, PROJECT_ROOT } from '../lib/project-layout.ts';
import { resolver, resourcesOfType, type StackTemplate } from './stack-template.ts';
import type { Provisioned } from './provision.ts';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LocalFunction {
  readonly logicalId: string;
  readonly handlerModule: string;
  readonly timeoutSeconds: number;
  readonly environment: Record<string, string>;
  invoke(event: unknown): Promise<unknown>;
}

/** What the runtime tells an observer about each invocation (local/usage-meter.ts counts them). */
export interface InvocationObserver {
  /** Called as an invocation starts. */
  started?(logicalId: string): void;
  /** Called when an invocation ends, however it ends, with how long the handler ran. */
  invoked(logicalId: string, milliseconds: number): void;
}

const invoking = new AsyncLocalStorage<string>();

/**
 * The logical id of the function whose invocation the caller is running in, if any: everything a
 * handler awaits runs in its invocation's context, so a request made there can be told apart from
 * one made by the tests, an event source or another function (local/usage-meter.ts).
 */
export const invokingFunction = (): string | undefined => invoking.getStore();

export const lambdaContext = (functionName: string, timeoutSeconds: number): Context => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `local:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/**
 * The functions that only serve CloudFormation custom resources, at deploy time: CDK's own (the
 * website's bucket deployment, emptying a bucket before deleting it), with no handler module of
 * ours. There is nothing to deploy locally, so they do not run.
 */
export const deployTimeFunctions = (template: StackTemplate): Set<string> =>
  new Set(
    Object.values(template.Resources)
      .filter((resource) => resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource')
      .map((resource) => (resource.Properties?.ServiceToken as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0])
      .filter((logicalId): logicalId is string => logicalId !== undefined),
  );

/**
 * Reads every function from the template and imports its handler module. Every function must name
 * its handler module, except those that only serve custom resources.
 */
export const loadFunctions = async (
  template: StackTemplate,
  provisioned: Provisioned,
  runtimeVariables: (logicalId: string) => Record<string, string> = () => ({}),
  observer?: InvocationObserver,
): Promise<Map<string, LocalFunction>> => {
  const resolve = resolver(provisioned.refs, provisioned.attributes);
  const deployTimeOnly = deployTimeFunctions(template);
  const handlers = resourcesOfType(template, 'AWS::Lambda::Function').filter(
    ([logicalId, resource]) => resource.Metadata?.[HANDLER_METADATA] !== undefined || !deployTimeOnly.has(logicalId),
  );
  const definitions = handlers.map(([logicalId, resource]) => {
    const handlerModule = resource.Metadata?.[HANDLER_METADATA];
    if (typeof handlerModule !== 'string') throw new Error(`Function ${logicalId} has no ${HANDLER_METADATA} metadata`);
    const variables = ((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
    const environment = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => {
        const resolved = resolve(value);
        return [name, provisioned.localEquivalents.get(resolved) ?? resolved];
      }),
    );
    return { logicalId, handlerModule, environment, timeoutSeconds: Number(resource.Properties?.Timeout ?? 3) };
  });

  const functions = new Map<string, LocalFunction>();
  for (const definition of definitions) {
    const module = (await import(pathToFileURL(path.join(PROJECT_ROOT, definition.handlerModule)).href)) as { handler: LambdaHandler };
    const environment = Object.freeze({ ...definition.environment });
    // What the function runs in: the stack's variables, and those the runtime adds of its own (on
    // Lambda, AWS_REGION and the like; here, the endpoints that stand for the regional ones).
    const running = Object.freeze({ ...runtimeVariables(definition.logicalId), ...environment });
    const run = (event: unknown) =>
      invoking.run(definition.logicalId, () =>
        inFunctionEnvironment(running, () => module.handler(event, lambdaContext(definition.logicalId, definition.timeoutSeconds))),
      );
    functions.set(definition.logicalId, {
      ...definition,
      environment,
      invoke:
        observer === undefined
          ? run
          : async (event) => {
              observer.started?.(definition.logicalId);
              const start = performance.now();
              try {
                return await run(event);
              } finally {
                observer.invoked(definition.logicalId, performance.now() - start);
              }
            },
    });
  }
  return functions;
};
