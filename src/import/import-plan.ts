import { claimCommands, createdEntityId, proposedClaimId } from '../claims/commands/claim-commands.js';
import { claimStreamId } from '../claims/domain/claim.stream.js';
import type { Actor } from '../event-sourcing/metadata.js';
import type { CommandContext, MutationResult } from '../event-sourcing/mutation.js';
import { verbatimTextProblem } from '../event-sourcing/text-rules.js';
import { registeredSourceId, sourceCommands } from '../sources/commands/source-commands.js';
import { sourceStreamId } from '../sources/domain/source.stream.js';
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
import { importKey } from './import-keys.js';
import { resolutionSteps } from './resolution-steps.js';
import type { JsonObject } from './json-schema.js';

/**
 * A bundle as the list of commands that import it, in the documented order. Each step is a request in the
 * API's own shape, with an idempotency key derived from the bundle, handed to the same command function a
 * mutation calls (claim-commands.ts, source-commands.ts): one path, one set of rules and limits. The same
 * steps run first against an in-memory overlay (the dry run), then against the store.
 */

export const STEP_KINDS = [
  'source',
  'claim',
  'evidence',
  'counterpoint',
  /** Responses to counterpoints and rebuttals of them: one kind, so one counterpoint's run in order. */
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
  run(context: CommandContext): Promise<MutationResult>;
  /**
   * For items others depend on (sources, claims, counterpoints): creates the entity with neutral content,
   * so that when the item itself is wrong the dry run still decides its dependents rather than report
   * them all as "not found". Only ever run in the dry run: any problem stops the import.
   */
  readonly placeholder?: (context: CommandContext) => Promise<MutationResult>;
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
    const sourceId = registeredSourceId(actor, key);
    ids.set(localId, sourceId);
    const standIn = isTainted(path);
    if (standIn) taintedSources.add(localId);
    const { id: _localId, ...fields } = value as unknown as BundleSource;
    // The placeholder keeps the text, so that quotes from the source can still be checked.
    const text = stringField(value, 'text');
    const placeholderText =
      text !== undefined && verbatimTextProblem(text, SOURCE_TEXT_MAX_LENGTH) === undefined ? text : null;
    step(
      'source',
      path,
      sourceStreamId(sourceId),
      key,
      (context) => sourceCommands.registerSource({ ...fields, idempotencyKey: key }, context),
      {
        standIn,
        placeholder: (context) =>
          sourceCommands.registerSource(
            { title: STAND_IN_STATEMENT, text: placeholderText, idempotencyKey: key },
            context,
          ),
      },
    );
  }

  for (const { path, value } of itemsOf(bundle, 'claims')) {
    const localId = stringField(value, 'id');
    if (localId === undefined) continue;
    const key = importKey(digest, localId, 'propose');
    const claimId = proposedClaimId(actor, key);
    ids.set(localId, claimId);
    const claim = value as unknown as BundleClaim;
    const standIn = isTainted(path) || (claim.source !== undefined && taintedSources.has(claim.source));
    step(
      'claim',
      path,
      claimStreamId(claimId),
      key,
      (context) =>
        claimCommands.proposeClaim(
          {
            statement: claim.statement,
            tags: claim.tags ?? null,
            attributedTo: claim.attributedTo ?? null,
            note: claim.note ?? null,
            sourceId: claim.source === undefined ? null : (ids.get(claim.source) ?? null),
            quote: claim.quote ?? null,
            idempotencyKey: key,
          },
          context,
        ),
      {
        fields: { sourceId: 'source' },
        standIn,
        placeholder: (context) =>
          claimCommands.proposeClaim({ statement: STAND_IN_STATEMENT, idempotencyKey: key }, context),
      },
    );
  }

  const claimOf = (localId: string): string | undefined => ids.get(localId);

  for (const { path, value } of itemsOf(bundle, 'evidence')) {
    const evidence = value as unknown as BundleEvidence;
    const claimId = claimOf(evidence.claim);
    if (isTainted(path) || claimId === undefined) continue;
    const key = importKey(digest, evidence.id, 'attach');
    ids.set(evidence.id, createdEntityId('evidence', actor, claimId, key));
    const { stance, summary, citation } = evidence;
    step('evidence', path, claimStreamId(claimId), key, (context) =>
      claimCommands.attachEvidence(
        {
          claimId,
          stance,
          summary,
          citation,
          reliability: evidence.reliability ?? null,
          idempotencyKey: key,
        },
        context,
      ),
    );
  }

  for (const { path, value } of itemsOf(bundle, 'counterpoints')) {
    const counterpoint = value as unknown as BundleCounterpoint;
    const claimId = claimOf(counterpoint.claim);
    if (isTainted(path) || claimId === undefined) continue;
    const key = importKey(digest, counterpoint.id, 'raise');
    const counterpointId = createdEntityId('counterpoint', actor, claimId, key);
    ids.set(counterpoint.id, counterpointId);
    const raise =
      (text: string, citation: BundleCounterpoint['citation'] | null) => (context: CommandContext) =>
        claimCommands.raiseCounterpoint({ claimId, text, citation, idempotencyKey: key }, context);
    step(
      'counterpoint',
      path,
      claimStreamId(claimId),
      key,
      raise(counterpoint.text, counterpoint.citation ?? null),
      {
        placeholder: raise(STAND_IN_STATEMENT, null),
      },
    );
    // Its resolution, or its thread, entry by entry: one step kind, so they run in bundle order.
    for (const entry of resolutionSteps(counterpoint, { claimId, counterpointId, path, digest }))
      step('resolution', entry.path, claimStreamId(claimId), entry.idempotencyKey, (context) =>
        entry.run(context),
      );
  }

  for (const { path, value } of itemsOf(bundle, 'relations')) {
    const relation = value as unknown as BundleRelation;
    const fromClaimId = claimOf(relation.from);
    const toClaimId = claimOf(relation.to);
    if (isTainted(path) || fromClaimId === undefined || toClaimId === undefined) continue;
    const key = importKey(digest, relation.from, `link:${relation.kind}:${relation.to}`);
    step(
      'relation',
      path,
      claimStreamId(fromClaimId),
      key,
      (context) =>
        claimCommands.linkClaims(
          {
            fromClaimId,
            toClaimId,
            kind: relation.kind,
            rationale: relation.rationale ?? null,
            idempotencyKey: key,
          },
          context,
        ),
      { fields: { claimId: 'from', fromClaimId: 'from', toClaimId: 'to' } },
    );
  }

  for (const { path, value, index } of itemsOf(bundle, 'assessments')) {
    const assessment = value as unknown as BundleAssessment;
    const claimId = claimOf(assessment.claim);
    if (isTainted(path) || claimId === undefined) continue;
    // Assessments have no id of their own; the position tells two assessments of one claim apart.
    const key = importKey(digest, assessment.claim, `assess:${index}`);
    const { verdict, confidence, rationale } = assessment;
    step('assessment', path, claimStreamId(claimId), key, (context) =>
      claimCommands.assessClaim({ claimId, verdict, confidence, rationale, idempotencyKey: key }, context),
    );
  }
  return { steps, ids };
};
