import { Fragment, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { AssessClaimForm } from '../components/forms/assess-claim-form.js';
import { AttachEvidenceForm } from '../components/forms/attach-evidence-form.js';
import { LinkClaimsForm } from '../components/forms/link-claims-form.js';
import { RaiseCounterpointForm } from '../components/forms/raise-counterpoint-form.js';
import { ReopenCounterpointForm } from '../components/forms/reopen-counterpoint-form.js';
import { RespondToCounterpointForm } from '../components/forms/respond-to-counterpoint-form.js';
import { RetractClaimForm } from '../components/forms/retract-claim-form.js';
import { ReviseClaimForm } from '../components/forms/revise-claim-form.js';
import { TagClaimForm } from '../components/forms/tag-claim-form.js';
import type { ClaimFormProps } from '../components/forms/use-claim-form.js';
import { UnlinkClaimsForm } from '../components/forms/unlink-claims-form.js';
import { WithdrawEvidenceForm } from '../components/forms/withdraw-evidence-form.js';
import { ClaimTabs } from '../components/ClaimTabs.js';
import {
  AcceptabilityBadge,
  CounterpointStateBadge,
  ErrorBox,
  KindBadge,
  label,
  Loading,
  StatusBadge,
  Tags,
  Time,
  Who,
} from '../components/ui.js';
import { isClaimId } from '../domain.js';
import { ClaimPageDocument } from '../generated/graphql.js';
import { useLiveRefetch } from '../live.js';
import { useQuery } from '../query.js';
import { EditorPanel } from '../claim/EditorPanel.js';
import { Link } from '../router.js';
import { permissions, useSession, type Permissions } from '../session.js';
import type {
  Citation,
  ClaimDetail,
  Counterpoint,
  CounterpointResolution,
  Evidence,
  Relation,
} from '../types.js';

/** A disclosure that mounts its form only while open, so the form starts from the version shown at that moment. */
const Action = ({
  title,
  children,
  open: initiallyOpen = false,
}: {
  title: string;
  children: (close: () => void) => ComponentChildren;
  open?: boolean;
}) => {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details
      class="action"
      open={open}
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{title}</summary>
      {open ? children(() => setOpen(false)) : null}
    </details>
  );
};

const CitationView = ({ citation }: { citation: Pick<Citation, 'url' | 'title'> & Partial<Citation> }) => {
  const title = citation.title ?? citation.url ?? 'untitled';
  const details = [
    citation.author,
    citation.publisher,
    citation.publishedAt ? new Date(citation.publishedAt).toLocaleDateString() : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <p class="citation-view">
      <span class="visually-hidden">Citation: </span>
      {citation.url ? (
        <a href={citation.url} rel="noreferrer noopener" target="_blank">
          {title}
        </a>
      ) : (
        <cite>{title}</cite>
      )}
      {details ? ` — ${details}` : ''}
      {citation.quote ? <q class="citation-quote">{citation.quote}</q> : null}
    </p>
  );
};

const EvidenceItem = ({
  evidence,
  can,
  form,
}: {
  evidence: Evidence;
  can: Permissions;
  form: Omit<ClaimFormProps, 'onClose'>;
}) => {
  const [withdrawing, setWithdrawing] = useState(false);
  return (
    <li class={`evidence${evidence.withdrawn ? ' withdrawn' : ''}`} data-evidence-id={evidence.id}>
      <p class="evidence-summary">{evidence.summary}</p>
      <CitationView citation={evidence.citation} />
      <p class="meta">
        {evidence.reliability !== null ? <>Reliability {Math.round(evidence.reliability * 100)}% · </> : null}
        Added by <Who actor={evidence.addedBy} /> on <Time iso={evidence.addedAt} />
      </p>
      {evidence.withdrawn ? <p class="meta">Withdrawn: {evidence.withdrawnReason}</p> : null}
      {!evidence.withdrawn && can.withdrawEvidence(evidence) ? (
        withdrawing ? (
          <WithdrawEvidenceForm {...form} evidence={evidence} onClose={() => setWithdrawing(false)} />
        ) : (
          <button type="button" class="small" onClick={() => setWithdrawing(true)}>
            Withdraw…
          </button>
        )
      ) : null}
    </li>
  );
};

