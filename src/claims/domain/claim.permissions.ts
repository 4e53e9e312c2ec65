import { isOwnerOrEditor } from '../../event-sourcing/guards.js';
import { roleAtLeast, type Actor } from '../../event-sourcing/metadata.js';
import type { CounterpointResolution, CounterpointState } from './claim.values.js';

/**
 * Who may act on a counterpoint, beyond the ANALYST minimum every debate command has (docs/architecture.md
 * §4): the one statement of these rules, which the deciders enforce and the web app reads to offer only what
 * the server will accept.
 * - `ANY_ANALYST`: every analyst; `EDITOR`: an EDITOR or ADMIN;
 * - `OWNER_OR_EDITOR`: the owner (for a concession the claim's proposer, for a reopening the counterpoint's
 *   author) or an EDITOR or ADMIN;
 * - `NO_ONE`: the state allows it to nobody.
 */
export type Permit = 'ANY_ANALYST' | 'OWNER_OR_EDITOR' | 'EDITOR' | 'NO_ONE';

/** An answer is an argument anyone may make; a concession is the claim's side's; a dismissal is editorial. */
export const RESOLVE_PERMITS: Readonly<Record<CounterpointResolution, Permit>> = {
  ANSWERED: 'ANY_ANALYST',
  CONCEDED: 'OWNER_OR_EDITOR',
  DISMISSED: 'EDITOR',
};

/**
 * Reopening, by the counterpoint's state: an answer may be rebutted by the counterpoint's author or an
 * editor, a dismissal undone by an editor; a concession already grants the point, an open one is open.
 */
export const REOPEN_PERMITS: Readonly<Record<CounterpointState, Permit>> = {
  ANSWERED: 'OWNER_OR_EDITOR',
  DISMISSED: 'EDITOR',
  CONCEDED: 'NO_ONE',
  OPEN: 'NO_ONE',
};

/** The ownership rule itself (event-sourcing/guards.ts): the one who added it, or an EDITOR or ADMIN. */
export { isOwnerOrEditor };

/** Whether `actor` (an ANALYST or higher) holds `permit` over what `owner` added. */
export const holdsPermit = (permit: Permit, actor: Actor, owner: Actor): boolean => {
  switch (permit) {
    case 'ANY_ANALYST':
      return roleAtLeast(actor.role, 'ANALYST');
    case 'OWNER_OR_EDITOR':
      return roleAtLeast(actor.role, 'ANALYST') && isOwnerOrEditor(actor, owner);
    case 'EDITOR':
      return roleAtLeast(actor.role, 'EDITOR');
    case 'NO_ONE':
      return false;
    default: {
      const unexpected: never = permit;
      throw new Error(`unknown permit ${String(unexpected)}`);
    }
  }
};
