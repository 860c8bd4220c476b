/**
 * Local scheduled functions: each EventBridge rule of the template with a rate schedule
 * (`AWS::Events::Rule`, `ScheduleExpression: rate(<n> <unit>)`, enabled) invokes the functions it
 * targets at that rate, with the event EventBridge sends them ("Scheduled Event"), as the SQS
 * event sources (local/sqs-event-source.ts) are read from the template's mappings. The first run
 * is one period after start, as on AWS. A run still going when the next is due is not overlapped:
 * the next waits for the following period. What the stack does not use is refused at start-up,
 * loudly, rather than silently never run: cron expressions, rules with event patterns that target
 * a function, and EventBridge Scheduler (`AWS::Scheduler::Schedule`).
 */
import { randomUUID } from 'node:crypto';
import type { LocalFunction } from './lambda-runtime.ts';
import { resourcesOfType, type StackTemplate } from './stack-template.ts';

export interface ScheduledInvocation {
  /** The rule's logical id. */
  readonly rule: string;
  readonly everyMs: number;
  /** The logical id of the function it invokes. */
  readonly functionId: string;
}

const UNITS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** `rate(1 minute)`, `rate(15 minutes)`, `rate(2 hours)` in milliseconds; undefined for anything else (a cron expression). */
export const rateMs = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (match === null) return undefined;
  const [, count, unit] = match;
  // As EventBridge: 1 takes the singular, more the plural.
  if ((Number(count) === 1) !== !unit!.endsWith('s')) return undefined;
  return Number(count) * UNITS[unit!]!;
};

/**
 * Every function the template's schedules invoke, and how often. `functionOf` turns a target's
 * ARN (as the template gives it) into a function's logical id, or undefined for a target that is
 * not one of the stack's functions.
 */
export const scheduledInvocations = (template: StackTemplate, functionOf: (arn: unknown) => string | undefined): ScheduledInvocation[] => {
  const [scheduler] = resourcesOfType(template, 'AWS::Scheduler::Schedule');
  if (scheduler !== undefined) throw new Error(`Schedule ${scheduler[0]}: the local runtime runs EventBridge rules with rate(...) schedules, not EventBridge Scheduler`);
  return resourcesOfType(template, 'AWS::Events::Rule').flatMap(([rule, { Properties: p = {} }]) => {
    const functionIds = ((p.Targets as { Arn?: unknown }[] | undefined) ?? []).map((target) => functionOf(target.Arn)).filter((id) => id !== undefined);
    if (functionIds.length === 0 || p.State === 'DISABLED') return [];
    if (p.ScheduleExpression === undefined) throw new Error(`Rule ${rule} invokes a function on events, which the local runtime does not emulate`);
    const everyMs = rateMs(String(p.ScheduleExpression));
    if (everyMs === undefined) throw new Error(`Rule ${rule}: the local runtime runs rate(...) schedules only, not ${String(p.ScheduleExpression)}`);
    return functionIds.map((functionId) => ({ rule, everyMs, functionId }));
  });
};

/** The event EventBridge gives a function a schedule invokes. */
export const scheduledEvent = (rule: string, region: string, at: Date) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region,
  resources: [`arn:aws:events:${region}:000000000000:rule/${rule}`],
  detail: {},
});

export interface Schedule {
  stop(): Promise<void>;
}

/** Invokes the function every period until stopped; a failed run is reported and the schedule goes on, as on AWS. */
export const startSchedule = (invocation: ScheduledInvocation, target: Pick<LocalFunction, 'invoke'>, region: string): Schedule => {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = target
      .invoke(scheduledEvent(invocation.rule, region, new Date()))
      .then(
        () => undefined,
        (error: unknown) => console.error(`Scheduled run of ${invocation.functionId} (rule ${invocation.rule}) failed:`, (error as Error).message),
      )
      .finally(() => {
        running = undefined;
      });
  }, invocation.everyMs);
  // A schedule alone does not keep the process alive.
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
