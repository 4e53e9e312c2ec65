import Database from 'better-sqlite3';
import type { Actor, Role } from '../event-sourcing/metadata.js';
import type {
  ExportAssessment,
  ExportClaim,
  ExportCounterpoint,
  ExportEvidence,
  ExportOmissions,
  ExportRelation,
  ExportRows,
  ExportScope,
  ExportSource,
} from './export.rows.js';
import { SOURCE_METADATA_COLUMNS, sourceMetadataOfRow } from '../sources/read-model/source.columns.js';

type Row = Record<string, unknown>;

const actor = (id: unknown, role: unknown): Actor => ({ id: id as string, role: role as Role });
const parsed = <T>(value: unknown): T => JSON.parse(value as string) as T;
const parsedOrNull = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : parsed<T>(value);

/** The assessment as the read model keeps it: the domain's AssessmentRecord, as JSON. */
const toAssessment = (row: Row): ExportAssessment | null => parsedOrNull<ExportAssessment>(row['assessment']);

const toClaim = (row: Row): ExportClaim => ({
  id: row['id'] as string,
  statement: row['statement'] as string,
  status: row['status'] as ExportClaim['status'],
  tags: parsed<string[]>(row['tags']),
  attributedTo: row['attributed_to'] as string | null,
  sourceId: row['source_id'] as string | null,
  quote: parsedOrNull(row['quote']),
  note: row['note'] as string | null,
  assessment: toAssessment(row),
  retracted: row['retracted'] === 1,
  acceptability: row['acceptability'] as ExportClaim['acceptability'],
  defeatedBy: parsed<string[]>(row['defeated_by']),
  version: row['version'] as number,
  createdBy: actor(row['created_by'], row['created_role']),
  createdAt: row['created_at'] as string,
  updatedAt: row['updated_at'] as string,
  evidenceCount: row['evidence_count'] as number,
  supportingEvidenceCount: row['supporting_count'] as number,
  underminingEvidenceCount: row['undermining_count'] as number,
  counterpointCount: row['counterpoint_count'] as number,
  openCounterpoints: row['open_counterpoints'] as number,
});

const toSource = (row: Row): ExportSource => ({
  id: row['id'] as string,
  ...sourceMetadataOfRow(row),
  text: (row['text'] as string | null | undefined) ?? null,
  registeredAt: row['registered_at'] as string,
});

const toEvidence = (row: Row): ExportEvidence => ({
  id: row['id'] as string,
  claimId: row['claim_id'] as string,
  stance: row['stance'] as ExportEvidence['stance'],
  summary: row['summary'] as string,
  citation: parsed(row['citation']),
  reliability: row['reliability'] as number | null,
  withdrawn: row['withdrawn'] === 1,
  addedBy: actor(row['added_by'], row['added_role']),
  addedAt: row['added_at'] as string,
});

const toCounterpoint = (row: Row): ExportCounterpoint => ({
  id: row['id'] as string,
  claimId: row['claim_id'] as string,
  text: row['text'] as string,
  state: row['state'] as ExportCounterpoint['state'],
  citation: parsedOrNull(row['citation']),
  response: row['response'] as string | null,
  raisedBy: actor(row['raised_by'], row['raised_role']),
  raisedAt: row['raised_at'] as string,
  thread: parsed(row['thread']),
});

/** A counterpoint's thread as one JSON column, oldest entry first. */
const THREAD_COLUMN = `(SELECT json_group_array(json_object('kind', t.kind, 'text', t.text, 'reason', t.reason)
  ORDER BY t.entry) FROM counterpoint_thread t WHERE t.counterpoint_id = k.id) AS thread`;

const toRelation = (row: Row): ExportRelation => ({
  fromId: row['from_id'] as string,
  toId: row['to_id'] as string,
  kind: row['kind'] as ExportRelation['kind'],
  rationale: row['rationale'] as string | null,
  linkedBy: actor(row['linked_by'], row['linked_role']),
  linkedAt: row['linked_at'] as string,
});

const CLAIM_COLUMNS = `c.*,
  (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id AND e.withdrawn = 0 AND e.stance = 'SUPPORTS') AS supporting_count,
  (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id AND e.withdrawn = 0 AND e.stance = 'UNDERMINES') AS undermining_count`;

/**
 * Export rows from one read-model connection. Rows are streamed with `.iterate()`, never collected, so an
 * export of any size runs in constant memory. Give it a connection of its own (see `openExportSnapshot`):
 * while an iterator is open, better-sqlite3 refuses writes on the same connection, which would stop the
 * projector if the export shared its connection.
 */
