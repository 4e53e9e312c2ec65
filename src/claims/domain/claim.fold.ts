import type { ClaimEvent } from './claim.events.js';
import {
  deriveClaimStatus,
  isSameRelation,
  type ClaimState,
  type CounterpointRecord,
  type EvidenceRecord,
  type LiveClaim,
  type RelationRecord,
} from './claim.state.js';

type Draft = {
  -readonly [Key in keyof LiveClaim]: LiveClaim[Key];
} & {
  evidence: EvidenceRecord[];
  counterpoints: CounterpointRecord[];
  relations: RelationRecord[];
};

/**
 * The claim a stream describes: the same result as folding with the domain's `evolveClaim`, built in place.
 * `evolveClaim` copies the claim and its lists at every event, which is right for a decider that folds short
 * streams, but makes a fold quadratic in allocations: 1,000 events took 13–44 ms, mostly in the garbage
 * collector. Time travel folds whole streams per request, so it mutates one draft and derives the status once
 * at the end (status depends only on the final retraction, counterpoints and assessment). Commands rehydrate
 * a claim with it too (`claimDecider.fold`). The specs check this fold against `evolveClaim` on every kind
 * of event.
 */
export const foldClaim = (events: Iterable<ClaimEvent>): ClaimState => {
  let claim: Draft | undefined;
  for (const event of events) {
    if (event.type === 'ClaimProposed') {
      if (claim) throw new Error(`claim ${claim.claimId} was proposed twice`);
      const { claimId, statement, tags, attributedTo, anchor, note, by, at } = event.data;
      claim = {
        status: 'live',
        claimId,
        claimStatus: 'OPEN',
        statement,
        tags,
        attributedTo,
        anchor,
        note,
        createdBy: by,
        createdAt: at,
        updatedAt: at,
        evidence: [],
        counterpoints: [],
        relations: [],
        assessment: null,
        retraction: null,
      };
      continue;
    }
    if (!claim)
      throw new Error(`${event.type} for claim ${event.data.claimId} comes before its ClaimProposed`);
    apply(claim, event);
    claim.updatedAt = event.data.at;
  }
  if (!claim) return { status: 'none' };
  claim.claimStatus = deriveClaimStatus(claim);
  return claim;
};

const apply = (claim: Draft, event: Exclude<ClaimEvent, { type: 'ClaimProposed' }>): void => {
  const { at, by } = event.data;
  switch (event.type) {
    case 'ClaimRevised':
      claim.statement = event.data.statement;
      return;
    case 'ClaimTagged': {
      const { added, removed } = event.data;
      claim.tags = [...claim.tags.filter((tag) => !removed.includes(tag)), ...added];
      return;
    }
    case 'EvidenceAttached': {
      const { evidenceId, stance, summary, citation, reliability } = event.data;
      claim.evidence.push({
        evidenceId,
        stance,
        summary,
        citation,
        reliability,
        addedBy: by,
        addedAt: at,
        withdrawn: false,
        withdrawnReason: null,
        withdrawnBy: null,
        withdrawnAt: null,
      });
      return;
    }
    case 'EvidenceWithdrawn': {
      const { evidenceId, reason } = event.data;
      claim.evidence.forEach((evidence, index) => {
        if (evidence.evidenceId === evidenceId) {
          claim.evidence[index] = {
            ...evidence,
            withdrawn: true,
            withdrawnReason: reason,
            withdrawnBy: by,
            withdrawnAt: at,
          };
        }
      });
      return;
    }
    case 'CounterpointRaised': {
      const { counterpointId, text, citation } = event.data;
      claim.counterpoints.push({
        counterpointId,
        text,
        citation,
        state: 'OPEN',
        raisedBy: by,
        raisedAt: at,
        response: null,
        respondedBy: null,
        respondedAt: null,
      });
      return;
    }
    case 'CounterpointResolved': {
      const { counterpointId, resolution, response } = event.data;
      claim.counterpoints.forEach((counterpoint, index) => {
        if (counterpoint.counterpointId === counterpointId) {
          claim.counterpoints[index] = {
            ...counterpoint,
            state: resolution,
            response,
            respondedBy: by,
            respondedAt: at,
          };
        }
      });
      return;
    }
    case 'ClaimLinked': {
      const { toClaimId, kind, rationale } = event.data;
      claim.relations.push({ toClaimId, kind, rationale, linkedBy: by, linkedAt: at });
      return;
    }
    case 'ClaimUnlinked': {
      const { toClaimId, kind } = event.data;
      claim.relations = claim.relations.filter((relation) => !isSameRelation(relation, toClaimId, kind));
      return;
    }
    case 'ClaimAssessed': {
      const { verdict, confidence, rationale } = event.data;
      claim.assessment = { verdict, confidence, rationale, assessedBy: by, assessedAt: at };
      return;
    }
    case 'ClaimRetracted':
      claim.retraction = { reason: event.data.reason, retractedBy: by, retractedAt: at };
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown claim event ${JSON.stringify(unexpected)}`);
    }
  }
};
