/**
 * The statistics API: `GET /stats` on the public API, for anyone, with no authorizer (the figures
 * are published, and suppressed below 5 per force and month by the function). Its function shares
 * the report table with everything else but may read nothing in it except the statistics items:
 * its only permission is `dynamodb:Query` on the table, for partition keys starting `STATS#`
 * (`table: 'statistics'` in the route registry, lib/route-registry.ts). A public, anonymous
 * function that could read a report would be one bug away from publishing it.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { functionsOf } from '../route-registry.ts';
import type { Stage } from '../stage.ts';
import type { ReportingFunction } from './reporting-function.ts';
import type { PublicApi } from './public-api.ts';
import { routeFunction } from './route-functions.ts';


export interface StatisticsApiProps {
  readonly stage: Stage;
  /** The public API, whose route it is (with its own throttle). */
  readonly publicApi: Pick<PublicApi, 'addPublicRoutes' | 'originSecret'>;
  readonly table: ITable;
}

export class StatisticsApi extends Construct {
  readonly getStatistics: ReportingFunction;

  constructor(scope: Construct, id: string, props: StatisticsApiProps) {
    super(scope, id);
    const [spec, ...more] = functionsOf('statistics-api');
    if (spec === undefined || more.length > 0) throw new Error('The route registry must give the statistics API exactly one function');
    this.getStatistics = routeFunction(this, spec, { stage: props.stage, table: props.table, environment: props.publicApi.originSecret.functionEnvironment });
    props.publicApi.addPublicRoutes(spec, this.getStatistics);
  }
}
