/**
 * How a construct turns an entry of the route registry (lib/route-registry.ts) into a function,
 * exactly the grants the entry names, and its routes on the HTTP API: one way for every capability,
 * so what the registry says a function may touch is what it is granted.
 */
import { Validations } from 'aws-cdk-lib';
import { HttpMethod, type HttpApi, type HttpRoute, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionDescription, handlerModuleOf, type RouteFunction } from '../route-registry.ts';
import type { Stage } from '../stage.ts';
import type { ForceQueues } from './force-queues.ts';
import type { SealingKey } from './sealing-key.ts';
import { ReportingFunction } from './reporting-function.ts';
import { variableOf } from '../../functions/configuration/settings.ts';

/** What a construct has to grant from: only what its functions' entries may ask for need be given. */
export interface RouteResources {
  readonly stage: Stage;
  readonly table: ITable;
  readonly intakeQueue?: IQueue;
  readonly originalsKey?: SealingKey;
  readonly intakeKey?: SealingKey;
  readonly followUpCodeKey?: SealingKey;
  readonly forceQueues?: ForceQueues;
  /** Environment every function of the construct is made with (a staff issuer, say). */
  readonly environment?: Record<string, string>;
  /** What the construct adds to each function once its table is bound (a force's token check, say). */
  readonly bind?: (fn: ReportingFunction) => void;
}

const needed = <T>(value: T | undefined, what: string, spec: RouteFunction): T => {
  if (value === undefined) throw new Error(`${spec.name} needs ${what}, which its construct was not given`);
  return value;
};

/** The function of a registry entry, granted exactly the access the entry names. */
export const routeFunction = (scope: Construct, spec: RouteFunction, resources: RouteResources): ReportingFunction => {
  const { access } = spec;
  const fn = new ReportingFunction(scope, spec.name, {
    stage: resources.stage,
    handlerModule: handlerModuleOf(spec),
    description: functionDescription(spec),
    ...(spec.memorySize === undefined ? {} : { memorySize: spec.memorySize }),
    ...(resources.environment === undefined ? {} : { environment: resources.environment }),
  });
  fn.bindTable(resources.table);
  resources.bind?.(fn);
  if (access.originals !== undefined) {
    const key = needed(resources.originalsKey, 'the originals key', spec);
    fn.addEnvironment(variableOf('originalsKeyId'), key.key.keyArn);
    if (access.originals === 'open') key.grantOpen(fn);
    else key.grantSeal(fn);
  }
  if (access.intake === true) {
    const queue = needed(resources.intakeQueue, 'the intake queue', spec);
    fn.addEnvironment(variableOf('intakeQueueUrl'), queue.queueUrl);
    queue.grantSendMessages(fn);
    // What it queues is sealed for the router alone.
    const key = needed(resources.intakeKey, 'the intake key', spec);
    fn.addEnvironment(variableOf('intakeKeyId'), key.key.keyArn);
    key.grantSeal(fn);
  }
  if (access.followUpCodes !== undefined) {
    const key = needed(resources.followUpCodeKey, 'the follow-up code key', spec);
    fn.addEnvironment(variableOf('followUpCodeKeyId'), key.key.keyArn);
    key.grantOpen(fn);
    if (access.followUpCodes === 'issue') key.grantSeal(fn);
  }
  if (access.disseminates === true) {
    const queues = needed(resources.forceQueues, "the forces' queues", spec);
    fn.addEnvironment(variableOf('reportQueueNameTemplate'), queues.queueNameTemplate);
    queues.grantDisseminate(fn);
  }
  return fn;
};

/**
 * The entry's routes on the API, all integrated with its one function: with the authorizer for
 * staff and force routes, and with none (acknowledged to cdk-nag with the entry's reason) for
 * public ones. Returns them, for the API's construct to throttle.
 */
export const addRoutesOf = (api: HttpApi, spec: RouteFunction, fn: ReportingFunction, authorizer?: IHttpRouteAuthorizer): HttpRoute[] => {
  const isPublic = spec.audience.kind === 'public';
  if (isPublic !== (authorizer === undefined)) {
    throw new Error(`${spec.name}: ${isPublic ? 'a public route takes no authorizer' : `a ${spec.audience.kind} route needs its authorizer`}`);
  }
  const integration = new HttpLambdaIntegration(`${spec.name}Integration`, fn);
  return spec.routes.map((route) => {
    const [added] = api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration,
      ...(authorizer === undefined ? {} : { authorizer }),
    });
    if (spec.audience.kind === 'public') Validations.of(added!).acknowledge({ id: 'AwsSolutions-APIG4', reason: spec.audience.why });
    return added!;
  });
};
