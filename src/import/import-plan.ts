import type { ProposeClaim } from '../claims/domain/claim.commands.js';
import type { EventStore } from '../event-sourcing/event-store.js';
import { handleCommand, type CommandResult } from '../event-sourcing/handle-command.js';
import type { Actor } from '../event-sourcing/metadata.js';
import type { RegisterSource } from '../sources/domain/source.commands.js';
import { sourceDecider } from '../sources/domain/source.decider.js';
import { SOURCE_TEXT_MAX_LENGTH } from '../sources/domain/source.values.js';
import {
  itemsOf,
  stringField,
  type BundleAssessment,
  type BundleClaim,
  type BundleCounterpoint,
  type BundleEvidence,
  type BundleRelation,
  type BundleSource,
} from './bundle.js';
import { claimIdFor, importKey, newEntityIdFor, sourceIdFor } from './import-keys.js';
import type { JsonObject } from './json-schema.js';
import {
  claimStream,
  metadataFor,
  readSource,
  readTarget,
  runClaim,
  sourceStream,
  type RunContext,
} from './step-commands.js';

export type { RunContext };

/**
 * A bundle as the list of domain commands that import it, in the documented order. Each step carries its
 * idempotency key and runs through `handleCommand`, exactly as the GraphQL handlers do; the same steps run
 * first against an in-memory overlay (the dry run), then against the store.
 */

