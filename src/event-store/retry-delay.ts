export interface RetryBackoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** A PostgreSQL restart takes seconds: retry often enough to be back within one of its return. */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { baseMs: 100, maxMs: 5_000 };

/**
 * Delay before retry `attempt` (0 for the first): exponential, capped, with "equal jitter" — half the
 * capped delay is fixed, so a flapping server is never hammered in a tight loop, and half is random, so
 * the instances of a cluster do not all come back in the same millisecond.
 */
export const retryDelayMs = (
  attempt: number,
  random: () => number = Math.random,
  { baseMs, maxMs }: RetryBackoff = DEFAULT_RETRY_BACKOFF,
): number => {
  const capped = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return capped / 2 + random() * (capped / 2);
};
