import { claimCommands } from '../claims/commands/claim-commands.js';
import {
  THREAD_KIND_OF_RESOLUTION,
  type CounterpointResolution,
  type CounterpointThreadKind,
} from '../claims/domain/claim.values.js';
import type { CommandContext, MutationResult } from '../event-sourcing/mutation.js';
import type { BundleCounterpoint } from './bundle.js';
import { importKey } from './import-keys.js';

/** The resolution a response of a thread gives (claim.values.ts THREAD_KIND_OF_RESOLUTION, read backwards). */
const RESOLUTION_OF_THREAD_KIND = Object.fromEntries(
  Object.entries(THREAD_KIND_OF_RESOLUTION).map(([resolution, kind]) => [kind, resolution]),
) as Record<Exclude<CounterpointThreadKind, 'REBUTTAL'>, CounterpointResolution>;

export interface ResolutionStep {
  readonly path: string;
  readonly idempotencyKey: string;
  run(context: CommandContext): Promise<MutationResult>;
}

/**
 * What follows a counterpoint's raising in a bundle: its `resolution`, or each entry of its `thread` in order
 * (docs/bundle-format.md), each through the command an API request would use, so each meets the rule of its
 * command (who may, in which state) for the importing actor.
 */
export const resolutionSteps = (
  counterpoint: BundleCounterpoint,
  at: {
    readonly claimId: string;
    readonly counterpointId: string;
    readonly path: string;
    readonly digest: string;
  },
): ResolutionStep[] => {
  const { claimId, counterpointId, path, digest } = at;
  const respond = (resolution: CounterpointResolution, response: string, idempotencyKey: string) => ({
    idempotencyKey,
    run: (context: CommandContext) =>
      claimCommands.respondToCounterpoint(
        { claimId, counterpointId, resolution, response, idempotencyKey },
        context,
      ),
  });
  const { resolution, thread } = counterpoint;
  const steps: ResolutionStep[] = [];
  if (resolution !== undefined) {
    const key = importKey(digest, counterpoint.id, 'resolve');
    steps.push({ path: `${path}.resolution`, ...respond(resolution.resolution, resolution.response, key) });
  }
  (thread ?? []).forEach((entry, index) => {
    const key = importKey(digest, counterpoint.id, `thread:${index}`);
    const entryPath = `${path}.thread[${index}]`;
    if (entry.kind !== 'REBUTTAL') {
      steps.push({ path: entryPath, ...respond(RESOLUTION_OF_THREAD_KIND[entry.kind], entry.text, key) });
      return;
    }
    const { text, reason } = entry;
    steps.push({
      path: entryPath,
      idempotencyKey: key,
      run: (context) =>
        claimCommands.reopenCounterpoint(
          { claimId, counterpointId, text, reason, idempotencyKey: key },
          context,
        ),
    });
  });
  return steps;
};
