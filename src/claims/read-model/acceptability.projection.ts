import type Database from 'better-sqlite3';
import { prepared } from '../../read-model/statement-cache.js';
import { sqlStringList } from '../../read-model/sql-list.js';
import { ATTACKING_COUNTERPOINT_STATES, ATTACKING_RELATION_KINDS } from '../domain/claim.attacks.js';
import { groundedLabelling, type Attack, type Label } from '../domain/grounded-labelling.js';

const ATTACKING_KINDS_SQL = sqlStringList(ATTACKING_RELATION_KINDS);
const ATTACKING_STATES_SQL = sqlStringList(ATTACKING_COUNTERPOINT_STATES);

/**
 * Recomputes labels for the claims an event can affect, not the whole graph: a change at a claim can only
 * move the labels of what it attacks, transitively, so the work is the forward closure of the touched
 * claims along live attack edges. Attackers outside that closure keep their stored labels.
 */
export const recomputeAcceptability = (db: Database.Database, touched: Iterable<string>): void => {
  const targetsOf = prepared(
    db,
    `SELECT r.to_id FROM relations r JOIN claims c ON c.id = r.from_id
      WHERE r.from_id = ? AND r.kind IN (${ATTACKING_KINDS_SQL}) AND c.retracted = 0`,
  ).pluck();
  const claim = prepared(db, 'SELECT retracted, acceptability, defeated_by FROM claims WHERE id = ?');
  const claimAttackers = prepared(
    db,
    `SELECT r.from_id AS attacker, c.acceptability AS label FROM relations r JOIN claims c ON c.id = r.from_id
      WHERE r.to_id = ? AND r.kind IN (${ATTACKING_KINDS_SQL}) AND c.retracted = 0`,
  );
  const counterpointAttackers = prepared(
    db,
    `SELECT id FROM counterpoints WHERE claim_id = ? AND state IN (${ATTACKING_STATES_SQL})`,
  ).pluck();
  const update = prepared(db, 'UPDATE claims SET acceptability = ?, defeated_by = ? WHERE id = ?');

  const closure = new Set<string>();
  const pending = [...touched];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (closure.has(id)) continue;
    const row = claim.get(id) as { retracted: number } | undefined;
    if (!row) continue;
    if (row.retracted) {
      // Retraction removes the claim from the graph: it stands for nothing and attacks nothing.
      update.run('OUT', '[]', id);
      continue;
    }
    closure.add(id);
    for (const target of targetsOf.all(id) as string[]) pending.push(target);
  }
  if (closure.size === 0) return;

  const attacks: Attack[] = [];
  const fixed = new Map<string, Label>();
  for (const id of closure) {
    for (const { attacker, label } of claimAttackers.all(id) as Array<{ attacker: string; label: Label }>) {
      attacks.push({ from: attacker, to: id });
      if (!closure.has(attacker)) fixed.set(attacker, label);
    }
    for (const counterpoint of counterpointAttackers.all(id) as string[]) {
      attacks.push({ from: counterpoint, to: id }); // unattacked, so IN
    }
  }
  const { labels, defeatedBy } = groundedLabelling(closure, attacks, fixed);
  for (const id of closure) {
    const current = claim.get(id) as { acceptability: string; defeated_by: string };
    const label = labels.get(id)!;
    const culprits = JSON.stringify(defeatedBy.get(id) ?? []);
    if (current.acceptability !== label || current.defeated_by !== culprits) update.run(label, culprits, id);
  }
};

/**
 * Labels every claim at once, from the whole graph: what a bulk rebuild runs after its load instead of
 * `recomputeAcceptability` per batch. Grounded labels are unique, so this stores what the incremental
 * path would have: retracted claims OUT with no culprits, live ones labelled over live attacks and the
 * attacking counterpoints. Three scans and an update per claim whose label is not the default.
 */
export const relabelAllClaims = (db: Database.Database): void => {
  const claims = db.prepare('SELECT id, retracted, acceptability, defeated_by FROM claims').all() as Array<{
    id: string;
    retracted: number;
    acceptability: string;
    defeated_by: string;
  }>;
  const live = new Set(claims.filter((claim) => !claim.retracted).map((claim) => claim.id));
  const attacks: Attack[] = [];
  const links = db
    .prepare(`SELECT from_id, to_id FROM relations WHERE kind IN (${ATTACKING_KINDS_SQL})`)
    .raw()
    .iterate() as Iterable<[string, string]>;
  for (const [from, to] of links) if (live.has(from)) attacks.push({ from, to });
  const counterpoints = db
    .prepare(`SELECT id, claim_id FROM counterpoints WHERE state IN (${ATTACKING_STATES_SQL})`)
    .raw()
    .iterate() as Iterable<[string, string]>;
  for (const [counterpoint, claim] of counterpoints) attacks.push({ from: counterpoint, to: claim }); // unattacked, so IN
  const { labels, defeatedBy } = groundedLabelling(live, attacks);
  const update = db.prepare('UPDATE claims SET acceptability = ?, defeated_by = ? WHERE id = ?');
  for (const claim of claims) {
    const label = claim.retracted ? 'OUT' : labels.get(claim.id)!;
    const culprits = claim.retracted ? '[]' : JSON.stringify(defeatedBy.get(claim.id) ?? []);
    if (claim.acceptability !== label || claim.defeated_by !== culprits)
      update.run(label, culprits, claim.id);
  }
};
