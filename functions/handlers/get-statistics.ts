/**
 * GET /stats?force=<id>&from=yyyy-mm&to=yyyy-mm: a force's statistics for a range of months, for
 * anyone, anonymously: contacts by channel, reports passed to the force, investigations opened,
 * passed to other forces, no further action, closed by the contact centre, a row per month and
 * totals. Only the public view: no count below 5 for a force and month, nor a total that would
 * give one away (functions/domain/statistics-view.ts). Bad parameters get a 400 problem whose
 * pointers name the query parameters (`/force`, `/from`, `/to`).
 */
import { statisticsStore, portsFor } from '#adapters/composition-root.ts';
import { problem } from '#adapters/http/problem-catalogue.ts';
import { json, publicQueryRoute, type HttpEvent } from '#adapters/http/routes.ts';
import {
  exactStatistics,
  parseStatisticsQuery,
  publicStatistics,
  STATISTICS_QUERY_PARAMETERS,
  type StatisticsQuery,
} from '#domain/statistics-view.ts';

const statisticsPorts = portsFor({ statistics: statisticsStore });

const queryOrProblem = (parameters: HttpEvent['queryStringParameters']): StatisticsQuery => {
  const result = parseStatisticsQuery(parameters ?? {});
  if (result.kind === 'valid') return result.query;
  throw problem('invalid-statistics-query', {
    detail: `Ask as /stats?force=<force id>&from=<yyyy-mm>&to=<yyyy-mm>. ${result.problems.length === 1 ? 'One parameter needs' : `${result.problems.length} parameters need`} attention.`,
    errors: result.problems.map(({ parameter, detail }) => ({ pointer: `/${parameter}`, detail })),
  });
};

export const handler = publicQueryRoute(STATISTICS_QUERY_PARAMETERS).handler(async (event) => {
  const { force, range } = queryOrProblem(event.queryStringParameters);
  const months = await statisticsPorts().statistics.monthlyCounts(force.id, range);
  return json(200, publicStatistics(exactStatistics(force, range, months)));
});
