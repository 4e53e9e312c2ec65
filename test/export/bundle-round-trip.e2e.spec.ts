import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { EXPORT_FORMATS, type ExportFormatName } from '../../src/export/export.formats.js';
import { SqliteExportRows } from '../../src/export/export.reader.js';
import { NO_EXPORT_SETTINGS } from '../../src/export/export.settings.js';
import { claimRecord } from '../../src/export/formats/ndjson.js';
import { currentReadModelFile } from '../../src/read-model/read-model.files.js';
import { ExportWorld, buildDebate } from './support/export-world.js';
import { startServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp-dir.js';
import { claimtrail, tokenFor } from './support/cli.js';

/**
 * Export the op-ed as a bundle, import it into an empty store, and the two read models match: every source,
 * claim, evidence item, counterpoint, link, tag, label and event type, with ids (which the importer mints
 * anew) and who-did-it-when (the importing actor and the clock) the only differences.
 */

type Row = Record<string, unknown>;

/**
 * The read model with its ids replaced by the content that names them, and actors and times left out.
 * `standing` keeps only what a bundle carries: live claims and what hangs off them, live evidence, and no
 * versions or event history.
 */
const canonicalReadModel = (file: string, { standing = false } = {}) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const all = (sql: string) => db.prepare(sql).all() as Row[];
    const names = new Map<string, string>();
    for (const row of all('SELECT id, title FROM sources'))
      names.set(row['id'] as string, `source: ${row['title']}`);
    for (const row of all('SELECT id, statement FROM claims'))
      names.set(row['id'] as string, `claim: ${row['statement']}`);
    for (const row of all('SELECT id, text FROM counterpoints'))
      names.set(row['id'] as string, `counterpoint: ${row['text']}`);
    for (const row of all('SELECT id, summary FROM evidence'))
      names.set(row['id'] as string, `evidence: ${row['summary']}`);
    const name = (id: unknown) => {
      if (id === null) return null;
      const found = names.get(id as string);
      if (!found) throw new Error(`no name for ${String(id)}`);
      return found;
    };
    const json = (value: unknown) => (value === null ? null : JSON.parse(value as string));
    const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();
    const retracted = new Set(
      all('SELECT id FROM claims WHERE retracted = 1').map((row) => row['id'] as string),
    );
    const live = (...ids: unknown[]) => !standing || ids.every((id) => !retracted.has(id as string));
    // Who, when, and the version judged (a stream version, which a bundle does not carry) left out.
    const withoutWho = (assessment: Row | null) =>
      assessment && {
        ...assessment,
        assessedBy: undefined,
        assessedAt: undefined,
        assessedVersion: undefined,
      };
    return {
      sources: sorted(
        all(
          'SELECT title, url, author, publisher, published_at, language, text, text_hash, text_length FROM sources',
        ),
      ),
      claims: sorted(
        all('SELECT * FROM claims')
          .filter((row) => live(row['id']))
          .map((row) => ({
            statement: row['statement'],
            status: row['status'],
            tags: json(row['tags']),
            attributedTo: row['attributed_to'],
            source: name(row['source_id']),
            quote: json(row['quote']),
            note: row['note'],
            verdict: row['verdict'],
            assessment: withoutWho(json(row['assessment'])),
            retracted: row['retracted'],
            acceptability: row['acceptability'],
            defeatedBy: (json(row['defeated_by']) as string[]).map(name).sort(),
            version: standing ? undefined : row['version'],
            evidenceCount: row['evidence_count'],
            counterpointCount: row['counterpoint_count'],
            openCounterpoints: row['open_counterpoints'],
          })),
      ),
      claimTags: sorted(
        all('SELECT claim_id, tag FROM claim_tags')
          .filter((row) => live(row['claim_id']))
          .map((row) => [name(row['claim_id']), row['tag']]),
      ),
      evidence: sorted(
        all('SELECT * FROM evidence')
          .filter((row) => live(row['claim_id']) && !(standing && row['withdrawn'] === 1))
          .map((row) => ({
            claim: name(row['claim_id']),
            stance: row['stance'],
            summary: row['summary'],
            citation: json(row['citation']),
            reliability: row['reliability'],
            withdrawn: row['withdrawn'],
          })),
      ),
      counterpoints: sorted(
        all('SELECT * FROM counterpoints')
          .filter((row) => live(row['claim_id']))
          .map((row) => ({
            claim: name(row['claim_id']),
            text: row['text'],
            state: row['state'],
            citation: json(row['citation']),
            response: row['response'],
            // Its answers and rebuttals in order; who wrote them is the importer's (a bundle names no one).
            thread: all(
              `SELECT kind, text, reason FROM counterpoint_thread WHERE counterpoint_id = '${row['id'] as string}' ORDER BY entry`,
            ),
          })),
      ),
      relations: sorted(
        all('SELECT * FROM relations')
          .filter((row) => live(row['from_id'], row['to_id']))
          .map((row) => [name(row['from_id']), row['kind'], name(row['to_id']), row['rationale']]),
      ),
      search: sorted(
        all('SELECT claim_id, statement, quote, evidence, counterpoint, answer FROM claim_search')
          .filter((row) => live(row['claim_id']))
          .map((row) => [
            name(row['claim_id']),
            row['statement'],
            row['quote'],
            row['evidence'],
            row['counterpoint'],
            row['answer'],
          ]),
      ),
      eventTypes: standing
        ? []
        : sorted(
            // Token grants are each instance's own, not the bundle's.
            all("SELECT subject_id, type, version FROM audit WHERE stream_id NOT LIKE 'access-%'").map(
              (row) => [name(row['subject_id']), row['type'], row['version']],
            ),
          ),
    };
  } finally {
    db.close();
  }
};