export class SqliteExportRows implements ExportRows {
  private readonly sourceId: string | null;

  constructor(
    private readonly db: Database.Database,
    scope: ExportScope = {},
  ) {
    this.sourceId = scope.sourceId ?? null;
  }

  /** `AND c.source_id = ?` and its parameter when the export is scoped to a source. */
  private scoped(alias = 'c'): { sql: string; params: string[] } {
    return this.sourceId === null
      ? { sql: '', params: [] }
      : { sql: ` AND ${alias}.source_id = ?`, params: [this.sourceId] };
  }

  private *rows<T>(sql: string, params: readonly unknown[], map: (row: Row) => T): Generator<T> {
    for (const row of this.db.prepare(sql).iterate(...params) as IterableIterator<Row>) yield map(row);
  }

  claims(): Iterable<ExportClaim> {
    const scope = this.scoped();
    return this.rows(
      `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE 1 = 1${scope.sql} ORDER BY c.seq`,
      scope.params,
      toClaim,
    );
  }

  liveClaims(): Iterable<ExportClaim> {
    const scope = this.scoped();
    return this.rows(
      `SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.retracted = 0${scope.sql} ORDER BY c.seq`,
      scope.params,
      toClaim,
    );
  }

  sources(options: { readonly withText?: boolean } = {}): readonly ExportSource[] {
    const columns = `id, ${SOURCE_METADATA_COLUMNS}, registered_at${options.withText ? ', text' : ''}`;
    const rows = (
      this.sourceId === null
        ? this.db.prepare(`SELECT ${columns} FROM sources ORDER BY seq`).all()
        : this.db.prepare(`SELECT ${columns} FROM sources WHERE id = ?`).all(this.sourceId)
    ) as Row[];
    return rows.map(toSource);
  }

  evidence(options: { readonly includeWithdrawn?: boolean } = {}): Iterable<ExportEvidence> {
    const scope = this.scoped();
    const withdrawn = options.includeWithdrawn ? '' : ' AND e.withdrawn = 0';
    return this.rows(
      `SELECT e.* FROM evidence e JOIN claims c ON c.id = e.claim_id WHERE c.retracted = 0${withdrawn}${scope.sql} ORDER BY e.seq`,
      scope.params,
      toEvidence,
    );
  }

  counterpoints(): Iterable<ExportCounterpoint> {
    const scope = this.scoped();
    return this.rows(
      `SELECT k.*, ${THREAD_COLUMN} FROM counterpoints k JOIN claims c ON c.id = k.claim_id WHERE c.retracted = 0${scope.sql} ORDER BY k.seq`,
      scope.params,
      toCounterpoint,
    );
  }

  relations(): Iterable<ExportRelation> {
    const from = this.scoped('f');
    const to = this.scoped('t');
    return this.rows(
      `SELECT r.* FROM relations r
         JOIN claims f ON f.id = r.from_id AND f.retracted = 0
         JOIN claims t ON t.id = r.to_id AND t.retracted = 0
       WHERE 1 = 1${from.sql}${to.sql} ORDER BY r.seq`,
      [...from.params, ...to.params],
      toRelation,
    );
  }

  omissions(): ExportOmissions {
    const scope = this.scoped();
    const count = (sql: string) =>
      this.db
        .prepare(sql)
        .pluck()
        .get(...scope.params) as number;
    return {
      retractedClaims: count(`SELECT count(*) FROM claims c WHERE c.retracted = 1${scope.sql}`),
      withdrawnEvidence: count(
        `SELECT count(*) FROM evidence e JOIN claims c ON c.id = e.claim_id WHERE c.retracted = 0 AND e.withdrawn = 1${scope.sql}`,
      ),
    };
  }
}

export interface ExportSnapshot {
  readonly db: Database.Database;
  /**
   * Closes the connection, which ends its read transaction; safe to call twice. Only once every row
   * iterator on it has finished or been returned: better-sqlite3 refuses to close a busy connection.
   */
  close(): void;
}

/**
 * A read-only connection to a read-model file inside one read transaction: every pass of a multi-pass
 * format (AIF, Argdown, the bundle) sees the same state, even while the projector keeps writing (WAL
 * readers see the snapshot their transaction started on).
 */
export const openExportSnapshot = (file: string): ExportSnapshot => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM claims').pluck().get(); // the snapshot starts at the first read
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    close: () => {
      if (db.open) db.close();
    },
  };
};

/** Whether a source with this id is in the read model. */
export const sourceExists = (db: Database.Database, sourceId: string): boolean =>
  db.prepare('SELECT 1 FROM sources WHERE id = ?').pluck().get(sourceId) !== undefined;