const EvidenceSection = ({
  claim,
  can,
  form,
}: {
  claim: ClaimDetail;
  can: Permissions;
  form: Omit<ClaimFormProps, 'onClose'>;
}) => {
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const visible = claim.evidence.filter((item) => showWithdrawn || !item.withdrawn);
  const withdrawnCount = claim.evidence.filter((item) => item.withdrawn).length;
  const column = (stance: 'SUPPORTS' | 'UNDERMINES', title: string) => {
    const items = visible.filter((item) => item.stance === stance);
    return (
      <div class={`evidence-column stance-${stance}`}>
        <h3>
          {title} <span class="count">({items.length})</span>
        </h3>
        {items.length === 0 ? <p class="empty">None yet.</p> : null}
        <ul class="plain">
          {items.map((item) => (
            <EvidenceItem key={item.id} evidence={item} can={can} form={form} />
          ))}
        </ul>
      </div>
    );
  };
  return (
    <section aria-labelledby="evidence-heading" class="card">
      <h2 id="evidence-heading">Evidence</h2>
      {withdrawnCount > 0 ? (
        <label class="check">
          <input
            type="checkbox"
            checked={showWithdrawn}
            onChange={(event) => setShowWithdrawn(event.currentTarget.checked)}
          />{' '}
          Show withdrawn evidence ({withdrawnCount})
        </label>
      ) : null}
      <div class="evidence-columns">
        {column('SUPPORTS', 'For')}
        {column('UNDERMINES', 'Against')}
      </div>
      {can.attachEvidence ? (
        <Action title="Attach evidence">{(close) => <AttachEvidenceForm {...form} onClose={close} />}</Action>
      ) : null}
    </section>
  );
};

const CounterpointItem = ({
  counterpoint,
  can,
  form,
}: {
  counterpoint: Counterpoint;
  can: Permissions;
  form: Omit<ClaimFormProps, 'onClose'>;
}) => {
  const [acting, setActing] = useState<'respond' | 'reopen' | undefined>();
  const close = () => setActing(undefined);
  const respondable = counterpoint.state === 'OPEN' && can.resolutions.length > 0;
  return (
    <li class={`counterpoint state-${counterpoint.state}`} data-counterpoint-id={counterpoint.id}>
      <p>
        <CounterpointStateBadge state={counterpoint.state} /> {counterpoint.text}
      </p>
      {counterpoint.citation ? <CitationView citation={counterpoint.citation} /> : null}
      <p class="meta">
        Raised by <Who actor={counterpoint.raisedBy} /> on <Time iso={counterpoint.raisedAt} />
      </p>
      {counterpoint.thread.length > 0 ? (
        <ol class="plain thread" aria-label="Responses and rebuttals">
          {counterpoint.thread.map((entry, index) => (
            <li key={index} class={`thread-entry kind-${entry.kind}`}>
              <blockquote class="response">
                <p>
                  <strong>{label(entry.kind)}:</strong> {entry.text}
                </p>
                {entry.reason ? <p class="meta">Reopened because: {entry.reason}</p> : null}
                <p class="meta">
                  by <Who actor={entry.by} /> on <Time iso={entry.at} />
                </p>
              </blockquote>
            </li>
          ))}
        </ol>
      ) : null}
      {acting === 'respond' ? (
        <RespondToCounterpointForm
          {...form}
          counterpoint={counterpoint}
          resolutions={can.resolutions}
          onClose={close}
        />
      ) : acting === 'reopen' ? (
        <ReopenCounterpointForm {...form} counterpoint={counterpoint} onClose={close} />
      ) : respondable ? (
        <button type="button" class="small" onClick={() => setActing('respond')}>
          Respond ({orList(can.resolutions.map((resolution) => RESPOND_WORDS[resolution]))})…
        </button>
      ) : can.reopen(counterpoint) ? (
        <button type="button" class="small" onClick={() => setActing('reopen')}>
          Rebut the response and reopen…
        </button>
      ) : null}
    </li>
  );
};

