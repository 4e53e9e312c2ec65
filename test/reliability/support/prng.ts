/**
 * A seeded PRNG (mulberry32) so that every randomised run can be repeated: the seed is printed, and
 * CLAIMTRAIL_SEED=<seed> replays the same choices (kill moments, operations, inputs). The timing of a
 * real server still varies, so a replay repeats the schedule, not every interleaving.
 */
export interface Prng {
  readonly seed: number;
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export const prng = (seed: number): Prng => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
  };
};

/** CLAIMTRAIL_SEED when set, otherwise a fresh seed. */
export const seedFromEnv = (): number => {
  const given = process.env['CLAIMTRAIL_SEED'];
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`CLAIMTRAIL_SEED must be an integer, not "${given}"`);
    return seed >>> 0;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
};

/** CLAIMTRAIL_LONG=1 selects the long mode (npm run test:long). */
export const LONG = /^(1|true|yes)$/i.test(process.env['CLAIMTRAIL_LONG'] ?? '');

/** One line on stdout that survives Jest's console buffering, for seeds and run records. */
export const record = (line: string): void => {
  process.stdout.write(`[reliability] ${line}\n`);
};
