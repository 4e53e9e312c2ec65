import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ClaimsQueries } from '../../src/claims/read-model/claims.queries.js';
import { importBundle } from '../../src/import/bundle-importer.js';
import { InvalidBundleError, type ImportProblem } from '../../src/import/import-problem.js';
import type { JsonObject } from '../../src/import/json-schema.js';
import { ReadModelEnv } from '../support/read-model-env.js';
import { demoBundle, IMPORTER, itemOf, projectedReadModel } from './support.js';

/**
 * A counterpoint's thread in a bundle (docs/bundle-format.md): replayed entry by entry through the same
 * commands as the API, so each entry meets the rule of its command for the importing actor.
 */

const problemsOf = async (promise: Promise<unknown>): Promise<readonly ImportProblem[]> => {
  const error = await promise.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  if (!(error instanceof InvalidBundleError))
    throw new Error(`expected InvalidBundleError, got ${String(error)}`);
  return error.problems;
};

const ANSWERED = 4; // cpt-communique-boilerplate, ANSWERED in the demo bundle
const DISMISSED = 7; // cpt-turkish-vantage

/** The demo bundle with counterpoint `index` rebutted: its resolution replaced by a thread. */
const rebutted = (index: number, thread: readonly JsonObject[]): JsonObject => {
  const bundle = demoBundle();
  const counterpoint = itemOf(bundle, 'counterpoints', index);
  delete counterpoint['resolution'];
  counterpoint['thread'] = [...thread];
  return bundle;
};

const answer = (text: string): JsonObject => ({ kind: 'ANSWER', text });
const rebuttal = (text: string, reason: string): JsonObject => ({ kind: 'REBUTTAL', text, reason });

describe('importing counterpoint threads', () => {
  let env: ReadModelEnv;
  beforeEach(() => {
    env = new ReadModelEnv();
  });
  afterEach(() => env.close());

  it('replays a thread in order: a reopened counterpoint comes back OPEN, with every entry', async () => {
    const thread = [
      answer('The roadmap names dates and bodies'),
      rebuttal('Dates without budgets are boilerplate too', 'The answer does not address funding'),
    ];
    const summary = await importBundle(env.store, rebutted(ANSWERED, thread), { actor: IMPORTER });
    expect(summary.byKind.resolution).toEqual({ created: 5, present: 0 });
    const db = await projectedReadModel(env);
    const counterpointId = summary.ids.get('cpt-communique-boilerplate')!;
    const row = db.prepare('SELECT state, response FROM counterpoints WHERE id = ?').get(counterpointId);
    expect(row).toEqual({ state: 'OPEN', response: null });
    expect(new ClaimsQueries(db).threadsFor([counterpointId]).get(counterpointId)).toEqual([
      expect.objectContaining({ kind: 'ANSWER', text: 'The roadmap names dates and bodies', reason: null }),
      expect.objectContaining({
        kind: 'REBUTTAL',
        text: 'Dates without budgets are boilerplate too',
        reason: 'The answer does not address funding',
        by: IMPORTER,
      }),
    ]);
  });

  it('lets an ANALYST import an answer and its rebuttal (the importer raised the counterpoint), but not a dismissal', async () => {
    const analyst = { id: 'desk', role: 'ANALYST' } as const;
    const bundle = rebutted(ANSWERED, [
      answer('The roadmap names dates'),
      rebuttal('No budgets', 'Unfunded'),
    ]);
    delete itemOf(bundle, 'counterpoints', DISMISSED)['resolution'];
    itemOf(bundle, 'counterpoints', DISMISSED)['thread'] = [
      { kind: 'DISMISSAL', text: 'Off the topic of the summit' },
    ];
    bundle['assessments'] = [];
    const problems = await problemsOf(importBundle(env.store, bundle, { actor: analyst }));
    expect(problems).toEqual([
      {
        path: `$.counterpoints[${DISMISSED}].thread[0]`,
        message: expect.stringMatching(
          /dismissal is editorial\) needs the EDITOR role or higher; desk is ANALYST$/,
        ),
      },
    ]);
    expect(await env.store.headPosition()).toBe(0n);
  });

  it('reports an entry its state does not allow, at its path, and writes nothing', async () => {
    const bundle = rebutted(ANSWERED, [answer('Dates and bodies'), answer('And a secretariat')]);
    expect(await problemsOf(importBundle(env.store, bundle, { actor: IMPORTER }))).toEqual([
      {
        path: `$.counterpoints[${ANSWERED}].thread[1]`,
        message: expect.stringMatching(/is already ANSWERED$/),
      },
    ]);
    const conceded = rebutted(6, [
      { kind: 'CONCESSION', text: 'Three of five is not all' },
      rebuttal('Conceding was premature', 'Two of them say otherwise'),
    ]);
    expect(await problemsOf(importBundle(env.store, conceded, { actor: IMPORTER }))).toEqual([
      { path: '$.counterpoints[6].thread[1]', message: expect.stringMatching(/was conceded/) },
    ]);
    expect(await env.store.headPosition()).toBe(0n);
  });

  it('refuses a counterpoint with both a resolution and a thread, and a rebuttal without its reason', async () => {
    const both = demoBundle();
    itemOf(both, 'counterpoints', ANSWERED)['thread'] = [answer('Dates and bodies')];
    const noReason = rebutted(ANSWERED, [
      answer('Dates and bodies'),
      { kind: 'REBUTTAL', text: 'No budgets' },
    ]);
    expect(await problemsOf(importBundle(env.store, both, { actor: IMPORTER }))).toEqual([
      {
        path: `$.counterpoints[${ANSWERED}].thread`,
        message: 'give either `resolution` or `thread`, not both: a thread ends with its own resolution',
      },
    ]);
    const [problem, ...others] = await problemsOf(importBundle(env.store, noReason, { actor: IMPORTER }));
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ path: `$.counterpoints[${ANSWERED}].thread[1]` });
    expect(problem!.message).toContain('reason');
    expect(await env.store.headPosition()).toBe(0n);
  });
});
