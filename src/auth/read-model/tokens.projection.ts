import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Projection } from '../../read-model/projection.js';
import { ACCESS_EVENT_TYPES, type AccessEvent } from '../domain/access.events.js';

export const TOKENS_SCHEMA = `
CREATE TABLE IF NOT EXISTS tokens (
  token_id      TEXT PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,
  actor_id      TEXT NOT NULL,
  role          TEXT NOT NULL,
  granted_at    TEXT NOT NULL,
  granted_by    TEXT NOT NULL,
  revoked_at    TEXT,
  revoke_reason TEXT,
  position      INTEGER NOT NULL
);
`;

export interface TokenRow {
  readonly token_id: string;
  readonly token_hash: string;
  readonly actor_id: string;
  readonly role: string;
  readonly granted_at: string;
  readonly granted_by: string;
  readonly revoked_at: string | null;
  readonly revoke_reason: string | null;
  readonly position: number;
}

const statementsFor = (db: Database.Database) => ({
  // ON CONFLICT without a target covers both the primary key (a replayed grant) and the unique hash: a
  // second token with the same hash (never produced by generateToken) is left out rather than wedging
  // the projector on a poison event; the first grant keeps working. NOT NULL violations still fail.
  grant: db.prepare(
    `INSERT INTO tokens (token_id, token_hash, actor_id, role, granted_at, granted_by, position)
     VALUES (@tokenId, @tokenHash, @actorId, @role, @at, @grantedBy, @position)
     ON CONFLICT DO NOTHING`,
  ),
  // Only the first revocation counts, so a replayed one leaves the row as it was.
  revoke: db.prepare(
    `UPDATE tokens SET revoked_at = @at, revoke_reason = @reason, position = @position
     WHERE token_id = @tokenId AND revoked_at IS NULL`,
  ),
});

const cache = new WeakMap<Database.Database, ReturnType<typeof statementsFor>>();
const statements = (db: Database.Database) => {
  let prepared = cache.get(db);
  if (!prepared) cache.set(db, (prepared = statementsFor(db)));
  return prepared;
};

/** Who each token authenticates as, looked up by hash on every request. Idempotent per event. */
export const tokensProjection: Projection = {
  name: 'tokens',
  version: 1,
  handles: new Set<string>(ACCESS_EVENT_TYPES),
  schema: TOKENS_SCHEMA,
  verifiedTables: [{ name: 'tokens', rows: 'SELECT * FROM tokens ORDER BY token_id' }],
  apply(db: Database.Database, stored: StoredEvent): void {
    const event = { type: stored.type, data: stored.data } as AccessEvent;
    switch (event.type) {
      case 'TokenGranted': {
        const { data } = event;
        statements(db).grant.run({
          tokenId: data.tokenId,
          tokenHash: data.tokenHash,
          actorId: data.actorId,
          role: data.role,
          at: data.at,
          grantedBy: data.by.id,
          position: stored.position,
        });
        return;
      }
      case 'TokenRevoked': {
        const { data } = event;
        statements(db).revoke.run({
          tokenId: data.tokenId,
          at: data.at,
          reason: data.reason,
          position: stored.position,
        });
        return;
      }
      default: {
        // Compile-time only: the projector hands over nothing but the types in `handles`.
        const unexpected: never = event;
        throw new Error(`tokens projection: unhandled event ${JSON.stringify(unexpected)}`);
      }
    }
  },
};
