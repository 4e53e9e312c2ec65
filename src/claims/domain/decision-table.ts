import type { Command } from '../../event-sourcing/metadata.js';
import type { ClaimEvent } from './claim.events.js';
import type { ClaimState } from './claim.state.js';

/**
 * A table of decide functions keyed by the command type each decides: the key must be the type its
 * command names (a function for `AttachEvidence` under another key does not compile). The decider's command
 * union is derived from the tables, so a command is declared and dispatched in one place.
 */
export const decisionTable = <
  Table extends {
    readonly [Type in keyof Table]: (
      command: Command<Type & string, never>,
      state: ClaimState,
    ) => readonly ClaimEvent[];
  },
>(
  table: Table,
): Table => table;