/** "answer, concede or dismiss". */
const orList = (words: readonly string[]): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

const RESPOND_WORDS: Readonly<Record<CounterpointResolution, string>> = {
  ANSWERED: 'answer',
  CONCEDED: 'concede',
  DISMISSED: 'dismiss',
};

const RelationItem = ({
  relation,
  claim,
  can,
  form,
}: {
  relation: Relation;
  claim: ClaimDetail;
  can: Permissions;
  form: Omit<ClaimFormProps, 'onClose'>;
}) => {
  const [unlinking, setUnlinking] = useState(false);
  const outgoing = relation.from.id === claim.id;
  const other = outgoing ? relation.to : relation.from;
  return (
    <li class="relation">
      <p>
        {outgoing ? 'This claim ' : ''}
        {!outgoing ? (
          <>
            <Link href={`/claims/${other.id}`}>{other.statement}</Link>{' '}
            <AcceptabilityBadge acceptability={other.acceptability} />{' '}
          </>
        ) : null}
        <KindBadge kind={relation.kind} />
        {outgoing ? (
          <>
            {' '}
            <Link href={`/claims/${other.id}`}>{other.statement}</Link>{' '}
            <AcceptabilityBadge acceptability={other.acceptability} />
          </>
        ) : (
          ' this claim'
        )}
      </p>
      {relation.rationale ? <p class="rationale">“{relation.rationale}”</p> : null}
      <p class="meta">
        Linked by <Who actor={relation.linkedBy} /> on <Time iso={relation.linkedAt} />
      </p>
      {outgoing && can.unlink(relation) ? (
        unlinking ? (
          <UnlinkClaimsForm {...form} relation={relation} onClose={() => setUnlinking(false)} />
        ) : (
          <button type="button" class="small" onClick={() => setUnlinking(true)}>
            Remove link…
          </button>
        )
      ) : null}
    </li>
  );
};

/** The claim's anchor: the quote in its context, and a way to it in the source. */
export const AnchorView = ({
  anchor,
  claimId,
}: {
  anchor: NonNullable<ClaimDetail['anchor']>;
  claimId: string;
}) => (
  <figure class="anchor">
    <blockquote>
      <p>
        {anchor.quote.prefix ? <span class="context">…{anchor.quote.prefix}</span> : null}
        <mark>{anchor.quote.exact}</mark>
        {anchor.quote.suffix ? <span class="context">{anchor.quote.suffix}…</span> : null}
      </p>
    </blockquote>
    <figcaption>
      From{' '}
      <Link href={`/sources/${anchor.source.id}?claim=${encodeURIComponent(claimId)}`}>
        {anchor.source.title}
      </Link>
      {anchor.source.author ? ` by ${anchor.source.author}` : ''}, characters {anchor.quote.start}–
      {anchor.quote.end}
    </figcaption>
  </figure>
);

