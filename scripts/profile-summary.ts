/**
 * `node scripts/profile-summary.ts <file.cpuprofile> [--per N] [--top K]`: where a V8 CPU profile's
 * time went, as self time by function and by part (the service's own code, each library, each
 * local emulator, Node's internals), in ms per unit when `--per` gives how many units (reports)
 * the profile covers. For `npm run bench:load -- --profile <file>`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { per: { type: 'string', default: '1' }, top: { type: 'string', default: '40' } },
});
const [file] = positionals;
if (file === undefined) throw new Error('Usage: node scripts/profile-summary.ts <file.cpuprofile> [--per N] [--top K]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const per = Number(values.per);
const top = Number(values.top);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

/** The part a script belongs to: a package's name, a local emulator's module, the service's layer, or Node. */
const partOf = (url: string): string => {
  if (url === '') return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg !== null) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:internals';
  const own = /\/(functions\/[^/]+|local|scripts|lib)\/([^/]+)/.exec(url);
  if (own !== null) return own[1] === 'local' || own[1] === 'scripts' ? `${own[1]}/${own[2]}` : own[1]!;
  return url;
};

const add = (totals: Map<string, number>, key: string, micros: number) => totals.set(key, (totals.get(key) ?? 0) + micros);
const functions = new Map<string, number>();
const parts = new Map<string, number>();
let idle = 0;
let total = 0;
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  total += micros;
  if (functionName === '(idle)') {
    idle += micros;
    continue;
  }
  add(functions, `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(node_modules|functions|local|scripts|lib)\//, '$1/')}:${lineNumber + 1}`, micros);
  add(parts, partOf(url), micros);
}

// Inclusive: each sample counted once for every part (and every service module) on its stack, so
// that, say, the SDK work a handler asks for is seen under the handler.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { url } = byId.get(at)!.callFrame;
    const own = /\/(functions\/[^/]+\/[^/]+|local\/[^/]+)$/.exec(url);
    for (const key of [partOf(url), ...(own === null ? [] : [own[1]!])]) {
      if (!seen.has(key)) (seen.add(key), add(inclusive, key, micros));
    }
  }
}

const ms = (micros: number) => (micros / 1000 / per).toFixed(3);
const busy = total - idle;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy; ms per unit (÷${per}): busy ${ms(busy)}\n`);
console.log('Self time by part');
for (const [part, micros] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms(micros).padStart(8)}  ${part}`);
console.log('\nSelf time by function');
for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms(micros).padStart(8)}  ${name}`);
console.log('\nInclusive time by part and by service or local module');
for (const [name, micros] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms(micros).padStart(8)}  ${name}`);
