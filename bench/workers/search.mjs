// Search cost on one seeded store (bench/search-scaling.mjs runs it once per size).
//
//   node bench/workers/search.mjs --dir DATA_DIR [--round-ms 60]
//
// Adds the op-ed bundle (fixtures/central-asia-russia-summit.json: its 24 claims, evidence, counterpoints)
// to the seeded events.db, builds the read model with the production rebuild (rebuildReadModel), then
// times each query in this process on that read model: CPU per call (process.cpuUsage over repeated calls,
// the least of 7 rounds, see measure). The queries are ClaimsQueries / SourcesQueries
// calls, what the GraphQL resolvers run below HTTP and GraphQL.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIST, emit, parseArgs, REPO_DIR, round } from '../lib/util.mjs';

const load = (path) => import(join(BUILD_DIST, path));
const { SqliteEventStore } = await load('event-store/sqlite/sqlite-event-store.js');
const { importBundle } = await load('import/bundle-importer.js');
const { parseBundleJson } = await load('import/bundle.js');
const { rebuildReadModel } = await load('read-model/rebuild.js');
const { openReadModel } = await load('read-model/read-model.database.js');
const { PROJECTIONS } = await load('projections.js');
const { ClaimsQueries } = await load('claims/read-model/claims.queries.js');
const { RANKED_MATCHES } = await load('read-model/full-text.js');

const options = parseArgs();
const dir = options.dir;
const roundMs = Number(options['round-ms'] ?? 60);
const loadBefore = loadavg();

const store = SqliteEventStore.open({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
const bundleText = readFileSync(join(REPO_DIR, 'fixtures', 'central-asia-russia-summit.json'), 'utf8');
await importBundle(store, parseBundleJson(bundleText).value, { actor: { id: 'bench', role: 'EDITOR' } });
const events = Number(await store.headPosition());
const rebuildStarted = performance.now();
const { file } = await rebuildReadModel(join(dir, 'read-model'), store, PROJECTIONS);
const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
await store.close();

const db = openReadModel(file, PROJECTIONS);
const claims = new ClaimsQueries(db);
const texts = db.prepare('SELECT count(*) FROM claim_search').pluck().get();
const claimCount = db.prepare('SELECT count(*) FROM claims').pluck().get();
const matching = (expression) =>
  db.prepare('SELECT count(*) FROM claim_search WHERE claim_search MATCH ?').pluck().get(expression);

/**
 * CPU ms per call (user + system, this process) in 7 rounds of at least --round-ms each: the least round is
 * the figure (other sessions' load only ever adds to it), the median beside it.
 */
const measure = (run) => {
  for (let warm = 0; warm < 3; warm++) run();
  const rounds = [];
  let calls = 0;
  for (let round = 0; round < 7; round++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    let count = 0;
    while (count < 3 || performance.now() - started < roundMs) {
      run();
      count++;
    }
    const cpu = process.cpuUsage(cpuStart);
    rounds.push((cpu.user + cpu.system) / 1000 / count);
    calls += count;
  }
  rounds.sort((a, b) => a - b);
  return { cpuMs: round(rounds[0], 3), medianCpuMs: round(rounds[3], 3), calls };
};

/** A page of claims as the claims query asks for it, with the match of each edge read (its snippet). */
const page = (filter, order, first = 20, after = null) => {
  const result = claims.list(filter, order, first, after);
  for (const match of result.matches ?? []) void match.snippet;
  return result;
};

const { paraphrases } = JSON.parse(
  readFileSync(join(REPO_DIR, 'test', 'fixtures', 'op-ed-paraphrases.json'), 'utf8'),
);
const idOf = new Map(db.prepare('SELECT statement, id FROM claims').raw().all());

const secondPage = claims.list({ search: 'Moscow' }).cursors.at(-1);
const cases = [
  ['common word "Moscow"', () => page({ search: 'Moscow' }), '"moscow"'],
  ['common word, unfinished "Mosc"', () => page({ search: 'Mosc' }), '"mosc"*'],
  [
    'two common words "geopolitical object"',
    () => page({ search: 'geopolitical object' }),
    '"geopolitical" "object"',
  ],
  ['common word, page 2', () => page({ search: 'Moscow' }, undefined, 20, secondPage), '"moscow"'],
  // Words of the op-ed bundle's own evidence and counterpoints, in no seeded text: as many texts at every size.
  ['rare word "column"', () => page({ search: 'column' }), '"column"'],
  ['rare word "baseline"', () => page({ search: 'baseline' }), '"baseline"'],
  // A word of the op-ed's text: the seeded claims quote it (30 % are anchored), so its texts grow with the log.
  [
    'op-ed word "counternarrative" (in seeded quotes)',
    () => page({ search: 'counternarrative' }),
    '"counternarrative"',
  ],
  [
    'common word with a filter (RETRACTED)',
    () => page({ search: 'Moscow', status: ['RETRACTED'] }),
    '"moscow"',
  ],
  ['totalCount of "Moscow" (asked for)', () => claims.list({ search: 'Moscow' }).totalCount, '"moscow"'],
  [
    '"Moscow", orderBy CREATED_AT DESC (every match sorted: the shape of every search before)',
    () => page({ search: 'Moscow' }, { field: 'CREATED_AT', direction: 'DESC' }),
    '"moscow"',
  ],
  [
    'similarClaims, a rewording of claim 22 (common words)',
    () => claims.similarClaims(paraphrases[21].paraphrase, { first: 5, minSimilarity: 0.4 }),
    null,
  ],
  [
    'similarClaims, a rewording of claim 8',
    () => claims.similarClaims(paraphrases[7].paraphrase, { first: 5, minSimilarity: 0.4 }),
    null,
  ],
];

const results = cases.map(([name, run, expression]) => ({
  name,
  texts: expression ? matching(expression) : null,
  ...measure(run),
}));

// similarClaims among all of this store's claims: does each rewording find its op-ed claim in the top 3?
const similar = paraphrases.map(({ statement, paraphrase }) => {
  const all = claims.similarClaims(paraphrase, { first: 3, minSimilarity: 0 });
  const rank = all.findIndex((hit) => hit.claim.id === idOf.get(statement)) + 1;
  const passing = claims.similarClaims(paraphrase, { first: 20, minSimilarity: 0.4 });
  const passes = passing.some((hit) => hit.claim.id === idOf.get(statement));
  return { rank, passes, others: passing.length - (passes ? 1 : 0) };
});
const readModelMb = (Number(db.pragma('page_count', { simple: true })) * 4096) / 1e6;
db.close();

emit({
  events,
  claims: claimCount,
  texts,
  rankedMatches: RANKED_MATCHES,
  rebuildSeconds: round(rebuildSeconds, 3),
  readModelMb: round(readModelMb, 4),
  results,
  similar: {
    top3: similar.filter((item) => item.rank >= 1 && item.rank <= 3).length,
    top1: similar.filter((item) => item.rank === 1).length,
    passThreshold: similar.filter((item) => item.passes).length,
    othersAboveThreshold: similar.reduce((sum, item) => sum + item.others, 0),
    of: similar.length,
    ranks: similar.map((item) => item.rank),
  },
  loadavg: {
    before: loadBefore.map((value) => round(value, 3)),
    after: loadavg().map((value) => round(value, 3)),
  },
});
