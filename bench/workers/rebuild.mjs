// B4 worker: build a read model from every event of an event store, from position 0.
//
//   node bench/workers/rebuild.mjs --events-db DIR/events.db --data-dir OUT_DIR --mode ours|fixture|raw
//                                  [--deadline-seconds S] [--stop-after N]
//
// ours     the production rebuild: rebuildReadModel(dataDir, store, PROJECTIONS) from src/read-model/rebuild.ts (what
//          `claimtrail projections rebuild` runs: replay $all in batches through applyBatch, every projection,
//          checkpoint in each transaction). Falls back to a fresh read model + the live Projector catching up
//          from 0 when the build has no rebuild.js. With --deadline-seconds the run stops there and reports
//          the rate reached so far (finished: false).
// fixture  the same rebuild, with the read model's full-text statements that look rows up by `item_id` (an
//          UNINDEXED FTS5 column, so a scan of the whole index per call) redirected to a rowid lookup kept
//          in memory. Produces the identical read model; used to build the servers' fixtures in reasonable
//          time, and reported as a diagnostic ("what B4 would be with that lookup fixed").
// raw      the limit: iterate the events table with better-sqlite3 and INSERT the same rows the projections
//          create (an audit row per event; claims, tags, evidence, counterpoints, relations, search rows of
//          statements, quotes, evidence, counterpoints and answers, sources and their search rows, tokens),
//          500 events per transaction with the checkpoint, into the same schema. Inserts only: no
//          per-event lookups, no updates, no acceptability.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import {
  openReadModel,
  PROJECTIONS,
  Projector,
  SqliteEventStore,
  NOTHING_KNOWN,
  namesFrom,
  subjectOf,
  summarize,
  writeCheckpoint,
} from '../lib/app.mjs';
import { BUILD_DIST, emit, parseArgs, round } from '../lib/util.mjs';

const options = parseArgs();
const mode = options.mode;
const dataDir = options['data-dir'];
mkdirSync(dataDir, { recursive: true });
const deadline = options['deadline-seconds']
  ? performance.now() + Number(options['deadline-seconds']) * 1000
  : Infinity;

let peakRss = process.memoryUsage().rss;
const baselineRssMb = peakRss / 1024 / 1024;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

class DeadlineReached extends Error {}

const SEARCH_INSERT = /^INSERT INTO claim_search \(claim_id, item_id, body\) VALUES \(\?, \?, \?\)$/;
const SEARCH_UPDATE = /^UPDATE claim_search SET body = \? WHERE item_id = \?$/;
const SEARCH_DELETE = /^DELETE FROM claim_search WHERE item_id = \?$/;
let redirected = 0;
/** fixture mode: item_id → rowid kept beside the FTS table, so updates and deletes stop scanning it. */
const redirectSearchLookups = () => {
  const rowids = new Map();
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function patchedPrepare(sql) {
    const normalised = sql.replace(/\s+/g, ' ').trim();
    if (SEARCH_INSERT.test(normalised)) {
      const statement = prepare.call(this, sql);
      redirected++;
      return {
        run: (claimId, itemId, body) => {
          const info = statement.run(claimId, itemId, body);
          rowids.set(itemId, info.lastInsertRowid);
          return info;
        },
      };
    }
    if (SEARCH_UPDATE.test(normalised)) {
      const statement = prepare.call(this, 'UPDATE claim_search SET body = ? WHERE rowid = ?');
      redirected++;
      return { run: (body, itemId) => statement.run(body, rowids.get(itemId) ?? -1) };
    }
    if (SEARCH_DELETE.test(normalised)) {
      const statement = prepare.call(this, 'DELETE FROM claim_search WHERE rowid = ?');
      redirected++;
      return {
        run: (itemId) => {
          const info = statement.run(rowids.get(itemId) ?? -1);
          rowids.delete(itemId);
          return info;
        },
      };
    }
    return prepare.call(this, sql);
  };
};

