import { outdatesAssessment, type ClaimEvent, type ClaimProposed } from './claim.events.js';
import { THREAD_KIND_OF_RESOLUTION } from './claim.values.js';
import {
  deriveClaimStatus,
  isSameRelation,
  type ClaimState,
  type CounterpointRecord,
  type EvidenceRecord,
  type LiveClaim,
  type RelationRecord,
} from './claim.state.js';

/** A claim being built: its own lists, which only it changes. */
type ClaimDraft = {
  -readonly [Key in keyof LiveClaim]: LiveClaim[Key];
} & {
  evidence: EvidenceRecord[];
  counterpoints: CounterpointRecord[];
  relations: RelationRecord[];
};

type LaterEvent = Exclude<ClaimEvent, ClaimProposed>;

const proposedClaim = ({ data }: ClaimProposed): ClaimDraft => ({
  status: 'live',
  claimId: data.claimId,
  claimStatus: 'OPEN',
  statement: data.statement,
  version: 1,
  tags: data.tags,
  attributedTo: data.attributedTo,
  anchor: data.anchor,
  note: data.note,
  createdBy: data.by,
  createdAt: data.at,
  updatedAt: data.at,
  evidence: [],
  counterpoints: [],
  relations: [],
  assessment: null,
  retraction: null,
});

/**
 * After the event at `claim.version`: a standing verdict on what the event changed is stale from here on
 * (`outdatesAssessment`, claim.events.ts). Its first cause is kept; the verdict itself stays in the history.
 */
const outdateAssessment = (claim: ClaimDraft, event: LaterEvent): void => {
  if (claim.assessment === null || claim.assessment.staleSince !== null || !outdatesAssessment(event.type))
    return;
  const { claimId, at, by } = event.data;
  claim.assessment = {
    ...claim.assessment,
    staleSince: { claimId, version: claim.version, type: event.type, at, by },
  };
};

/** One later event on a draft: its own change, the version it makes, and what it outdates. */
const advance = (claim: ClaimDraft, event: LaterEvent): void => {
  claim.version += 1;
  applyTo(claim, event);
  outdateAssessment(claim, event);
  claim.updatedAt = event.data.at;
};

/**
 * The one switch over claim events: what each event changes on a claim. It writes into the draft's own
 * lists and replaces the records it changes (never edits one in place), so a state it was copied from is
 * left as it was. The status is derived by the callers, from the result.
 */
const applyTo = (claim: ClaimDraft, event: LaterEvent): void => {
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
      replaceWhere(
        claim.evidence,
        (evidence) => evidence.evidenceId === evidenceId,
        (evidence) => ({
          ...evidence,
          withdrawn: true,
          withdrawnReason: reason,
          withdrawnBy: by,
          withdrawnAt: at,
        }),
      );
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
        thread: [],
      });
      return;
    }
    case 'CounterpointResolved': {
      const { counterpointId, resolution, response } = event.data;
      replaceWhere(
        claim.counterpoints,
        (counterpoint) => counterpoint.counterpointId === counterpointId,
        (counterpoint) => ({
          ...counterpoint,
          state: resolution,
          response,
          respondedBy: by,
          respondedAt: at,
          thread: [
            ...counterpoint.thread,
            { kind: THREAD_KIND_OF_RESOLUTION[resolution], text: response, reason: null, by, at },
          ],
        }),
      );
      return;
    }
    case 'CounterpointReopened': {
      const { counterpointId, text, reason } = event.data;
      replaceWhere(
        claim.counterpoints,
        (counterpoint) => counterpoint.counterpointId === counterpointId,
        (counterpoint): CounterpointRecord => ({
          ...counterpoint,
          state: 'OPEN',
          response: null,
          respondedBy: null,
          respondedAt: null,
          thread: [...counterpoint.thread, { kind: 'REBUTTAL', text, reason, by, at }],
        }),
      );
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
      const { verdict, confidence, rationale, assessedVersion, statement } = event.data;
      claim.assessment = {
        verdict,
        confidence,
        rationale,
        assessedBy: by,
        assessedAt: at,
        // Assessments recorded before they named what they judged: the claim as it was at the event.
        assessedVersion: assessedVersion ?? claim.version,
        assessedStatement: statement ?? claim.statement,
        staleSince: null,
      };
      return;
    }
    case 'AssessmentWithdrawn':
      claim.assessment = null;
      return;
    case 'ClaimReanchored':
      claim.anchor = event.data.anchor;
      return;
    case 'ClaimRetracted':
      claim.retraction = { reason: event.data.reason, retractedBy: by, retractedAt: at };
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown claim event ${JSON.stringify(unexpected)}`);
    }
  }
};

const replaceWhere = <Item>(
  items: Item[],
  matches: (item: Item) => boolean,
  replace: (item: Item) => Item,
): void => {
  items.forEach((item, index) => {
    if (matches(item)) items[index] = replace(item);
  });
};

const proposedTwice = (claimId: string): Error => new Error(`claim ${claimId} was proposed twice`);
const beforeProposal = (event: LaterEvent): Error =>
  new Error(`${event.type} for claim ${event.data.claimId} comes before its ClaimProposed`);

/** One event on a claim state, as the decider's `evolve`: a new state, the given one left as it was. */
export const evolveClaim = (state: ClaimState, event: ClaimEvent): ClaimState => {
  if (event.type === 'ClaimProposed') {
    // Deciders never propose twice; a second ClaimProposed would mean a corrupt stream.
    if (state.status !== 'none') throw proposedTwice(state.claimId);
    return proposedClaim(event);
  }
  if (state.status === 'none') throw beforeProposal(event);
  const claim: ClaimDraft = {
    ...state,
    evidence: [...state.evidence],
    counterpoints: [...state.counterpoints],
    relations: [...state.relations],
  };
  advance(claim, event);
  claim.claimStatus = deriveClaimStatus(claim);
  return claim;
};

/**
 * A whole stream folded into one draft: the same state as folding `evolveClaim`, without its copy of the
 * claim and its lists at every event, which made a fold quadratic (1,000 events took 13–44 ms, mostly in
 * the garbage collector; docs/decisions/0001-in-place-fold.md). The status depends only on the final
 * retraction, counterpoints and assessment, so it is derived once at the end.
 */
export const foldClaim = (events: Iterable<ClaimEvent>): ClaimState => {
  let claim: ClaimDraft | undefined;
  for (const event of events) {
    if (event.type === 'ClaimProposed') {
      if (claim) throw proposedTwice(claim.claimId);
      claim = proposedClaim(event);
      continue;
    }
    if (!claim) throw beforeProposal(event);
    advance(claim, event);
  }
  if (!claim) return { status: 'none' };
  claim.claimStatus = deriveClaimStatus(claim);
  return claim;
};
