/**
 * The force API: what a force's own systems may do about the reports disseminated to it, through
 * a machine client of the force user pool that names that force, and nothing about any other
 * force's reports (those do not exist for it: 404). Its routes and what each function may touch
 * are the route registry's (lib/route-registry.ts); every function also checks the force's token
 * itself (FORCE_TOKEN_ISSUER, FORCE_CLIENT_IDS). It is an HTTP API of its own, apart from the
 * public and the contact centre's.
 */
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { functionsOf } from '../route-registry.ts';
import type { Stage } from '../stage.ts';
import type { ForceAccess } from './force-access.ts';
import type { ForceQueues } from './force-queues.ts';
import type { ReportingFunction } from './reporting-function.ts';
import { addRoutesOf, routeFunction } from './route-functions.ts';
import { ServiceHttpApi, type Throttle } from './service-http-api.ts';

/** The force API as a whole: 48 forces' systems, each polling its reports a few times a minute. */
export const FORCE_API_THROTTLE: Throttle = { rateLimit: 25, burstLimit: 50 };

export class ForceApi extends Construct {
  /** The force API's own HTTP API: the force routes only, each behind the force systems' authorizer. */
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: { stage: Stage; table: ITable; forceAccess: ForceAccess; forceQueues: ForceQueues }) {
    super(scope, id);
    this.api = new ServiceHttpApi(this, {
      stage: props.stage,
      name: 'force',
      description: "The force API: forces' systems only",
      throttle: FORCE_API_THROTTLE,
    }).api;
    const resources = {
      stage: props.stage,
      table: props.table,
      forceQueues: props.forceQueues,
      bind: (fn: ReportingFunction) => props.forceAccess.bindForceAuthentication(fn),
    };
    for (const spec of functionsOf('force-api')) addRoutesOf(this.api, spec, routeFunction(this, spec, resources), props.forceAccess.authorizer);
  }
}