const started = performance.now();
let events = 0;
let finished = true;
let path = null;
if (mode === 'ours' || mode === 'fixture') {
  if (mode === 'fixture') redirectSearchLookups();
  const store = SqliteEventStore.open({ file: options['events-db'], synchronous: 'FULL', pollMs: 60_000 });
  const fullHead = await store.headPosition();
  // --stop-after N: only the first N events (profiling runs).
  const head = options['stop-after']
    ? BigInt(Math.min(Number(fullHead), Number(options['stop-after'])))
    : fullHead;
  let lastReport = performance.now();
  const progress = (position) => {
    events = Number(position);
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      process.stderr.write(
        `  rebuild(${mode}): ${position}/${head} events, ${Math.round(events / ((performance.now() - started) / 1000))}/s\n`,
      );
    }
    if (performance.now() > deadline) throw new DeadlineReached();
    if (position >= head && head < fullHead) throw new DeadlineReached();
  };
  const rebuildModule = join(BUILD_DIST, 'read-model', 'rebuild.js');
  if (existsSync(rebuildModule)) {
    path = 'rebuildReadModel (src/read-model/rebuild.ts)';
    const { rebuildReadModel } = await import(rebuildModule);
    try {
      await rebuildReadModel(dataDir, store, PROJECTIONS, progress);
      events = Number(head);
    } catch (error) {
      if (!(error instanceof DeadlineReached)) throw error;
      finished = events >= Number(head) && head === fullHead;
    }
  } else {
    path = 'Projector catch-up from 0 (the build has no read-model/rebuild.js)';
    const db = openReadModel(join(dataDir, 'read-model.db'), PROJECTIONS);
    const silent = {
      info() {},
      error: (message, fields) => process.stderr.write(`projector: ${message} ${JSON.stringify(fields)}\n`),
    };
    const projector = new Projector(db, store, PROJECTIONS, silent);
    projector.start();
    try {
      while (projector.checkpoint < head) {
        if (projector.fault) throw new Error(`projector fault: ${JSON.stringify(projector.fault)}`);
        await projector.waitFor(projector.checkpoint + 1n, 1000);
        progress(projector.checkpoint);
      }
      events = Number(head);
    } catch (error) {
      if (!(error instanceof DeadlineReached)) throw error;
      finished = false;
    }
    await projector.stop();
    db.close();
  }
  await store.close();
} else if (mode === 'raw') {
  path = 'better-sqlite3 inserts';
  const source = new Database(options['events-db'], { readonly: true });
  const db = openReadModel(join(dataDir, 'raw-read-model.db'), PROJECTIONS);
  const prepare = (sql) => db.prepare(sql);
  const sql = {
    audit:
      prepare(`INSERT INTO audit (position, stream_id, subject_id, version, type, occurred_at, recorded_at, actor_id,
       actor_role, reason, summary, data, correlation_id, causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    claim:
      prepare(`INSERT INTO claims (id, statement, status, tags, attributed_to, source_id, quote, note, version,
       created_by, created_role, created_at, updated_at, seq) VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    tag: prepare('INSERT OR IGNORE INTO claim_tags (claim_id, tag) VALUES (?, ?)'),
    // The texts the claims projection indexes, each in the column of its kind (claims.schema.ts).
    claimSearch: prepare(
      'INSERT INTO claim_search (claim_id, item_id, statement, quote) VALUES (?, ?, ?, ?)',
    ),
    evidenceSearch: prepare('INSERT INTO claim_search (claim_id, item_id, evidence) VALUES (?, ?, ?)'),
    counterpointSearch: prepare(
      'INSERT INTO claim_search (claim_id, item_id, counterpoint) VALUES (?, ?, ?)',
    ),
    answerSearch: prepare('INSERT INTO claim_search (claim_id, item_id, answer) VALUES (?, ?, ?)'),
    sourceSearch: prepare(
      'INSERT INTO source_search (source_id, title, author, publisher, text) VALUES (?, ?, ?, ?, ?)',
    ),
    evidence:
      prepare(`INSERT INTO evidence (id, claim_id, seq, stance, summary, citation, reliability, added_by, added_role, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    counterpoint:
      prepare(`INSERT INTO counterpoints (id, claim_id, seq, text, state, citation, raised_by, raised_role, raised_at)
       VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)`),
    relation:
      prepare(`INSERT OR REPLACE INTO relations (from_id, to_id, kind, rationale, linked_by, linked_role, linked_at, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    sourceRow:
      prepare(`INSERT OR IGNORE INTO sources (id, title, url, author, publisher, published_at, language, text, text_hash,
       text_length, registered_by, registered_role, registered_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    token:
      prepare(`INSERT INTO tokens (token_id, token_hash, actor_id, role, granted_at, granted_by, position)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
  };
  // Inserts only: no name lookups either, so summaries name things neutrally ("a claim").
  const noNames = namesFrom(NOTHING_KNOWN);
  const apply = (row) => {
    const data = JSON.parse(row.data);
    const metadata = JSON.parse(row.metadata);
    const seq = row.position;
    if (row.stream_id.startsWith('claim-') || row.stream_id.startsWith('source-')) {
      const stored = {
        type: row.type,
        data,
        metadata,
        streamId: row.stream_id,
        version: row.version,
        position: BigInt(row.position),
        recordedAt: new Date(row.recorded_at),
      };
      const auditData = { ...data };
      delete auditData.text; // a source's full text stays in `sources`
      sql.audit.run(
        seq,
        row.stream_id,
        subjectOf(row.stream_id),
        row.version,
        row.type,
        metadata.occurredAt,
        stored.recordedAt.toISOString(),
        metadata.actorId,
        metadata.actorRole,
        metadata.reason ?? null,
        summarize(stored, noNames),
        JSON.stringify(auditData),
        metadata.correlationId ?? null,
        metadata.causationId ?? null,
      );
    }
    const by = data.by ?? {};
    switch (row.type) {
      case 'ClaimProposed':
        sql.claim.run(
          data.claimId,
          data.statement,
          JSON.stringify(data.tags),
          data.attributedTo,
          data.anchor?.sourceId ?? null,
          data.anchor ? JSON.stringify(data.anchor.quote) : null,
          data.note,
          row.version,
          by.id,
          by.role,
          data.at,
          data.at,
          seq,
        );
        for (const tag of data.tags) sql.tag.run(data.claimId, tag);
        sql.claimSearch.run(data.claimId, data.claimId, data.statement, data.anchor?.quote.exact ?? null);
        break;
      case 'EvidenceAttached':
        sql.evidence.run(
          data.evidenceId,
          data.claimId,
          seq,
          data.stance,
          data.summary,
          JSON.stringify(data.citation),
          data.reliability,
          by.id,
          by.role,
          data.at,
        );
        sql.evidenceSearch.run(data.claimId, data.evidenceId, data.summary);
        break;
      case 'CounterpointRaised':
        sql.counterpoint.run(
          data.counterpointId,
          data.claimId,
          seq,
          data.text,
          data.citation ? JSON.stringify(data.citation) : null,
          by.id,
          by.role,
          data.at,
        );
        sql.counterpointSearch.run(data.claimId, data.counterpointId, data.text);
        break;
      case 'CounterpointResolved':
        sql.answerSearch.run(data.claimId, data.counterpointId, data.response);
        break;
      case 'ClaimLinked':
        sql.relation.run(
          data.claimId,
          data.toClaimId,
          data.kind,
          data.rationale,
          by.id,
          by.role,
          data.at,
          seq,
        );
        break;
      case 'SourceRegistered':
        sql.sourceRow.run(
          data.sourceId,
          data.title,
          data.url,
          data.author,
          data.publisher,
          data.publishedAt,
          data.language,
          data.text,
          data.textHash,
          data.text?.length ?? null,
          by.id,
          by.role,
          data.at,
          seq,
        );
        sql.sourceSearch.run(data.sourceId, data.title, data.author, data.publisher, data.text);
        break;
      case 'TokenGranted':
        sql.token.run(data.tokenId, data.tokenHash, data.actorId, data.role, data.at, by.id, seq);
        break;
      default:
        break;
    }
  };
  const batch = [];
  const flush = db.transaction((rows) => {
    for (const row of rows) apply(row);
    writeCheckpoint(db, BigInt(rows.at(-1).position));
  });
  for (const row of source.prepare('SELECT * FROM events ORDER BY position').iterate()) {
    batch.push(row);
    if (batch.length === 500) {
      flush(batch);
      events += batch.length;
      batch.length = 0;
      if (performance.now() > deadline) {
        finished = false;
        break;
      }
    }
  }
  if (batch.length && finished) {
    flush(batch);
    events += batch.length;
  }
  db.close();
  source.close();
} else throw new Error(`unknown mode ${mode}`);

const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
emit({
  mode,
  path,
  finished,
  events,
  seconds: round(seconds, 4),
  perSecond: round(events / seconds, 4),
  peakRssMb: round(peakRss / 1024 / 1024, 4),
  maxRssMb: round(process.resourceUsage().maxRSS / 1024, 4),
  baselineRssMb: round(baselineRssMb, 4),
  redirectedStatements: mode === 'fixture' ? redirected : undefined,
});
