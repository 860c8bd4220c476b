/**
 * One catalogue of problems: every refusal of every step becomes a catalogued problem, and no
 * problem type is named anywhere else in the service.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  FOLLOW_UP_REFUSALS,
  FORCE_REFUSALS,
  PROBLEM_CATALOGUE,
  problem,
  problemType,
  REPORTER_REFUSALS,
  LINK_REFUSALS,
  REVIEW_REFUSALS,
  stepDoneOrProblem,
  type ProblemName,
} from '../../functions/adapters/http/problem-catalogue.ts';
import { Problem } from '../../functions/adapters/http/problem.ts';
import { done, refused } from '../../functions/domain/entities/step-result.ts';
import { ConcurrentChange } from '../../functions/domain/ports.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';

const sources = (folder: string): string[] =>
  readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));

describe('the problem catalogue', () => {
  it('is the only place a problem type is named, in functions/, lib/ and local/', () => {
    const naming = [...sources('functions'), ...sources('lib'), ...sources('local')].filter(
      (file) => file !== path.join('functions', 'adapters', 'http', 'problem-catalogue.ts') && /['"`]\/problems\//.test(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')),
    );
    assert.deepEqual(naming, []);
  });

  it('gives each name its status, type and title; names that share a type share its status', () => {
    const statusOfType = new Map<string, number>();
    for (const name of Object.keys(PROBLEM_CATALOGUE) as ProblemName[]) {
      const made = problem(name, { detail: 'd' });
      assert.equal(made.body.type, problemType(name));
      assert.match(made.body.type, /^\/problems\/[a-z-]+$/);
      assert.equal(made.status, PROBLEM_CATALOGUE[name].status);
      assert.equal(made.body.detail, 'd');
      const seen = statusOfType.get(made.body.type);
      assert.ok(seen === undefined || seen === made.status, `${made.body.type} has two statuses`);
      statusOfType.set(made.body.type, made.status);
    }
  });

  it('is listed in the published OpenAPI document, every entry', () => {
    const published = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'schemas/openapi.json'), 'utf8')) as { 'x-problem-types': { type: string; title: string; status: number }[] };
    for (const name of Object.keys(PROBLEM_CATALOGUE) as ProblemName[]) {
      const { title, status } = PROBLEM_CATALOGUE[name];
      assert.ok(
        published['x-problem-types'].some((entry) => entry.type === problemType(name) && entry.title === title && entry.status === status),
        `${name} is not in schemas/openapi.json: npm run schemas`,
      );
    }
  });

  it('turns every refusal of every step into a problem with a status of 4xx', () => {
    const examples = {
      review: [
        { kind: 'not-found' },
        { kind: 'not-awaiting-review', status: 'approved' },
        { kind: 'not-sanitised' },
        { kind: 'no-force-chosen' },
        { kind: 'own-sanitisation' },
        { kind: 'own-change' },
        { kind: 'no-closure-proposed' },
        { kind: 'own-proposal' },
        { kind: 'protected-unit', force: 'Kent Police' },
        { kind: 'unknown-force', typed: 'Gotham' },
        { kind: 'same-force-twice', force: 'Kent Police' },
        { kind: 'foreign-reference', references: ['FR-AAAA-BBBB-CCCC'] },
        { kind: 'no-held-reports' },
      ],
      link: [{ kind: 'not-found' }, { kind: 'same-report' }, { kind: 'not-suggested' }],
      force: [{ kind: 'not-found' }, { kind: 'passed-on', to: 'kent' }, { kind: 'not-allowed', from: 'closed', to: 'routed' }, { kind: 'unknown-force', typed: 'x' }, { kind: 'same-force' }],
      followUp: [{ kind: 'not-found' }, { kind: 'wrong-state', status: 'relayed' }, { kind: 'not-sanitised' }, { kind: 'own-sanitisation' }, { kind: 'protected-unit' }, { kind: 'foreign-reference', references: ['PAC-7K3M-9QXD'] }],
    } as const;
    const tables = { review: REVIEW_REFUSALS, link: LINK_REFUSALS, force: FORCE_REFUSALS, followUp: FOLLOW_UP_REFUSALS } as const;
    for (const [step, refusals] of Object.entries(examples) as [keyof typeof examples, readonly { kind: string }[]][]) {
      const table = tables[step] as Record<string, (refusal: never) => Problem>;
      assert.deepEqual(Object.keys(table).sort(), refusals.map((r) => r.kind).sort(), `${step}: every refusal kind, and only those`);
      for (const refusal of refusals) {
        const made = table[refusal.kind]!(refusal as never);
        assert.ok(made instanceof Problem);
        assert.ok(made.status >= 400 && made.status < 500, `${step} ${refusal.kind}: ${made.status}`);
      }
    }
    assert.equal(REPORTER_REFUSALS['wrong-state']({ kind: 'wrong-state', status: 'received' }).body.type, '/problems/not-yet-recorded');
    assert.equal(REPORTER_REFUSALS['wrong-state']({ kind: 'wrong-state', status: 'answered' }).body.type, '/problems/already-answered');
  });

  it('answers a step with its value, its refusal with the problem, and a concurrent change with 409 /problems/changed', async () => {
    assert.equal(await stepDoneOrProblem(async () => done(7), FORCE_REFUSALS), 7);
    await assert.rejects(stepDoneOrProblem(async () => refused({ kind: 'same-force' } as const), FORCE_REFUSALS), (error: Problem) => error.body.type === '/problems/same-force');
    await assert.rejects(
      stepDoneOrProblem(async () => {
        throw new ConcurrentChange('changed');
      }, FORCE_REFUSALS),
      (error: Problem) => error.status === 409 && error.body.type === '/problems/changed',
    );
  });
});