/** The body of a claim: used by the claim page (now) and the history page (as it stood). */
export const ClaimBody = ({
  claim,
  can,
  form,
}: {
  claim: ClaimDetail;
  can: Permissions;
  form?: Omit<ClaimFormProps, 'onClose'>;
}) => {
  const outgoing = claim.relations.filter((relation) => relation.from.id === claim.id);
  const incoming = claim.relations.filter((relation) => relation.to.id === claim.id);
  const open = claim.counterpoints.filter((counterpoint) => counterpoint.state === 'OPEN');
  const formProps = form ?? { claim, onSaved: () => undefined, refresh: () => undefined };
  return (
    <>
      <section aria-labelledby="standing-heading" class={`card standing acc-border-${claim.acceptability}`}>
        <h2 id="standing-heading">Where it stands</h2>
        <p class="badges">
          <StatusBadge status={claim.status} /> <AcceptabilityBadge acceptability={claim.acceptability} />{' '}
          <span class="counts">
            {claim.evidence.filter((item) => !item.withdrawn && item.stance === 'SUPPORTS').length} for ·{' '}
            {claim.evidence.filter((item) => !item.withdrawn && item.stance === 'UNDERMINES').length} against
            · {open.length} open counterpoint
            {open.length === 1 ? '' : 's'}
          </span>
        </p>
        <p class="explanation" data-testid="explanation">
          {claim.acceptabilityReason}
        </p>
        {claim.assessment ? (
          <div class="assessment">
            <h3>Assessment</h3>
            <p>
              <strong>{label(claim.assessment.verdict)}</strong> with confidence{' '}
              {Math.round(claim.assessment.confidence * 100)}%
            </p>
            <p>{claim.assessment.rationale}</p>
            <p class="meta">
              by <Who actor={claim.assessment.assessedBy} /> on <Time iso={claim.assessment.assessedAt} />
            </p>
          </div>
        ) : (
          <p class="meta">Not assessed yet.</p>
        )}
      </section>

      {claim.anchor ? (
        <section aria-labelledby="anchor-heading" class="card">
          <h2 id="anchor-heading">Quote</h2>
          <AnchorView anchor={claim.anchor} claimId={claim.id} />
        </section>
      ) : null}

      <EvidenceSection claim={claim} can={can} form={formProps} />

      <section aria-labelledby="counterpoints-heading" class="card">
        <h2 id="counterpoints-heading">
          Counterpoints <span class="count">({claim.counterpoints.length})</span>
        </h2>
        {claim.counterpoints.length === 0 ? <p class="empty">None yet.</p> : null}
        <ul class="plain">
          {claim.counterpoints.map((counterpoint) => (
            <CounterpointItem key={counterpoint.id} counterpoint={counterpoint} can={can} form={formProps} />
          ))}
        </ul>
        {can.raiseCounterpoint ? (
          <Action title="Raise a counterpoint">{() => <RaiseCounterpointForm {...formProps} />}</Action>
        ) : null}
      </section>

      <section aria-labelledby="relations-heading" class="card">
        <h2 id="relations-heading">Relations</h2>
        {(
          [
            ['Out: from this claim', outgoing, 'to'],
            ['In: to this claim', incoming, 'from'],
          ] as const
        ).map(([title, relations, other]) => (
          <Fragment key={title}>
            <h3>
              {title} ({relations.length})
            </h3>
            {relations.length === 0 ? <p class="empty">None.</p> : null}
            <ul class="plain">
              {relations.map((relation) => (
                <RelationItem
                  key={`${relation.kind}-${relation[other].id}`}
                  relation={relation}
                  claim={claim}
                  can={can}
                  form={formProps}
                />
              ))}
            </ul>
          </Fragment>
        ))}
        {can.link ? (
          <Action title="Link to another claim">{() => <LinkClaimsForm {...formProps} />}</Action>
        ) : null}
      </section>
    </>
  );
};

