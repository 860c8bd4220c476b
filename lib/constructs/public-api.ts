/**
 * The public API: an HTTP API whose public routes take reports in and let reporters follow them
 * up with their reference and follow-up code (the website's pages among them), and the published
 * statistics (lib/constructs/statistics-api.ts). Only public routes are on it: the contact
 * centre's and the forces' are on APIs of their own. Its access log holds what operators need to
 * run it (time, route, status, latency) and by construction leaves out the source IP, user agent
 * and every header (lib/constructs/service-http-api.ts). Each route has a throttle of its own.
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionsOf, type RouteFunction } from '../route-registry.ts';
import type { Stage } from '../stage.ts';
import type { SealingKey } from './sealing-key.ts';
import type { Paging } from './paging.ts';
import type { ReportingFunction } from './reporting-function.ts';
import { addRoutesOf, routeFunction } from './route-functions.ts';
import { routeKeyOf, ServiceHttpApi, type Throttle } from './service-http-api.ts';
import { CloudFrontOriginSecret } from './cloudfront-origin-secret.ts';

export { ACCESS_LOG_FIELDS } from './service-http-api.ts';

/** The public API's stage as a whole: what a public route without a throttle of its own would get (none has). */
export const PUBLIC_STAGE_THROTTLE: Throttle = { rateLimit: 200, burstLimit: 400 };

// A route's throttle is shared by every caller: set low, a few hundred addresses each within the
// firewall's per-address limit (50 POSTs in 5 minutes) could keep it empty and refuse every
// genuine reporter. So each is set well above what that many addresses can send, and bounds cost.
const SUBMIT: Throttle & { why: string } = {
  rateLimit: 50,
  burstLimit: 100,
  why: 'A few hundred reports a day: far above need, and above what hundreds of addresses within the firewall limit can send, so a flood cannot shut genuine reporters out; still caps what the intake queue and router are made to do.',
};
const CODE: Throttle & { why: string } = {
  rateLimit: 20,
  burstLimit: 40,
  why: "Takes a reference and follow-up code (one scrypt each): guessing is held by each reference's lockout after ten wrong codes and the firewall's per-address limit; this caps the CPU a flood costs without letting a few addresses shut reporters out.",
};
const PAGE: Throttle & { why: string } = {
  rateLimit: 100,
  burstLimit: 200,
  why: 'A page to read, no table access: read far more often than it is sent.',
};

/**
 * Each public route's throttle, by route key: every public route of the route registry has one
 * (the stack fails to build otherwise). README.md "## Deploy" has the same table.
 */
export const PUBLIC_ROUTE_THROTTLES: Readonly<Record<string, Throttle & { readonly why: string }>> = {
  'POST /reports': SUBMIT,
  'POST /report': SUBMIT,
  'GET /report': PAGE,
  'POST /reports/{reference}/follow-up': CODE,
  'POST /reports/{reference}/answers': CODE,
  'POST /reports/{reference}/information': CODE,
  'GET /follow-up': PAGE,
  'POST /follow-up': CODE,
  'POST /follow-up/answer': CODE,
  'POST /follow-up/information': CODE,
  // The same pages in Welsh: the same throttles.
  'POST /cy/report': SUBMIT,
  'GET /cy/report': PAGE,
  'GET /cy/follow-up': PAGE,
  'POST /cy/follow-up': CODE,
  'POST /cy/follow-up/answer': CODE,
  'POST /cy/follow-up/information': CODE,
  'GET /stats': {
    rateLimit: 60,
    burstLimit: 120,
    why: 'Published figures, one small query each; researchers may script it, and it must not crowd out reports.',
  },
};

export class PublicApi extends Construct {
  readonly api: HttpApi;
  /** What CloudFront sends the API and every public function checks (functions/adapters/http/cloudfront-origin.ts). */
  readonly originSecret: CloudFrontOriginSecret;
  private readonly httpApi: ServiceHttpApi;
  readonly submitReport: ReportingFunction;

  constructor(scope: Construct, id: string, props: { stage: Stage; table: ITable; intakeQueue: IQueue; originalsKey: SealingKey; intakeKey: SealingKey; followUpCodeKey: SealingKey; paging: Paging }) {
    super(scope, id);
    // Every public function the route registry (lib/route-registry.ts) gives this API: those that
    // take reports in (the API's and the website form's) and those that open reports with a
    // follow-up code and may seal what the reporter writes (the API's and the website's pages).
    this.originSecret = new CloudFrontOriginSecret(this, 'CloudFrontOrigin', { stage: props.stage });
    const functions = functionsOf('public-api').map((spec) => ({
      spec,
      fn: routeFunction(this, spec, {
        stage: props.stage,
        table: props.table,
        intakeQueue: props.intakeQueue,
        originalsKey: props.originalsKey,
        intakeKey: props.intakeKey,
        followUpCodeKey: props.followUpCodeKey,
        environment: this.originSecret.functionEnvironment,
      }),
    }));
    this.submitReport = functions.find(({ spec }) => spec.name === 'SubmitReport')!.fn;

    this.httpApi = new ServiceHttpApi(this, {
      stage: props.stage,
      name: 'public',
      description: 'The public reporting API',
      throttle: PUBLIC_STAGE_THROTTLE,
    });
    this.api = this.httpApi.api;
    for (const { spec, fn } of functions) this.addPublicRoutes(spec, fn);

    props.paging.page(
      this,
      'SubmitErrorsAlarm',
      'Reports are being refused with server errors: the public cannot report.',
      this.submitReport.metricErrors({ period: Duration.minutes(5) }),
      1,
    );
  }

  /** A public function's routes on this API, each with its own throttle from PUBLIC_ROUTE_THROTTLES. */
  addPublicRoutes(spec: RouteFunction, fn: ReportingFunction): void {
    for (const route of addRoutesOf(this.api, spec, fn)) {
      const key = routeKeyOf(route);
      const throttle = PUBLIC_ROUTE_THROTTLES[key];
      if (throttle === undefined) throw new Error(`${key}: every public route needs its own throttle in PUBLIC_ROUTE_THROTTLES`);
      this.httpApi.throttleRoute(route, { rateLimit: throttle.rateLimit, burstLimit: throttle.burstLimit });
    }
  }
}