/** A bundle with its ids replaced the same way, so two exports of equal read models compare equal. */
const canonicalBundle = (text: string) => {
  const bundle = JSON.parse(text) as Record<string, Row[] | string | number>;
  const names = new Map<string, string>();
  for (const [collection, field] of [
    ['sources', 'title'],
    ['claims', 'statement'],
    ['evidence', 'summary'],
    ['counterpoints', 'text'],
  ] as const) {
    for (const item of bundle[collection] as Row[])
      names.set(item['id'] as string, `${collection}: ${item[field]}`);
  }
  const named = JSON.parse(
    text.replace(/"((?:src|clm|evd|cpt)-[0-9A-Z]{26})"/g, (_match, id: string) =>
      JSON.stringify(names.get(id) ?? `unknown ${id}`),
    ),
  );
  // Items in a stable order: an importer may apply them in an order of its own, so creation order may differ.
  for (const collection of ['sources', 'claims', 'evidence', 'counterpoints', 'relations', 'assessments']) {
    named[collection] = (named[collection] as unknown[])
      .map((item) => JSON.stringify(item))
      .sort()
      .map((item) => JSON.parse(item) as unknown);
  }
  return named;
};

describe('bundle round trip: the op-ed exported and imported into an empty store', () => {
  let original: TestServer;
  let copy: ReturnType<typeof tempDir>;
  let exportedFile: string;
  let httpBundle: string;

  beforeAll(async () => {
    original = await startServer({ CLAIMTRAIL_DEMO: 'true' });
    copy = tempDir('round-trip');
    exportedFile = join(copy.path, 'op-ed.bundle.json');
    const viewer = await tokenFor(original.dataDir, original.graphqlUrl, 'vera', 'viewer');
    const response = await fetch(`${original.url}/export/bundle.json`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(response.status).toBe(200);
    httpBundle = await response.text();
  }, 60_000);
  afterAll(async () => {
    await original?.stop();
    copy?.remove();
  });

  it('exports the same bundle through the CLI as over HTTP', async () => {
    const exported = await claimtrail(
      original.dataDir,
      'export',
      '--format',
      'bundle',
      '--out',
      exportedFile,
    );
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    expect(exported.stderr).toBe(
      `claimtrail: exported 24 claims, 13 evidence items, 8 counterpoints, 23 relations, 4 assessments as bundle (${(Buffer.byteLength(httpBundle) / 1024).toFixed(1)} KiB) to ${exportedFile}\n`,
    );
    expect(readFileSync(exportedFile, 'utf8')).toBe(httpBundle);
  });

  it('imports into an empty store, and the two read models match', async () => {
    const store = join(copy.path, 'store');
    const imported = await claimtrail(store, 'import', exportedFile, '--init');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/: 77 created, 0 already present/); // the same 77 steps the demo import took
    const rebuilt = await claimtrail(store, 'projections', 'rebuild');
    expect(rebuilt.code).toBe(0);

    const before = canonicalReadModel(currentReadModelFile(original.dataDir));
    const after = canonicalReadModel(currentReadModelFile(store));
    expect(before.claims).toHaveLength(24);
    expect(before.relations).toHaveLength(23);
    expect(after).toEqual(before);

    // And the copy exports the same bundle again, ids aside.
    const again = await claimtrail(store, 'export', '--format', 'bundle');
    expect(again.code).toBe(0);
    expect(canonicalBundle(again.stdout)).toEqual(canonicalBundle(httpBundle));
  });
});

