/**
 * Every GraphQL document the web app sends, and nothing else: test/web/operations.spec.ts validates each
 * exported document against schema.gql and fails if a `gql` document appears in any other file.
 * Fragments are module-private strings spliced into the documents that use them.
 */
import { gql } from './doc.js';
import type {
  Actor,
  ArgumentGraph,
  AuditEntry,
  ClaimDetail,
  ClaimOrderField,
  ClaimPayload,
  ClaimRow,
  Connection,
  CounterpointResolution,
  OrderDirection,
  RelatedClaim,
  RelationKind,
  SourceDetail,
  SourceListItem,
  Stance,
  Verdict,
  Acceptability,
  ClaimStatus,
} from './types.js';

const CLAIM_DETAIL = `
  fragment ClaimDetail on Claim {
    id statement status acceptability defeatedBy tags version attributedTo createdAt updatedAt
    createdBy { id role }
    anchor { quote { exact prefix suffix start end } source { id title author url } }
    assessment { verdict confidence rationale assessedAt assessedBy { id role } }
    evidence(includeWithdrawn: true) {
      id stance summary reliability withdrawn withdrawnReason addedAt addedBy { id role }
      citation { url title author publisher publishedAt accessedAt quote }
    }
    counterpoints {
      id text state raisedAt raisedBy { id role } response respondedAt respondedBy { id role } citation { url title }
    }
    relations {
      kind rationale linkedAt linkedBy { id role }
      from { id statement status acceptability }
      to { id statement status acceptability }
    }
  }
`;

const CLAIM_ROW = `
  fragment ClaimRow on Claim {
    id statement status acceptability tags version createdAt updatedAt
    createdBy { id role }
    assessment { verdict }
    anchor { source { id title } }
    evidence { stance }
    counterpoints { state }
    relations { kind from { id } to { id } }
  }
`;

const CLAIM_PAYLOAD = `claim { ...ClaimDetail }`;

// ---- session -------------------------------------------------------------------------------------------

export const VIEWER = gql<{ viewer: Actor }>`
  query Viewer {
    viewer {
      id
      role
    }
  }
`;

// ---- sources -------------------------------------------------------------------------------------------

export interface CitationInput {
  url?: string | null;
  title?: string | null;
  author?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
  accessedAt?: string | null;
  quote?: string | null;
}

export const SOURCES = gql<
  { sources: Connection<SourceListItem> },
  { first?: number; after?: string | null }
>`
  query Sources($first: Int, $after: String) {
    sources(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          author
          publisher
          publishedAt
          url
          textLength
          registeredAt
          claims(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`;

export const SOURCE_READER = gql<{ source: SourceDetail | null }, { id: string }>`
  query SourceReader($id: ID!) {
    source(id: $id) {
      id
      title
      url
      author
      publisher
      publishedAt
      language
      text
      textLength
      claims(first: 200) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            statement
            status
            acceptability
            anchor {
              quote {
                start
                end
                exact
              }
            }
          }
        }
      }
    }
  }
`;

export interface RegisterSourceInput {
  title: string;
  url?: string | null;
  author?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  text?: string | null;
  idempotencyKey?: string;
}

export const REGISTER_SOURCE = gql<
  { registerSource: { source: { id: string; title: string } } },
  { input: RegisterSourceInput }
>`
  mutation RegisterSource($input: RegisterSourceInput!) {
    registerSource(input: $input) {
      source {
        id
        title
      }
    }
  }
`;

// ---- claims: reading ------------------------------------------------------------------------------------

export interface ClaimFilterInput {
  status?: ClaimStatus[];
  acceptability?: Acceptability[];
  verdict?: Verdict[];
  tags?: string[];
  sourceId?: string;
  search?: string;
}

export const CLAIM_BOARD = gql<
  { claims: Connection<ClaimRow> },
  {
    filter: ClaimFilterInput;
    orderBy: { field: ClaimOrderField; direction: OrderDirection };
    first: number;
    after: string | null;
  }
>`
  query ClaimBoard($filter: ClaimFilter, $orderBy: ClaimOrder, $first: Int, $after: String) {
    claims(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ClaimRow
        }
        match {
          field
          highlights {
            text
            matched
          }
        }
      }
    }
  }
  ${CLAIM_ROW}
`;

export const CLAIM_SEARCH = gql<
  { claims: Connection<RelatedClaim> },
  { search: string | null; first: number }
>`
  query ClaimSearch($search: String, $first: Int) {
    claims(filter: { search: $search }, first: $first, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          statement
          status
          acceptability
        }
      }
    }
  }
`;

export const CLAIM_PAGE = gql<{ claim: ClaimDetail | null }, { id: string }>`
  query ClaimPage($id: ID!) {
    claim(id: $id) {
      ...ClaimDetail
    }
  }
  ${CLAIM_DETAIL}
`;

export const CLAIM_HISTORY = gql<
  {
    claim: {
      id: string;
      statement: string;
      version: number;
      status: ClaimStatus;
      acceptability: Acceptability;
      history: Connection<AuditEntry>;
    } | null;
  },
  { id: string; first: number; after: string | null }
