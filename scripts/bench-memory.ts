/**
 * `npm run bench` (part of the chain): the Lambda memory of the submitting and follow-up functions,
 * chosen from a measured curve. A MODEL FROM THIS MACHINE, NOT LAMBDA MEASUREMENTS.
 *
 * Lambda allocates CPU in proportion to the memory configured: "At 1,769 MB, a function has the
 * equivalent of one vCPU (one vCPU-second of credits per second)" (AWS Lambda Developer Guide,
 * "Configure Lambda function memory", docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
 * So for each function this measures, per request, warm, on the local stack:
 *
 * - the CPU time the function's own work takes (its handler, its SDK clients, and the work it hands
 *   to libuv's thread pool, such as scrypt): the function runs in a worker thread of its own, and
 *   its CPU is this process's CPU less the main thread's, where the emulators, the local IAM check
 *   and the gateway run; DynamoDB Local is another process and not counted;
 * - the time it waits on I/O: its wall time less its CPU time (here, the emulators' answers).
 *
 * and models its duration at each memory setting as CPU ÷ vCPU share + wait, where the share is
 * memory ÷ 1,769 MB, capped at one vCPU because the function's work runs on one thread at a time.
 * Memory does not shorten the wait. One vCPU of Lambda is taken to be one core of this machine
 * (Lambda's arm64 cores are not this machine's), and the wait is the local emulators', not AWS's.
 * Billed duration is rounded up to the millisecond; cost per million requests at arm64 prices.
 *
 * The memory chosen is the cheapest setting whose modelled median stays within the stated bound.
 * The bound is on what the CPU share adds to a request (CPU ÷ share), the one part of the latency
 * memory decides: the wait measured here is the emulators' on a shared machine (tens of ms, and
 * noisy), not AWS's, and no memory setting changes it. Cold starts are not modelled: a function's
 * import (`npm run bench`, about 100 ms of CPU here) may take longer at a small share.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { percentile } from './bench-figures.ts';
import { PRICES } from './bench-cost.ts';
import { FOLLOW_UP_MEMORY, SUBMITTING_MEMORY } from '../lib/route-registry.ts';

/** The memory settings the curve covers, MB. */
export const MEMORY_SETTINGS = [128, 256, 512, 768, 1024, 1280, 1536, 1769, 2048, 3008] as const;
/** Lambda's one vCPU, MB (AWS Lambda Developer Guide, as above). */
export const ONE_VCPU_MB = 1769;

/** What one measured request took: its CPU time and its wall time, milliseconds. */
interface Measured {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly status: number;
}

/** The modelled duration of a request of `cpuMs` CPU and `waitMs` wait, at `memoryMb`. */
export const modelledMs = (cpuMs: number, waitMs: number, memoryMb: number): number => cpuMs / (Math.min(memoryMb, ONE_VCPU_MB) / ONE_VCPU_MB) + waitMs;

/** Cost per million requests, USD, at arm64 prices: each request, and its billed duration (rounded up to the ms) at `memoryMb`. */
export const usdPerMillion = (durationMs: number, memoryMb: number): number =>
  1e6 * (PRICES.lambdaRequest.usd + (Math.ceil(durationMs) / 1000) * (memoryMb / 1024) * PRICES.lambdaArmGbSecond.usd);

/**
 * The cheapest setting whose modelled duration is within the wait plus the bound, that is, whose
 * CPU ÷ share is at most `boundMs` (the smallest, if cost ties).
 */
export const chosenMemory = (cpuMs: number, waitMs: number, boundMs: number): number | undefined => {
  const within = MEMORY_SETTINGS.filter((memory) => modelledMs(cpuMs, waitMs, memory) <= waitMs + boundMs);
  return within.sort((a, b) => usdPerMillion(modelledMs(cpuMs, waitMs, a), a) - usdPerMillion(modelledMs(cpuMs, waitMs, b), b) || a - b)[0];
};