/**
 * The op-ed has no URLs, reliabilities, ambiguous quotes, retractions or withdrawals; this argument has them
 * all. What a bundle cannot carry (the retracted claim, the withdrawn evidence, the history behind each
 * claim's version) is left out, so here the test is that the argument as it stands survives: export, import,
 * export again gives the same bundle, and every live claim keeps its state, counters and label.
 */
describe('bundle round trip: an argument with every kind of item and state', () => {
  let dir: ReturnType<typeof tempDir>;
  let world: ExportWorld;
  beforeAll(() => {
    dir = tempDir('round-trip-debate');
    world = new ExportWorld(join(dir.path, 'original.db'));
    buildDebate(world);
  });
  afterAll(() => {
    world?.close();
    dir?.remove();
  });

  const document = (rows: SqliteExportRows, format: ExportFormatName) =>
    [...EXPORT_FORMATS[format].document(rows, NO_EXPORT_SETTINGS)].join('');

  /** Each live claim as NDJSON shows it, with ids replaced by the words they name and who/when/version left out. */
  const standing = (rows: SqliteExportRows) => {
    const words = new Map<string, string>();
    for (const claim of rows.liveClaims()) words.set(claim.id, claim.statement);
    for (const counterpoint of rows.counterpoints()) words.set(counterpoint.id, counterpoint.text);
    return [...rows.liveClaims()]
      .map((claim) => {
        const {
          id: _id,
          source_id: _source,
          version: _version,
          created_by_id: _by,
          created_by_role: _role,
          created_at: _at,
          updated_at: _updated,
          assessed_at: _assessedAt,
          assessed_by_id: _assessedBy,
          ...record
        } = claimRecord(claim);
        return { ...record, defeated_by: record.defeated_by.map((id) => words.get(id)).sort() };
      })
      .sort((a, b) => a.statement.localeCompare(b.statement));
  };

  it('imports into an empty store and exports the same argument again', async () => {
    const original = new SqliteExportRows(world.db);
    const bundleFile = join(dir.path, 'debate.bundle.json');
    writeFileSync(bundleFile, document(original, 'bundle'));
    const store = join(dir.path, 'store');
    const imported = await claimtrail(store, 'import', bundleFile, '--init');
    expect(imported.code).toBe(0);
    expect((await claimtrail(store, 'projections', 'rebuild')).code).toBe(0);

    expect(canonicalReadModel(currentReadModelFile(store), { standing: true })).toEqual(
      canonicalReadModel(join(dir.path, 'original.db'), { standing: true }),
    );
    const copy = new Database(currentReadModelFile(store), { readonly: true });
    try {
      const rows = new SqliteExportRows(copy);
      expect(canonicalBundle(document(rows, 'bundle'))).toEqual(
        canonicalBundle(document(original, 'bundle')),
      );
      expect(standing(rows)).toEqual(standing(original));
      expect(
        standing(rows).find(
          (claim) => claim.statement === 'Central Asia moved from geopolitical object to subject',
        ),
      ).toMatchObject({
        status: 'CONTESTED',
        acceptability: 'OUT',
        defeated_by: ['No baseline is given for "more autonomous"'],
        evidence_count: 3,
        supporting_evidence_count: 2,
        undermining_evidence_count: 1,
      });
    } finally {
      copy.close();
    }
  });
});