export const ClaimHeader = ({
  claim,
  children,
}: {
  claim: Pick<ClaimDetail, 'id' | 'statement' | 'version' | 'status'> & Partial<ClaimDetail>;
  children?: ComponentChildren;
}) => (
  <header class="claim-header">
    <p class="breadcrumbs">
      <Link href="/claims">Claims</Link> <span aria-hidden="true">›</span>{' '}
      <span class="mono">{claim.id}</span>
    </p>
    <h1 tabIndex={-1} class={claim.status === 'RETRACTED' ? 'retracted' : ''}>
      {claim.statement}
    </h1>
    <p class="meta">
      Version <span data-testid="claim-version">{claim.version}</span>
      {claim.createdBy ? (
        <>
          {' '}
          · proposed by <Who actor={claim.createdBy} />
        </>
      ) : null}
      {claim.createdAt ? (
        <>
          {' '}
          on <Time iso={claim.createdAt} />
        </>
      ) : null}
      {claim.attributedTo ? <> · attributed to {claim.attributedTo}</> : null}
      {claim.updatedAt ? (
        <>
          {' '}
          · updated <Time iso={claim.updatedAt} />
        </>
      ) : null}
    </p>
    {claim.tags ? <Tags tags={claim.tags} /> : null}
    {children}
    <ClaimTabs id={claim.id} />
  </header>
);

export const ClaimPage = ({ id }: { id: string }) => {
  const { viewer } = useSession();
  const query = useQuery(ClaimPageDocument, { id });
  const [liveNote, setLiveNote] = useState<string | undefined>();
  useLiveRefetch(query.refetch, (entry) => {
    if (entry.subjectId === id && entry.actor.id !== viewer.id)
      setLiveNote(`Updated live: ${entry.summary} (version ${entry.version}).`);
    return isClaimId(entry.subjectId);
  });
  if (query.error && !query.data) return <ErrorBox error={query.error} />;
  if (!query.data) return <Loading what="Loading the claim" />;
  const claim = query.data.claim;
  if (!claim) return <ErrorBox>No claim with the id {id}.</ErrorBox>;
  const can = permissions(viewer, claim);
  const form = {
    claim,
    onSaved: (saved: ClaimDetail) => query.setData({ claim: saved }),
    refresh: query.refetch,
  };
  const anyAction = can.revise || can.tag || can.assess || can.retract;
  return (
    <article class="claim-page">
      <ClaimHeader claim={claim}>
        {claim.status === 'RETRACTED' ? (
          <p class="notice">
            This claim is retracted: it takes no further changes and no longer counts in the argument graph.
            See its <Link href={`/claims/${claim.id}/history`}>history</Link> for the reason.
          </p>
        ) : null}
      </ClaimHeader>
      <p class="live-note" role="status" aria-live="polite">
        {liveNote ?? ''}
      </p>
      {query.error ? <ErrorBox error={query.error}>Could not refresh the claim.</ErrorBox> : null}
      <EditorPanel id={claim.id} />
      <div class="claim-layout">
        <div class="claim-main">
          <ClaimBody claim={claim} can={can} form={form} />
        </div>
        <aside class="claim-actions card" aria-labelledby="actions-heading">
          <h2 id="actions-heading">Actions</h2>
          {!anyAction ? (
            <p class="hint">
              Signed in as {viewer.role.toLowerCase()}:{' '}
              {viewer.role === 'VIEWER'
                ? 'you can read but not change claims.'
                : 'no editorial actions apply to this claim.'}
            </p>
          ) : null}
          {can.revise ? (
            <Action title="Revise the statement">
              {(close) => <ReviseClaimForm {...form} onClose={close} />}
            </Action>
          ) : null}
          {can.tag ? (
            <Action title="Edit tags">{(close) => <TagClaimForm {...form} onClose={close} />}</Action>
          ) : null}
          {can.assess ? (
            <Action title="Assess (editors)">
              {(close) => <AssessClaimForm {...form} onClose={close} />}
            </Action>
          ) : null}
          {can.retract ? (
            <Action title="Retract the claim">
              {(close) => <RetractClaimForm {...form} onClose={close} />}
            </Action>
          ) : null}
          <p class="hint">
            Evidence, counterpoints and links are managed in their sections. Every change is sent with the
            version you saw (now {claim.version}); if someone else changed the claim meanwhile, you get a
            conflict instead of overwriting their change.
          </p>
        </aside>
      </div>
    </article>
  );
};