interface WorkItem {
  readonly name: string;
  readonly logicalId: string;
  readonly handlerModule: string;
  /** The function's environment as it runs: the stack's variables and the runtime's endpoint. */
  readonly environment: Record<string, string>;
  readonly event: APIGatewayProxyEventV2;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARM_UP = 10;

if (!isMainThread) {
  // The worker: runs each function's handler module here, as Lambda runs it, one request at a time.
  const { items, projectRoot } = workerData as { items: WorkItem[]; projectRoot: string };
  const { inFunctionEnvironment } = await import('../functions/configuration/function-environment.ts');
  const { lambdaContext } = await import('../local/lambda-runtime.ts');
  const port = parentPort!;
  /** The main thread's CPU so far, microseconds: asked for, so that its share of the process's is taken off. */
  const mainThreadCpu = () =>
    new Promise<number>((resolve) => {
      port.once('message', (cpu: number) => resolve(cpu));
      port.postMessage({ kind: 'main-cpu' });
    });
  const results: Record<string, Measured[]> = {};
  for (const item of items) {
    const { handler } = (await import(pathToFileURL(path.join(projectRoot, item.handlerModule)).href)) as {
      handler: (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
    };
    const measured: Measured[] = [];
    for (let run = 0; run < WARM_UP + RUNS; run++) {
      const mainBefore = await mainThreadCpu();
      const { user, system } = process.cpuUsage();
      const started = performance.now();
      const answer = await inFunctionEnvironment(item.environment, () => handler(structuredClone(item.event), lambdaContext(item.logicalId, 30)));
      const wallMs = performance.now() - started;
      const used = process.cpuUsage({ user, system });
      const mainUsed = (await mainThreadCpu()) - mainBefore;
      if (run >= WARM_UP) measured.push({ cpuMs: Math.max(0, used.user + used.system - mainUsed) / 1000, wallMs, status: answer.statusCode ?? 200 });
    }
    results[item.name] = measured;
  }
  port.postMessage({ kind: 'done', results });
} else if (import.meta.main) {
  const { startLocalStack } = await import('../local/stack.ts');
  const { PROJECT_ROOT } = await import('../lib/project-layout.ts');
  // The functions' own JSON log lines would bury the figures: kept out unless SHOW_FUNCTION_LOGS is set.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    process.env.SHOW_FUNCTION_LOGS === undefined && String(chunk).startsWith('{"level"') ? true : (write as (...args: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;

  /**
   * The submitting function and the follow-up functions, each with its bound on what the CPU share
   * may add to a reporter's wait after pressing send: 100 ms for a report; 250 ms for a follow-up,
   * whose every check runs a deliberate scrypt (about 80 ms of a core here).
   */
  const FUNCTIONS = [
    { name: 'submit-report', handler: 'submit-report', boundMs: 100, sets: 'SubmitReport and ReportForm (the same intake and keyed code; the form adds a page)' },
    { name: 'open-report', handler: 'open-report', boundMs: 250, sets: 'OpenReport, AnswerQuestion, AddInformation, FollowUpPages (each checks a code: one scrypt)' },
    { name: 'add-information', handler: 'add-information', boundMs: 250, sets: '(as open-report)' },
  ] as const;

  const stack = await startLocalStack({ review: 'off', schedules: 'off' });
  try {
    type Invocable = { handlerModule: string; environment: Record<string, string>; invoke(event: unknown): Promise<unknown> };
    const byHandler = (handler: string) => {
      const found = [...stack.functions].find(([, f]) => f.handlerModule.endsWith(`/handlers/${handler}.ts`));
      if (found === undefined) throw new Error(`No function runs ${handler}`);
      return { logicalId: found[0], fn: found[1] as Invocable };
    };
    // Each function's event as the gateway makes it (with CloudFront's origin headers), caught on a real request.
    const caught = new Map<string, APIGatewayProxyEventV2>();
    for (const { handler } of FUNCTIONS) {
      const { fn } = byHandler(handler);
      const invoke = fn.invoke.bind(fn);
      fn.invoke = async (event) => {
        if (!caught.has(handler)) caught.set(handler, structuredClone(event) as APIGatewayProxyEventV2);
        return invoke(event);
      };
    }
    const post = async (urlPath: string, body: unknown) => {
      const answer = await fetch(`${stack.apiUrl}${urlPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    };
    const receipt = await post('/reports', { categories: ['bribery'], force: 'Kent', narrative: 'An officer asked me for money to drop a speeding ticket.' });
    const reference = String(receipt.body.reference);
    const code = String(receipt.body.followUpCode);
    await post(`/reports/${reference}/follow-up`, { code });
    // Information is taken once the report is recorded (409 before): wait for the router.
    for (let tries = 0; tries < 100 && (await post(`/reports/${reference}/information`, { code, information: 'The officer wore a fluorescent jacket.' })).status === 409; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const items: WorkItem[] = FUNCTIONS.map(({ name, handler }) => {
      const { logicalId, fn } = byHandler(handler);
      const event = caught.get(handler);
      if (event === undefined) throw new Error(`No request reached ${handler}`);
      return {
        name,
        logicalId,
        handlerModule: fn.handlerModule,
        environment: { AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbGuard.endpointFor(logicalId), ...fn.environment },
        event,
      };
    });

    const worker = new Worker(new URL(import.meta.url), { workerData: { items, projectRoot: PROJECT_ROOT } });
    const results = await new Promise<Record<string, Measured[]>>((resolve, reject) => {
      worker.on('message', (message: { kind: 'main-cpu' } | { kind: 'done'; results: Record<string, Measured[]> }) => {
        if (message.kind === 'main-cpu') {
          const { user, system } = process.threadCpuUsage();
          worker.postMessage(user + system);
        } else resolve(message.results);
      });
      worker.on('error', reject);
    });
    await worker.terminate();

    const median = (values: number[]) => percentile(values, 0.5);
    const usd = (value: number) => `$${value.toFixed(2)}`;
    console.log(`\nLambda memory from a measured curve: a MODEL FROM THIS MACHINE, NOT LAMBDA MEASUREMENTS (${RUNS} warm requests each, medians)\n`);
    console.log(`CPU share = memory / ${ONE_VCPU_MB} MB (one vCPU, AWS's figure), at most one; duration = CPU / share + wait; arm64 ${PRICES.lambdaArmGbSecond.stated} and ${PRICES.lambdaRequest.stated}.`);
    console.log("One vCPU taken as one core of this shared machine; the wait is the local emulators', not AWS's.\n");
    const chosen: Record<string, number | undefined> = {};
    for (const { name, boundMs, sets } of FUNCTIONS) {
      const measured = results[name] ?? [];
      const statuses = [...new Set(measured.map((m) => m.status))].join(', ');
      const cpuMs = median(measured.map((m) => m.cpuMs));
      const waitMs = median(measured.map((m) => Math.max(0, m.wallMs - m.cpuMs)));
      const choice = chosenMemory(cpuMs, waitMs, boundMs);
      chosen[name] = choice;
      console.log(`${name} (answered ${statuses}): CPU ${cpuMs.toFixed(1)} ms, wait ${waitMs.toFixed(1)} ms, wall ${median(measured.map((m) => m.wallMs)).toFixed(1)} ms here; bound: CPU ÷ share at most ${boundMs} ms, so modelled at most ${(waitMs + boundMs).toFixed(0)} ms`);
      console.log('| memory MB | vCPU share | modelled ms | cost per million |');
      console.log('|---|---|---|---|');
      for (const memory of MEMORY_SETTINGS) {
        const ms = modelledMs(cpuMs, waitMs, memory);
        console.log(`| ${memory}${memory === choice ? ' (chosen)' : ''} | ${(Math.min(memory, ONE_VCPU_MB) / ONE_VCPU_MB).toFixed(2)} | ${ms.toFixed(0)} | ${usd(usdPerMillion(ms, memory))} |`);
      }
      console.log(`chosen: ${choice === undefined ? `none within ${boundMs} ms` : `${choice} MB`}, for ${sets}\n`);
    }
    const [submitting, following] = [chosen['submit-report'], Math.max(chosen['open-report'] ?? 0, chosen['add-information'] ?? 0)];
    console.log(`Set in lib/route-registry.ts: SUBMITTING_MEMORY ${SUBMITTING_MEMORY} MB (the curve chose ${submitting ?? 'none'}), FOLLOW_UP_MEMORY ${FOLLOW_UP_MEMORY} MB (the curve chose ${following || 'none'}).`);
    if (submitting !== SUBMITTING_MEMORY || following !== FOLLOW_UP_MEMORY) {
      console.log('This run chose differently from what the stack sets: on a shared machine, run it again before changing the stack.');
    }
  } finally {
    await stack.stop();
  }
}
