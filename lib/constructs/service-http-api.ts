/**
 * An HTTP API of the service, as each of its three is made (the public API, the contact centre's
 * and the force API): its `$default` stage, deployed automatically, with an access log that holds
 * what operators need to run it (time, route, status, latency) and by construction leaves out the
 * source IP, the user agent and every header; a throttle for the whole stage; and, where a route
 * is named, a throttle of its own for that route, so that a flood on one route cannot use up what
 * the others need.
 *
 * API Gateway's throttles count every caller together (they are not per address: that is the
 * WAF's, on the website's CloudFront distribution), and the account's own API Gateway quota
 * (10,000 requests a second in a region) is shared by every API in it.
 */
import { Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type CfnStage, type HttpRoute, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { isProduction, resourcePrefix, type Stage } from '../stage.ts';

/** The access log's fields. Nothing that could identify a reporter may be added here. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
} as const;

/** Requests a second, steady, and how many more at once: API Gateway's token bucket. */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface ServiceHttpApiProps {
  readonly stage: Stage;
  /** `<prefix>-<name>`: the API's name. */
  readonly name: string;
  readonly description: string;
  /** The whole stage's throttle: any route without one of its own has this. */
  readonly throttle: Throttle;
}

/**
 * Made in the scope of the construct that owns the API (its `Api`, `AccessLogs` and `DefaultStage`
 * are that construct's children, so their logical ids are what they were before this class).
 */
export class ServiceHttpApi {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  private readonly routeThrottles = new Map<string, Throttle>();

  constructor(scope: Construct, props: ServiceHttpApiProps) {
    const production = isProduction(props.stage);
    this.api = new HttpApi(scope, 'Api', {
      apiName: `${resourcePrefix(props.stage)}-${props.name}`,
      description: props.description,
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(scope, 'AccessLogs', {
      retention: production ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(scope, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Lazy.any({
      produce: () =>
        this.routeThrottles.size === 0
          ? undefined
          : Object.fromEntries(
              [...this.routeThrottles].map(([key, { rateLimit, burstLimit }]) => [key, { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit }]),
            ),
    });
  }

  /**
   * A throttle of the route's own. The stage waits for the route: API Gateway refuses route
   * settings for a route key the API does not have yet.
   */
  throttleRoute(route: HttpRoute, throttle: Throttle): void {
    const routeKey = routeKeyOf(route);
    if (this.routeThrottles.has(routeKey)) throw new Error(`${routeKey} is throttled twice`);
    this.routeThrottles.set(routeKey, throttle);
    this.stage.node.addDependency(route);
  }
}

/** `POST /reports`, as the route's CloudFormation resource has it. */
export const routeKeyOf = (route: HttpRoute): string => {
  const key = (route.node.defaultChild as { routeKey?: unknown } | undefined)?.routeKey;
  if (typeof key !== 'string') throw new Error(`${route.node.path} has no route key`);
  return key;
};
