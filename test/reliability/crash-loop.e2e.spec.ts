import { afterAll, describe, expect, it } from '@jest/globals';
import { runCrashLoop } from './support/crash-driver.js';
import { LONG, prng, record, seedFromEnv } from './support/prng.js';
import { tempDataDir } from './support/server-process.js';

/**
 * kill -9 at random moments under concurrent mutations (docs/architecture.md §2 durability; research §6 reliability 1).
 * After every restart: every acknowledged event is in the log at the position, stream and version the
 * client was told; positions run 1..N and every stream's versions 1..n; no evidence, counterpoint or
 * idempotency key is stored twice, including keyed requests retried after their answer was lost in a
 * crash; the projector's checkpoint reaches the head; the read model's counts match the log and, when the
 * CLI has it, `claimtrail verify` finds it equal to a fresh replay.
 *
 * CI: 20 kills. CLAIMTRAIL_LONG=1 (npm run test:long): 200. CLAIMTRAIL_SEED=<n> repeats a schedule.
 */

const KILLS = Number(process.env['CLAIMTRAIL_KILLS'] ?? (LONG ? 200 : 20));

describe('crash loop: kill -9 under concurrent mutations', () => {
  const dir = tempDataDir('crash-loop');
  afterAll(() => dir.remove());

  it(
    `survives ${KILLS} kills with every acknowledged mutation in the log and the read model equal to a replay`,
    async () => {
      const rng = prng(seedFromEnv());
      record(
        `crash loop: seed ${rng.seed} (repeat with CLAIMTRAIL_SEED=${rng.seed}), ${KILLS} kills, data in ${dir.path}`,
      );
      const report = await runCrashLoop({
        dataDir: dir.path,
        kills: KILLS,
        rng,
        clients: 8,
        loadMs: [100, 1200],
        startupKillShare: 0.15,
        log: (line) => record(`crash loop: ${line}`),
      });
      record(`crash loop report: ${JSON.stringify(report)}`);
      expect(report.violations).toEqual([]);
      expect(report.kills).toBeGreaterThanOrEqual(KILLS);
      expect(report.acknowledged).toBeGreaterThan(KILLS * 5);
      expect(report.acknowledgedEventsFound).toBe(report.acknowledgedEventsChecked);
      expect(report.inFlightAtKill).toBeGreaterThan(0);
    },
    LONG ? 7_200_000 : 240_000,
  );
});
