import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  type ClaimtrailError,
} from '../event-sourcing/errors.js';
import type { EventStore } from '../event-sourcing/event-store.js';
import type { Actor } from '../event-sourcing/metadata.js';
import type { CommandContext } from '../event-sourcing/mutation.js';
import { bundleDigest, bundleSchemaValidator, COLLECTIONS } from './bundle.js';
import { crossItemProblems } from './bundle-checks.js';
import { DryRunStore } from './dry-run-store.js';
import { InvalidBundleError, itemPathOf, type ImportProblem } from './import-problem.js';
import { buildPlan, STEP_KINDS, type ImportPlan, type ImportStep, type StepKind } from './import-plan.js';
import { isJsonObject, type Json } from './json-schema.js';

/**
 * Importing a bundle: validate everything first (schema, cross-item rules, then every step through the
 * deciders in a dry run), and write only a bundle without a single problem. Steps carry idempotency keys
 * derived from the bundle, so a second run adds nothing and a run after an interruption adds exactly what
 * is missing.
 */

export interface ImportOptions {
  readonly actor: Actor;
  /** Shared by every event of this run, so the audit trail shows one import as one act. */
  readonly correlationId?: string;
  /** Called once the bundle has passed every check, before the first write. */
  readonly onChecked?: (steps: number) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /** Streams written at once; the SQLite store commits concurrent appends together. */
  readonly concurrency?: number;
}

export interface KindCounts {
  readonly created: number;
  readonly present: number;
}

export interface ImportSummary {
  readonly digest: string;
  readonly steps: number;
  readonly created: number;
  /** Steps a previous run (of this bundle, by this actor) had already written. */
  readonly present: number;
  readonly byKind: Readonly<Record<StepKind, KindCounts>>;
  /** Bundle-local id → Claimtrail id. */
  readonly ids: ReadonlyMap<string, string>;
}

export interface CheckedBundle {
  readonly digest: string;
  readonly problems: readonly ImportProblem[];
  readonly plan: ImportPlan;
}

/** The run was interrupted by a failure after it had started writing; running it again completes it. */
export class ImportStoppedError extends Error {
  constructor(
    readonly done: number,
    readonly total: number,
    override readonly cause: unknown,
  ) {
    super(
      `the import stopped after ${done} of ${total} steps (${cause instanceof Error ? cause.message : String(cause)}); run it again to complete it`,
    );
    this.name = 'ImportStoppedError';
  }
}

const DEFAULT_CONCURRENCY = 16;

// Problems read best in bundle order: collection, then item, then the order they were found in.
const problemRank = (path: string): [number, number] => {
  const match = /^\$\.(\w+)\[(\d+)\]/.exec(path);
  const collection = match ? COLLECTIONS.indexOf(match[1] as (typeof COLLECTIONS)[number]) : -1;
  return [collection, match ? Number(match[2]) : -1];
};