>`
  query ClaimHistory($id: ID!, $first: Int, $after: String) {
    claim(id: $id) {
      id
      statement
      version
      status
      acceptability
      history(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            position
            type
            subjectId
            version
            occurredAt
            recordedAt
            reason
            summary
            actor {
              id
              role
            }
          }
        }
      }
    }
  }
`;

/** Time travel: the claim folded up to a version (served once the server supports it). */
export const CLAIM_AT_VERSION = gql<{ claim: ClaimDetail | null }, { id: string; version: number }>`
  query ClaimAtVersion($id: ID!, $version: Int!) {
    claim(id: $id, atVersion: $version) {
      ...ClaimDetail
    }
  }
  ${CLAIM_DETAIL}
`;

export const ARGUMENT_GRAPH = gql<
  { argumentGraph: ArgumentGraph },
  { rootId: string | null; depth: number; asOf: string | null }
>`
  query ArgumentGraph($rootId: ID, $depth: Int, $asOf: DateTime) {
    argumentGraph(rootId: $rootId, depth: $depth, asOf: $asOf) {
      asOf
      nodes {
        id
        statement
        status
        acceptability
      }
      edges {
        kind
        rationale
        from {
          id
        }
        to {
          id
        }
      }
    }
  }
`;

// ---- claims: changing -----------------------------------------------------------------------------------

interface Versioned {
  claimId: string;
  expectedVersion: number;
  idempotencyKey?: string;
}

export interface ProposeClaimInput {
  statement: string;
  sourceId?: string | null;
  quote?: { exact: string; prefix?: string | null; suffix?: string | null } | null;
  tags?: string[];
  attributedTo?: string | null;
  note?: string | null;
  idempotencyKey?: string;
}

export const PROPOSE_CLAIM = gql<{ proposeClaim: ClaimPayload }, { input: ProposeClaimInput }>`
  mutation ProposeClaim($input: ProposeClaimInput!) { proposeClaim(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const REVISE_CLAIM = gql<
  { reviseClaim: ClaimPayload },
  { input: Versioned & { statement: string; reason: string } }
>`
  mutation ReviseClaim($input: ReviseClaimInput!) { reviseClaim(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const TAG_CLAIM = gql<
  { tagClaim: ClaimPayload },
  { input: Versioned & { add: string[]; remove: string[] } }
>`
  mutation TagClaim($input: TagClaimInput!) { tagClaim(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const ATTACH_EVIDENCE = gql<
  { attachEvidence: ClaimPayload },
  {
    input: Versioned & {
      stance: Stance;
      summary: string;
      citation: CitationInput;
      reliability?: number | null;
    };
  }
>`
  mutation AttachEvidence($input: AttachEvidenceInput!) { attachEvidence(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const WITHDRAW_EVIDENCE = gql<
  { withdrawEvidence: ClaimPayload },
  { input: Versioned & { evidenceId: string; reason: string } }
>`
  mutation WithdrawEvidence($input: WithdrawEvidenceInput!) { withdrawEvidence(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const RAISE_COUNTERPOINT = gql<
  { raiseCounterpoint: ClaimPayload },
  { input: Versioned & { text: string; citation?: CitationInput | null } }
>`
  mutation RaiseCounterpoint($input: RaiseCounterpointInput!) { raiseCounterpoint(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const RESPOND_TO_COUNTERPOINT = gql<
  { respondToCounterpoint: ClaimPayload },
  { input: Versioned & { counterpointId: string; resolution: CounterpointResolution; response: string } }
>`
  mutation RespondToCounterpoint($input: RespondToCounterpointInput!) { respondToCounterpoint(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const LINK_CLAIMS = gql<
  { linkClaims: ClaimPayload },
  {
    input: {
      fromClaimId: string;
      toClaimId: string;
      kind: RelationKind;
      rationale?: string | null;
      expectedVersion: number;
      idempotencyKey?: string;
    };
  }
>`
  mutation LinkClaims($input: LinkClaimsInput!) { linkClaims(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const UNLINK_CLAIMS = gql<
  { unlinkClaims: ClaimPayload },
  {
    input: {
      fromClaimId: string;
      toClaimId: string;
      kind: RelationKind;
      reason: string;
      expectedVersion: number;
      idempotencyKey?: string;
    };
  }
>`
  mutation UnlinkClaims($input: UnlinkClaimsInput!) { unlinkClaims(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const ASSESS_CLAIM = gql<
  { assessClaim: ClaimPayload },
  { input: Versioned & { verdict: Verdict; confidence: number; rationale: string } }
>`
  mutation AssessClaim($input: AssessClaimInput!) { assessClaim(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

export const RETRACT_CLAIM = gql<{ retractClaim: ClaimPayload }, { input: Versioned & { reason: string } }>`
  mutation RetractClaim($input: RetractClaimInput!) { retractClaim(input: $input) { ${CLAIM_PAYLOAD} } }
  ${CLAIM_DETAIL}
`;

// ---- live -----------------------------------------------------------------------------------------------

export const LIVE_AUDIT_EVENTS = gql<{ auditEvents: AuditEntry }>`
  subscription LiveAuditEvents {
    auditEvents {
      position
      type
      subjectId
      streamId
      version
      occurredAt
      reason
      summary
      actor {
        id
        role
      }
    }
  }
`;