export const STEP_KINDS = [
  'source',
  'claim',
  'evidence',
  'counterpoint',
  'resolution',
  'relation',
  'assessment',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface ImportStep {
  readonly kind: StepKind;
  /** JSON path of the bundle item the step imports. */
  readonly path: string;
  readonly streamId: string;
  readonly idempotencyKey: string;
  /** Where a domain input field lives in the item, when not under the same name ('' = the item itself). */
  readonly fields: Readonly<Record<string, string>>;
  /** The item already failed the schema or a cross-item check: the dry run decides only its placeholder. */
  readonly standIn: boolean;
  run(store: EventStore, context: RunContext): Promise<CommandResult>;
  /**
   * For items others depend on (sources, claims, counterpoints): creates the entity with neutral content,
   * so that when the item itself is wrong the dry run still decides its dependents rather than report
   * them all as "not found". Only ever run in the dry run: any problem stops the import.
   */
  readonly placeholder?: (store: EventStore, context: RunContext) => Promise<CommandResult>;
}

export interface ImportPlan {
  readonly steps: readonly ImportStep[];
  /** Bundle-local id → Claimtrail id, for every source, claim, evidence item and counterpoint. */
  readonly ids: ReadonlyMap<string, string>;
}

const STAND_IN_STATEMENT = 'stand-in for an item that failed validation';

export const buildPlan = (
  bundle: JsonObject,
  digest: string,
  actor: Actor,
  isTainted: (path: string) => boolean = () => false,
): ImportPlan => {
  const steps: ImportStep[] = [];
  const ids = new Map<string, string>();
  const taintedSources = new Set<string>();
  const step = (
    kind: StepKind,
    path: string,
    streamId: string,
    idempotencyKey: string,
    run: ImportStep['run'],
    more: Partial<ImportStep> = {},
  ) => steps.push({ kind, path, streamId, idempotencyKey, fields: {}, standIn: false, run, ...more });

  for (const { path, value } of itemsOf(bundle, 'sources')) {
    const localId = stringField(value, 'id');
    if (localId === undefined) continue;
    const key = importKey(digest, localId, 'register');
    const sourceId = sourceIdFor(actor, key);
    ids.set(localId, sourceId);
    const standIn = isTainted(path);
    if (standIn) taintedSources.add(localId);
    const { id: _localId, ...fields } = value as unknown as BundleSource;
    const register = (data: RegisterSource['data']) => (store: EventStore, context: RunContext) =>
      handleCommand(store, sourceStream(sourceId), sourceDecider, {
        type: 'RegisterSource',
        data,
        metadata: metadataFor(context, key),
      });
    // The placeholder keeps the text, so that quotes from the source can still be checked.
    const text = stringField(value, 'text');
    const placeholder = register({
      sourceId,
      title: STAND_IN_STATEMENT,
      text: text !== undefined && text.length <= SOURCE_TEXT_MAX_LENGTH ? text : null,
    });
    step('source', path, sourceStream(sourceId), key, register({ sourceId, ...fields }), {
      fields: { sourceId: 'id' },
      standIn,
      placeholder,
    });
  }

  for (const { path, value } of itemsOf(bundle, 'claims')) {
    const localId = stringField(value, 'id');
    if (localId === undefined) continue;
    const key = importKey(digest, localId, 'propose');
    const claimId = claimIdFor(actor, key);
    ids.set(localId, claimId);
    const claim = value as unknown as BundleClaim;
    const standIn = isTainted(path) || (claim.source !== undefined && taintedSources.has(claim.source));
    const stream = claimStream(claimId);
    const placeholder = (store: EventStore, context: RunContext) =>
      runClaim(store, stream, {
        type: 'ProposeClaim',
        data: { claimId, statement: STAND_IN_STATEMENT },
        metadata: metadataFor(context, key),
      });
    step(
      'claim',
      path,
      stream,
      key,
      async (store, context) => {
        const metadata = metadataFor(context, key, claim.note === undefined ? {} : { reason: claim.note });
        const sourceId = claim.source === undefined ? null : (ids.get(claim.source) ?? null);
        const data: ProposeClaim['data'] = {
          claimId,
          statement: claim.statement,
          tags: claim.tags ?? null,
          attributedTo: claim.attributedTo ?? null,
          note: claim.note ?? null,
          sourceId,
          quote: claim.quote ?? null,
          source: sourceId === null ? null : await readSource(store, sourceId),
        };
        return runClaim(store, stream, { type: 'ProposeClaim', data, metadata });
      },
      { fields: { claimId: 'id', sourceId: 'source' }, standIn, placeholder },
    );
  }

  const claimOf = (localId: string): string | undefined => ids.get(localId);

  for (const { path, value } of itemsOf(bundle, 'evidence')) {
    const evidence = value as unknown as BundleEvidence;
    const claimId = claimOf(evidence.claim);
    if (isTainted(path) || claimId === undefined) continue;
    const key = importKey(digest, evidence.id, 'attach');
    const stream = claimStream(claimId);
    const evidenceId = newEntityIdFor('evidence', actor, key, stream);
    ids.set(evidence.id, evidenceId);
    const { stance, summary, citation } = evidence;
    step('evidence', path, stream, key, (store, context) =>
      runClaim(store, stream, {
        type: 'AttachEvidence',
        data: { claimId, stance, summary, citation, reliability: evidence.reliability ?? null },
        metadata: metadataFor(context, key, { newId: evidenceId }),
      }),
    );
  }

  for (const { path, value } of itemsOf(bundle, 'counterpoints')) {
    const counterpoint = value as unknown as BundleCounterpoint;
    const claimId = claimOf(counterpoint.claim);
    if (isTainted(path) || claimId === undefined) continue;
    const key = importKey(digest, counterpoint.id, 'raise');
    const stream = claimStream(claimId);
    const counterpointId = newEntityIdFor('counterpoint', actor, key, stream);
    ids.set(counterpoint.id, counterpointId);
    const raise =
      (text: string, citation: BundleCounterpoint['citation'] | null) =>
      (store: EventStore, context: RunContext) =>
        runClaim(store, stream, {
          type: 'RaiseCounterpoint',
          data: { claimId, text, citation },
          metadata: metadataFor(context, key, { newId: counterpointId }),
        });
    step('counterpoint', path, stream, key, raise(counterpoint.text, counterpoint.citation ?? null), {
      placeholder: raise(STAND_IN_STATEMENT, null),
    });
    const { resolution } = counterpoint;
    if (resolution === undefined) continue;
    const resolveKey = importKey(digest, counterpoint.id, 'resolve');
    step('resolution', `${path}.resolution`, stream, resolveKey, (store, context) =>
      runClaim(store, stream, {
        type: 'RespondToCounterpoint',
        data: { claimId, counterpointId, resolution: resolution.resolution, response: resolution.response },
        metadata: metadataFor(context, resolveKey, { reason: resolution.response }),
      }),
    );
  }

  for (const { path, value } of itemsOf(bundle, 'relations')) {
    const relation = value as unknown as BundleRelation;
    const claimId = claimOf(relation.from);
    const toClaimId = claimOf(relation.to);
    if (isTainted(path) || claimId === undefined || toClaimId === undefined) continue;
    const key = importKey(digest, relation.from, `link:${relation.kind}:${relation.to}`);
    const stream = claimStream(claimId);
    step(
      'relation',
      path,
      stream,
      key,
      async (store, context) =>
        runClaim(store, stream, {
          type: 'LinkClaims',
          data: {
            claimId,
            toClaimId,
            kind: relation.kind,
            rationale: relation.rationale ?? null,
            target: await readTarget(store, toClaimId),
          },
          metadata: metadataFor(context, key),
        }),
      { fields: { claimId: 'from', toClaimId: 'to' } },
    );
  }

  for (const { path, value, index } of itemsOf(bundle, 'assessments')) {
    const assessment = value as unknown as BundleAssessment;
    const claimId = claimOf(assessment.claim);
    if (isTainted(path) || claimId === undefined) continue;
    // Assessments have no id of their own; the position tells two assessments of one claim apart.
    const key = importKey(digest, assessment.claim, `assess:${index}`);
    const stream = claimStream(claimId);
    const { verdict, confidence, rationale } = assessment;
    step('assessment', path, stream, key, (store, context) =>
      runClaim(store, stream, {
        type: 'AssessClaim',
        data: { claimId, verdict, confidence, rationale },
        metadata: metadataFor(context, key, { reason: rationale }),
      }),
    );
  }
  return { steps, ids };
};
