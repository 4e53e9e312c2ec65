import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { argdownToBundle, locateProblem } from '../../src/import/argdown-bundle.js';
import { checkBundle, importBundle } from '../../src/import/bundle-importer.js';
import { ReadModelEnv } from '../support/read-model-env.js';
import { IMPORTER, projectedReadModel } from './support.js';

const EXAMPLE = readFileSync('fixtures/central-asia-summit.argdown', 'utf8');

describe('Argdown import (@argdown/core parser and model)', () => {
  it('turns statements and arguments into claims, and + - _ into SUPPORTS, ATTACKS and UNDERCUTS', () => {
    const { bundle, problems, warnings } = argdownToBundle(EXAMPLE);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'line 14, [Boilerplate]: tag #Diplomatic_Language is not a simple lower-case kebab tag; left out',
    ]);
    expect(bundle.claims).toEqual([
      {
        id: 's-subject',
        statement: 'For the first time Central Asia acts as a geopolitical subject rather than an object.',
        tags: ['central-asia', 'thesis'],
      },
      {
        id: 's-multivector',
        statement:
          'Central Asian capitals balance Russia, China, the EU and Türkiye instead of depending on one centre.',
        tags: ['central-asia', 'foreign-policy'],
      },
      {
        id: 's-moscow-centre',
        statement:
          'The summit communique is a roadmap for Moscow to put itself back at the centre of Eurasia.',
        tags: ['russia'],
      },
      {
        id: 's-boilerplate',
        statement:
          'Multipolarity language and calls to harmonise organisations are routine in Russian summit documents.',
      },
      {
        id: 's-joint-statement',
        statement: 'The leaders committed to regional cooperation in a joint statement.',
      },
      {
        id: 's-untitled-1',
        statement:
          "The statement's wording reflects the countries' wish to conduct relations with Russia on an equal footing.",
      },
      {
        id: 'a-equal-footing',
        statement:
          "The summit's diplomatic language shows the region dealing with Moscow on an equal footing.",
      },
    ]);
    expect(bundle.relations).toEqual([
      { from: 's-multivector', to: 's-subject', kind: 'SUPPORTS' },
      { from: 's-boilerplate', to: 's-moscow-centre', kind: 'UNDERCUTS' },
      { from: 's-moscow-centre', to: 's-subject', kind: 'ATTACKS' },
      // The reconstructed argument: it supports its conclusion, its premises support it.
      { from: 'a-equal-footing', to: 's-subject', kind: 'SUPPORTS' },
      { from: 's-joint-statement', to: 'a-equal-footing', kind: 'SUPPORTS' },
      { from: 's-untitled-1', to: 'a-equal-footing', kind: 'SUPPORTS' },
    ]);
  });

  it('flattens an argument without a description or links of its own; maps contraries both ways', () => {
    const { bundle, problems } = argdownToBundle(
      '<Plain>\n\n(1) [P]: Premise text.\n----\n(2) [C]: Conclusion text.\n\n[X]: Ex text.\n  >< [Y]: Why text.\n',
    );
    expect(problems).toEqual([]);
    expect((bundle.claims as Array<{ id: string }>).map((claim) => claim.id)).toEqual([
      's-p',
      's-c',
      's-x',
      's-y',
    ]);
    expect(bundle.relations).toEqual([
      { from: 's-x', to: 's-y', kind: 'ATTACKS' },
      { from: 's-y', to: 's-x', kind: 'ATTACKS' },
      { from: 's-p', to: 's-c', kind: 'SUPPORTS' },
    ]);
  });

  it('reports syntax errors by line, and items that cannot become claims by line and title', () => {
    const syntax = argdownToBundle('<A>: An argument.\n  (1) a premise right under it\n  ----\n  (2) c\n');
    expect(syntax.problems.length).toBeGreaterThan(0);
    expect(syntax.problems[0]!.path).toMatch(/^line \d+:\d+$/);

    const { problems } = argdownToBundle('[A]: A text.\n  + [B]\n\n<X>\n  - [A]\n');
    expect(problems).toEqual([
      { path: 'line 2, [B]', message: 'has no text, so it cannot become a claim (give it one: "[B]: text")' },
      { path: 'line 4, <X>', message: 'has no text, so it cannot become a claim (give it one: "<X>: text")' },
    ]);
  });

  describe('against a real store', () => {
    let env: ReadModelEnv;
    beforeEach(() => {
      env = new ReadModelEnv();
    });
    afterEach(async () => {
      await env.close();
    });

    it('imports the example: the statements and relations reach the read model, labelled', async () => {
      const summary = await importBundle(env.store, argdownToBundle(EXAMPLE).bundle, { actor: IMPORTER });
      expect(summary).toMatchObject({ created: 13, present: 0 });
      const db = await projectedReadModel(env);
      const statements = db
        .prepare('SELECT statement, acceptability FROM claims ORDER BY statement')
        .all() as Array<{ statement: string; acceptability: string }>;
      expect(statements).toHaveLength(7);
      const label = (start: string) =>
        statements.find((row) => row.statement.startsWith(start))?.acceptability;
      // Boilerplate undercuts "Moscow centre", which then no longer defeats the thesis.
      expect([
        label('Multipolarity language'),
        label('The summit communique'),
        label('For the first time'),
      ]).toEqual(['IN', 'OUT', 'IN']);
      const kinds = db.prepare('SELECT kind, count(*) AS n FROM relations GROUP BY kind ORDER BY kind').all();
      expect(kinds).toEqual([
        { kind: 'ATTACKS', n: 1 },
        { kind: 'SUPPORTS', n: 4 },
        { kind: 'UNDERCUTS', n: 1 },
      ]);
      expect(
        await importBundle(env.store, argdownToBundle(EXAMPLE).bundle, { actor: IMPORTER }),
      ).toMatchObject({ created: 0, present: 13 });
    });

    it('names the Argdown line of a problem the domain finds', async () => {
      const converted = argdownToBundle('[A]: ab\n\n[C]: A fine text.\n  - [C]\n');
      const { problems } = await checkBundle(env.store, converted.bundle, IMPORTER);
      expect(problems.map((problem) => locateProblem(problem, converted.origins))).toEqual([
        { path: '$.claims[0].statement (line 1, [A])', message: 'must be at least 3 characters long, not 2' },
        { path: '$.relations[0].to (line 4)', message: 'a claim cannot be linked to itself' },
      ]);
      expect(await env.store.headPosition()).toBe(0n);
    });
  });
});
