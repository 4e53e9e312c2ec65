import type Database from 'better-sqlite3';
import type { Actor, Role } from '../../event-sourcing/metadata.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../read-model/pagination.js';
import { prepared } from '../../read-model/statement-cache.js';
import type { Label } from '../domain/grounded-labelling.js';

/** One change of a claim's label, with the event that caused it (standing.projection.ts). */
export interface StandingChangeView {
  readonly claimId: string;
  readonly position: string;
  readonly at: string;
  readonly from: Label | null;
  readonly to: Label;
  readonly defeatedBy: readonly string[];
  readonly cause: {
    readonly type: string;
    readonly streamId: string;
    readonly actor: Actor;
    readonly reason: string | null;
  };
}

type Row = readonly [
  claimId: string,
  position: number,
  at: string,
  type: string,
  stream: string,
  actorId: string,
  actorRole: Role,
  reason: string | null,
  from: Label | null,
  to: Label,
  defeatedBy: string,
];

const toView = ([
  claimId,
  position,
  at,
  type,
  streamId,
  actorId,
  actorRole,
  reason,
  from,
  to,
  defeatedBy,
]: Row) => ({
  claimId,
  position: String(position),
  at,
  from,
  to,
  defeatedBy: JSON.parse(defeatedBy) as string[],
  cause: { type, streamId, actor: { id: actorId, role: actorRole }, reason },
});

export class StandingQueries {
  constructor(private readonly db: Database.Database) {}

  /** Oldest first, keyset-paginated on the position; `toPosition` cuts it where a moment of time travel stands. */
  history(
    claimId: string,
    first?: number | null,
    after?: string | null,
    toPosition?: bigint,
  ): Page<StandingChangeView> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['position']);
    const until = toPosition ?? Number.MAX_SAFE_INTEGER;
    const rows = prepared(
      this.db,
      `SELECT claim_id, position, at, trigger_type, trigger_stream, actor_id, actor_role, reason, from_label, to_label,
         defeated_by FROM claim_standing WHERE claim_id = ? AND position > ? AND position <= ? ORDER BY position LIMIT ?`,
    )
      .raw()
      .all(claimId, cursor ? cursor[0] : 0, until, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    return {
      items: page.map(toView),
      cursors: page.map((row) => encodeCursor([row[1]])),
      totalCount: prepared(
        this.db,
        'SELECT count(*) FROM claim_standing WHERE claim_id = ? AND position <= ?',
      )
        .pluck()
        .get(claimId, until) as number,
      hasNextPage: rows.length > limit,
      hasPreviousPage: cursor !== undefined,
    };
  }
}
