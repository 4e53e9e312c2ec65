import {
  GRAPH_CHANGING_TYPES,
  type GraphChangingType,
  type ClaimLinked,
  type ClaimUnlinked,
  type CounterpointRaised,
  type CounterpointReopened,
  type CounterpointResolved,
} from '../domain/claim.events.js';
import type { CounterpointResolution, RelationKind } from '../domain/claim.values.js';
import type { StoredEvent } from '../../event-sourcing/event-store.js';
import type { Actor } from '../../event-sourcing/metadata.js';
import { claimIdOfStream } from '../domain/claim.stream.js';

/**
 * The part of a claim event the argument graph depends on: which claims exist and are live, their links,
 * and the state of their counterpoints. Folding these instead of whole claims keeps a graph "as of" a time
 * cheap over a long log: evidence, tags, assessments and revisions are skipped without being parsed.
 */
export type GraphEvent =
  | { readonly type: 'ClaimProposed'; readonly claimId: string; readonly position: bigint }
  | { readonly type: 'ClaimRetracted'; readonly claimId: string; readonly position: bigint }
  | {
      readonly type: 'ClaimLinked';
      readonly claimId: string;
      readonly position: bigint;
      readonly toClaimId: string;
      readonly kind: RelationKind;
      readonly rationale: string | null;
      readonly by: Actor;
      readonly at: string;
    }
  | {
      readonly type: 'ClaimUnlinked';
      readonly claimId: string;
      readonly position: bigint;
      readonly toClaimId: string;
      readonly kind: RelationKind;
    }
  | {
      readonly type: 'CounterpointRaised';
      readonly claimId: string;
      readonly position: bigint;
      readonly counterpointId: string;
    }
  | {
      readonly type: 'CounterpointResolved';
      readonly claimId: string;
      readonly position: bigint;
      readonly counterpointId: string;
      readonly resolution: CounterpointResolution;
    }
  | {
      /** A rebuttal made the counterpoint OPEN again: it attacks its claim once more. */
      readonly type: 'CounterpointReopened';
      readonly claimId: string;
      readonly position: bigint;
      readonly counterpointId: string;
    };

export type GraphEventType = GraphEvent['type'];

// Fails to compile unless the graph folds exactly the event types the domain says change it.
const foldsWhatChangesTheGraph: [GraphEventType, GraphChangingType] extends [
  GraphChangingType,
  GraphEventType,
]
  ? true
  : never = true;
void foldsWhatChangesTheGraph;

export const GRAPH_EVENT_TYPES: readonly GraphEventType[] = GRAPH_CHANGING_TYPES;
const graphEventTypes: ReadonlySet<string> = new Set(GRAPH_EVENT_TYPES);

/** The graph's view of a stored (and upcast) claim event; undefined for events the graph does not need. */
export const toGraphEvent = (stored: StoredEvent): GraphEvent | undefined => {
  const claimId = claimIdOfStream(stored.streamId);
  return claimId === undefined ? undefined : graphEventOf(claimId, stored);
};

/** The same for an event of a claim's stream. Touches the data only of the events the graph needs. */
export const graphEventOf = (
  claimId: string,
  stored: Pick<StoredEvent, 'type' | 'data' | 'position'>,
): GraphEvent | undefined => {
  if (!graphEventTypes.has(stored.type)) return undefined;
  const type = stored.type as GraphEventType;
  const { position } = stored;
  switch (type) {
    case 'ClaimProposed':
    case 'ClaimRetracted':
      return { type, claimId, position };
    case 'ClaimLinked': {
      const { toClaimId, kind, rationale, by, at } = stored.data as unknown as ClaimLinked['data'];
      return { type, claimId, position, toClaimId, kind, rationale, by, at };
    }
    case 'ClaimUnlinked': {
      const { toClaimId, kind } = stored.data as unknown as ClaimUnlinked['data'];
      return { type, claimId, position, toClaimId, kind };
    }
    case 'CounterpointRaised':
      return {
        type,
        claimId,
        position,
        counterpointId: (stored.data as unknown as CounterpointRaised['data']).counterpointId,
      };
    case 'CounterpointResolved': {
      const { counterpointId, resolution } = stored.data as unknown as CounterpointResolved['data'];
      return { type, claimId, position, counterpointId, resolution };
    }
    case 'CounterpointReopened':
      return {
        type,
        claimId,
        position,
        counterpointId: (stored.data as unknown as CounterpointReopened['data']).counterpointId,
      };
    default: {
      const unexpected: never = type;
      throw new Error(`unknown claim event type ${String(unexpected)}`);
    }
  }
};