const inBundleOrder = (problems: readonly ImportProblem[]): ImportProblem[] => {
  const seen = new Set<string>();
  const unique = problems.filter((problem) => {
    const key = `${problem.path}\u0000${problem.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return unique
    .map((problem, order) => ({ problem, order, rank: problemRank(problem.path) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.order - b.order)
    .map(({ problem }) => problem);
};

/** What the domain refuses is a problem of the bundle; a storage failure is not, and stops the check. */
const isRefusal = (error: unknown): error is ClaimtrailError =>
  [ValidationError, NotFoundError, IllegalStateError, ForbiddenError, ConflictError].some(
    (type) => error instanceof type,
  );

const refusalOf = async (run: () => Promise<unknown>): Promise<ClaimtrailError | undefined> => {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
};

/** A domain error of a step, at the path of the bundle field it is about. */
const problemOf = (step: ImportStep, error: ClaimtrailError): ImportProblem => {
  const field = error instanceof ValidationError ? error.field : undefined;
  if (field === undefined) return { path: step.path, message: error.message };
  const [head = '', ...rest] = field.split('.');
  const mapped = [Object.hasOwn(step.fields, head) ? step.fields[head]! : head, ...rest]
    .filter(Boolean)
    .join('.');
  const message = error.message.startsWith(`${field} `)
    ? error.message.slice(field.length + 1)
    : error.message;
  return { path: mapped ? `${step.path}.${mapped}` : step.path, message };
};

// Problems of the bundle's outline (not an object, a collection not a list, wrong format): nothing to plan.
const isOutlineProblem = (problem: ImportProblem): boolean => /^\$(\.\w+)?$/.test(problem.path);

/** Every problem of the bundle, and the plan that imports it; writes nothing. */
export const checkBundle = async (store: EventStore, bundle: Json, actor: Actor): Promise<CheckedBundle> => {
  const digest = bundleDigest(bundle);
  const schemaProblems = bundleSchemaValidator().validate(bundle);
  if (!isJsonObject(bundle) || schemaProblems.some(isOutlineProblem)) {
    return { digest, problems: inBundleOrder(schemaProblems), plan: { steps: [], ids: new Map() } };
  }
  const problems = [...schemaProblems, ...crossItemProblems(bundle)];
  // The items a problem is within, from the problems' paths: one pass (testing every item against every
  // problem took 51 s for 20,000 duplicate ids).
  const taintedItems = new Set(problems.map((problem) => itemPathOf(problem.path)));
  const plan = buildPlan(bundle, digest, actor, (path) => taintedItems.has(path));
  const context: CommandContext = { actor, correlationId: randomUUID(), store: new DryRunStore(store) };
  for (const step of plan.steps) {
    const refused = step.standIn ? undefined : await refusalOf(() => step.run(context));
    if (refused) problems.push(problemOf(step, refused));
    // A wrong item that others depend on still exists in the dry run, so its dependents are checked too.
    if (step.standIn || refused) await refusalOf(async () => step.placeholder?.(context));
  }
  return { digest, problems: inBundleOrder(problems), plan };
};

const emptyCounts = (): Record<StepKind, { created: number; present: number }> =>
  Object.fromEntries(STEP_KINDS.map((kind) => [kind, { created: 0, present: 0 }])) as Record<
    StepKind,
    { created: number; present: number }
  >;

/**
 * Kinds run one after another (a claim exists before its evidence, both ends before a link). Within a kind,
 * the steps of one stream run in bundle order, and different streams run concurrently.
 */
const execute = async (plan: ImportPlan, context: CommandContext, options: ImportOptions) => {
  const counts = emptyCounts();
  const total = plan.steps.length;
  let done = 0;
  let failure: { error: unknown } | undefined;
  for (const kind of STEP_KINDS) {
    const byStream = new Map<string, ImportStep[]>();
    for (const step of plan.steps)
      if (step.kind === kind) byStream.set(step.streamId, [...(byStream.get(step.streamId) ?? []), step]);
    const queue = [...byStream.values()];
    const worker = async () => {
      for (let steps = queue.shift(); steps && !failure; steps = queue.shift()) {
        for (const step of steps) {
          if (failure) return;
          try {
            const result = await step.run(context);
            counts[kind][result.duplicate ? 'present' : 'created']++;
            options.onProgress?.(++done, total);
          } catch (error) {
            failure ??= { error };
          }
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, queue.length) }, worker),
    );
    if (failure) throw new ImportStoppedError(done, total, failure.error);
  }
  return counts;
};

/** Checks the whole bundle, then imports it; throws InvalidBundleError, writing nothing, if anything is wrong. */
export const importBundle = async (
  store: EventStore,
  bundle: Json,
  options: ImportOptions,
): Promise<ImportSummary> => {
  const { digest, problems, plan } = await checkBundle(store, bundle, options.actor);
  if (problems.length > 0) throw new InvalidBundleError(problems);
  options.onChecked?.(plan.steps.length);
  const context: CommandContext = {
    actor: options.actor,
    correlationId: options.correlationId ?? randomUUID(),
    store,
  };
  const byKind = await execute(plan, context, options);
  const sum = (field: keyof KindCounts) => STEP_KINDS.reduce((total, kind) => total + byKind[kind][field], 0);
  return {
    digest,
    steps: plan.steps.length,
    created: sum('created'),
    present: sum('present'),
    byKind,
    ids: plan.ids,
  };
};
