import { headPosition, logViolations, queryReadModel, readLog, type LogRow } from './event-log.js';
import { createToken, gql, ready, waitReady, type GraphQLResult } from './http.js';
import type { Prng } from './prng.js';
import {
  cli,
  hasVerifyCommand,
  launchServer,
  sleep,
  spawnServer,
  type ServerProcess,
} from './server-process.js';

/**
 * The crash loop: several clients send claim mutations concurrently, with and without idempotency keys,
 * while the server is killed with SIGKILL at moments a seeded PRNG picks (during load, and sometimes
 * during start-up). After every restart the log and the read model are checked against what the clients
 * were told. An acknowledgement is an HTTP 200 whose body has the mutation's data and no errors; a request
 * in flight when the server died has an unknown outcome, and is retried with its key when it had one.
 */

export interface CrashLoopOptions {
  readonly dataDir: string;
  readonly kills: number;
  readonly rng: Prng;
  readonly clients: number;
  /** Load phase before a kill, in ms (uniform). */
  readonly loadMs: readonly [number, number];
  /** Share of kills that hit the server during start-up instead of under load. */
  readonly startupKillShare: number;
  readonly log?: (line: string) => void;
}

export interface CrashLoopReport {
  seed: number;
  kills: number;
  killsDuringStartup: number;
  killsUnderLoad: number;
  restarts: number;
  sent: number;
  acknowledged: number;
  acknowledgedEventsChecked: number;
  acknowledgedEventsFound: number;
  rejected: Record<string, number>;
  inFlightAtKill: number;
  keyedRetriesAfterCrash: number;
  keyedRetriesAcknowledged: number;
  keyedRepeatsOfAcknowledged: number;
  finalEvents: number;
  finalStreams: number;
  readModelCheck: 'claimtrail verify' | 'counts only';
  verifyRuns: number;
  restartMs: { median: number; max: number };
  durationMs: number;
  violations: string[];
}

type MutationName = 'proposeClaim' | 'attachEvidence' | 'raiseCounterpoint' | 'linkClaims';

interface AckedEvent {
  readonly position: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

interface Payload {
  readonly claim: { readonly id: string; readonly version: number };
  readonly events: readonly AckedEvent[];
}

interface Op {
  readonly actor: number;
  readonly mutation: MutationName;
  readonly input: Record<string, unknown>;
  readonly key: string | undefined;
  outcome: 'pending' | 'acked' | 'rejected' | 'unknown';
  positions?: string;
  claimId?: string;
}

const INPUT_TYPE: Record<MutationName, string> = {
  proposeClaim: 'ProposeClaimInput',
  attachEvidence: 'AttachEvidenceInput',
  raiseCounterpoint: 'RaiseCounterpointInput',
  linkClaims: 'LinkClaimsInput',
};

const documentOf = (mutation: MutationName) =>
  `mutation($input: ${INPUT_TYPE[mutation]}!) { ${mutation}(input: $input) { claim { id version } events { position streamId version type data } } }`;

const KINDS = ['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES', 'DUPLICATES'] as const;

const median = (values: readonly number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export const runCrashLoop = async (options: CrashLoopOptions): Promise<CrashLoopReport> => {
  const { rng, dataDir } = options;
  const say = options.log ?? (() => undefined);
  const started = Date.now();
  const report: CrashLoopReport = {
    seed: rng.seed,
    kills: 0,
    killsDuringStartup: 0,
    killsUnderLoad: 0,
    restarts: 0,
    sent: 0,
    acknowledged: 0,
    acknowledgedEventsChecked: 0,
    acknowledgedEventsFound: 0,
    rejected: {},
    inFlightAtKill: 0,
    keyedRetriesAfterCrash: 0,
    keyedRetriesAcknowledged: 0,
    keyedRepeatsOfAcknowledged: 0,
    finalEvents: 0,
    finalStreams: 0,
    readModelCheck: 'counts only',
    verifyRuns: 0,
    restartMs: { median: 0, max: 0 },
    durationMs: 0,
    violations: [],
  };
  const violation = (message: string) => {
    if (report.violations.length < 50) report.violations.push(message);
    say(`VIOLATION ${message}`);
  };

  /** Every acknowledged event, by position; every acknowledged entity id. */
  const ackedEvents = new Map<string, AckedEvent>();
  const claims: string[] = [];
  const evidenceIds = new Set<string>();
  const counterpointIds = new Set<string>();
  const keyed: Op[] = [];
  /** Acknowledged keyed ops per actor, for verbatim repeats. */
  const ackedKeyed: Op[][] = [];
  const restartTimes: number[] = [];
  let serial = 0;

  let server: ServerProcess = await launchServer({ dataDir });
  const tokens = [server.bootstrapToken!];
  if (!tokens[0]) throw new Error(`no bootstrap token:\n${server.output()}`);
  const analysts = await Promise.all(
    Array.from({ length: 3 }, (_, index) =>
      createToken(dataDir, () => server.graphqlUrl, `analyst-${index + 1}`, 'ANALYST'),
    ),
  );
  tokens.push(...analysts);
  for (let actor = 0; actor < tokens.length; actor++) ackedKeyed.push([]);
  const useVerify = await hasVerifyCommand(dataDir);
  report.readModelCheck = useVerify ? 'claimtrail verify' : 'counts only';

  /** Sends one op; updates the ledger. `killing` tells a network error from a crash we did not cause. */
  let killing = false;
  const send = async (op: Op): Promise<GraphQLResult<Record<string, Payload>> | undefined> => {
    report.sent++;
    let result: GraphQLResult<Record<string, Payload>>;
    try {
      result = await gql<Record<string, Payload>>(
        server.graphqlUrl,
        documentOf(op.mutation),
        { input: op.input },
        tokens[op.actor],
        AbortSignal.timeout(60_000),
      );
    } catch (error) {
      if (!killing)
        violation(
          `${op.mutation} failed on the network while the server was meant to be up: ${String(error)}`,
        );
      if (op.outcome === 'pending') op.outcome = 'unknown';
      report.inFlightAtKill++;
      return undefined;
    }
    const payload = result.data?.[op.mutation];
    if (result.status === 200 && payload && !result.errors?.length) {
      report.acknowledged++;
      for (const event of payload.events) ackedEvents.set(event.position, event);
      const positions = payload.events.map((event) => event.position).join(',');
      // A repeat of an acknowledged keyed request appends nothing: it answers the same claim and, by the
      // contract, no events ("empty when an idempotent retry appended nothing").
      if (op.outcome === 'acked' && (positions !== '' || op.claimId !== payload.claim.id)) {
        violation(
          `repeat of ${op.mutation} with key ${op.key} answered ${payload.claim.id} events [${positions}], the first answer was ${op.claimId} events [${op.positions}]`,
        );
      }
      if (op.key && op.outcome !== 'acked') ackedKeyed[op.actor]!.push(op);
      if (op.outcome !== 'acked') {
        op.positions = positions;
        op.claimId = payload.claim.id;
      }
      op.outcome = 'acked';
      if (op.mutation === 'proposeClaim' && !claims.includes(payload.claim.id)) claims.push(payload.claim.id);
      for (const event of payload.events) {
        if (event.type === 'EvidenceAttached') evidenceIds.add(String(event.data['evidenceId']));
        if (event.type === 'CounterpointRaised') counterpointIds.add(String(event.data['counterpointId']));
      }
      return result;
    }
    const code = String(result.errors?.[0]?.extensions?.['code'] ?? `HTTP ${result.status}`);
    report.rejected[code] = (report.rejected[code] ?? 0) + 1;
    // The only rejection this workload can earn: a link that already exists (two clients linked the same pair).
    const expected = op.mutation === 'linkClaims' && code === 'ILLEGAL_STATE';
    if (!expected)
      violation(
        `${op.mutation} ${JSON.stringify(op.input).slice(0, 200)} → ${result.status} ${result.text.slice(0, 300)}`,
      );
    if (op.outcome === 'pending') op.outcome = 'rejected';
    return result;
  };

  const newOp = (actor: number): Op => {
    const roll = rng.next();
    const withKey = rng.chance(0.5);
    const key = withKey ? `crash-${rng.seed}-${++serial}` : undefined;
    const base = key ? { idempotencyKey: key } : {};
    const n = ++serial;
    let op: Op;
    if (roll < 0.25 || claims.length < 2) {
      op = {
        actor,
        mutation: 'proposeClaim',
        input: {
          ...base,
          statement: `Claim ${n}: the summit changed the region's posture`,
          tags: rng.chance(0.3) ? ['crash-loop'] : null,
        },
        key,
        outcome: 'pending',
      };
    } else if (roll < 0.6) {
      const citation = rng.chance(0.5)
        ? { url: `https://example.org/evidence/${n}` }
        : { title: `Report ${n}` };
      op = {
        actor,
        mutation: 'attachEvidence',
        input: {
          ...base,
          claimId: rng.pick(claims),
          stance: rng.pick(['SUPPORTS', 'UNDERMINES']),
          summary: `Evidence ${n} about the claim`,
          citation,
          reliability: rng.chance(0.5) ? Math.round(rng.next() * 100) / 100 : null,
        },
        key,
        outcome: 'pending',
      };
    } else if (roll < 0.85) {
      op = {
        actor,
        mutation: 'raiseCounterpoint',
        input: { ...base, claimId: rng.pick(claims), text: `Counterpoint ${n}: the data say otherwise` },
        key,
        outcome: 'pending',
      };
    } else {
      const from = rng.pick(claims);
      let to = rng.pick(claims);
      if (to === from) to = claims[(claims.indexOf(from) + 1) % claims.length]!;
      op = {
        actor,
        mutation: 'linkClaims',
        input: { ...base, fromClaimId: from, toClaimId: to, kind: rng.pick(KINDS) },
        key,
        outcome: 'pending',
      };
    }
    if (key) keyed.push(op);
    return op;
  };

  const clientLoop = async (client: number, stop: { stopped: boolean }) => {
    const actor = client % tokens.length;
    while (!stop.stopped) {
      // One in ten requests repeats an earlier keyed request of this actor, verbatim.
      const earlier = ackedKeyed[actor]!;
      if (earlier.length > 0 && rng.chance(0.1)) {
        report.keyedRepeatsOfAcknowledged++;
        await send(rng.pick(earlier));
      } else await send(newOp(actor));
    }
  };

  /** Everything that must hold after a restart, once the projector has caught up. */
  const check = async (label: string) => {
    const state = await waitReady(server.url, 60_000);
    const log: LogRow[] = readLog(dataDir);
    for (const problem of logViolations(log)) violation(`${label}: ${problem}`);
    if (state.body.checkpoint !== String(log.length))
      violation(`${label}: /ready says checkpoint ${state.body.checkpoint}, the log ends at ${log.length}`);
    report.acknowledgedEventsChecked = ackedEvents.size;
    let found = 0;
    for (const [position, acked] of ackedEvents) {
      const row = log[Number(position) - 1];
      if (row && row.streamId === acked.streamId && row.version === acked.version && row.type === acked.type)
        found++;
      else
        violation(
          `${label}: acknowledged ${acked.type} at ${position} (${acked.streamId} v${acked.version}) is ${row ? `${row.type} ${row.streamId} v${row.version}` : 'missing'}`,
        );
    }
    report.acknowledgedEventsFound = found;
    const streams = new Set(log.map((row) => row.streamId));
    for (const claimId of claims)
      if (!streams.has(`claim-${claimId}`))
        violation(`${label}: acknowledged claim ${claimId} has no stream`);
    const count = (type: string, field: string) => {
      const seen = new Map<string, number>();
      for (const row of log)
        if (row.type === type)
          seen.set(String(row.data[field]), (seen.get(String(row.data[field])) ?? 0) + 1);
      return seen;
    };
    const evidence = count('EvidenceAttached', 'evidenceId');
    const counterpoints = count('CounterpointRaised', 'counterpointId');
    for (const id of evidenceIds)
      if (evidence.get(id) !== 1)
        violation(`${label}: evidence ${id} is stored ${evidence.get(id) ?? 0} times`);
    for (const id of counterpointIds)
      if (counterpoints.get(id) !== 1)
        violation(`${label}: counterpoint ${id} is stored ${counterpoints.get(id) ?? 0} times`);
    for (const [id, times] of evidence)
      if (times !== 1) violation(`${label}: evidence id ${id} appears in ${times} events`);
    // One event per keyed command, ever: a key (per actor) never yields a second event.
    const perKey = new Map<string, number>();
    for (const row of log) {
      const key = row.metadata['idempotencyKey'];
      if (typeof key === 'string')
        perKey.set(
          `${String(row.metadata['actorId'])}\u0000${key}`,
          (perKey.get(`${String(row.metadata['actorId'])}\u0000${key}`) ?? 0) + 1,
        );
    }
    for (const [key, times] of perKey)
      if (times !== 1)
        violation(`${label}: idempotency key ${key.replace('\u0000', '/')} produced ${times} events`);

    // The read model against the log: counts always, and the full replay diff when the CLI has `verify`.
    const one = (sql: string) => Object.values(queryReadModel<Record<string, number>>(dataDir, sql)[0]!)[0]!;
    const links = new Map<string, number>();
    for (const row of log) {
      if (row.type !== 'ClaimLinked' && row.type !== 'ClaimUnlinked') continue;
      const link = `${row.streamId}>${String(row.data['toClaimId'])}>${String(row.data['kind'])}`;
      links.set(link, (links.get(link) ?? 0) + (row.type === 'ClaimLinked' ? 1 : -1));
    }
    const expected = {
      claims: log.filter((row) => row.type === 'ClaimProposed').length,
      evidence: evidence.size,
      counterpoints: counterpoints.size,
      relations: [...links.values()].filter((value) => value > 0).length,
      audit: log.length, // every event, token grants included (shown to ADMINs only)
    };
    const actual = {
      claims: one('SELECT count(*) FROM claims'),
      evidence: one('SELECT count(*) FROM evidence'),
      counterpoints: one('SELECT count(*) FROM counterpoints'),
      relations: one('SELECT count(*) FROM relations'),
      audit: one('SELECT count(*) FROM audit'),
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      violation(
        `${label}: read model counts ${JSON.stringify(actual)}, the log says ${JSON.stringify(expected)}`,
      );
    if (useVerify) {
      const verified = await cli(dataDir, 'verify');
      report.verifyRuns++;
      if (verified.code !== 0)
        violation(
          `${label}: claimtrail verify exited ${verified.code}: ${verified.stdout.slice(0, 1500)} ${verified.stderr.slice(-500)}`,
        );
    }
    report.finalEvents = log.length;
    report.finalStreams = streams.size;
  };

  /** After a crash, every keyed request whose outcome was lost is sent again: it must take effect once. */
  const retryUnknown = async () => {
    const unknown = keyed.filter((op) => op.outcome === 'unknown');
    for (const op of unknown) {
      report.keyedRetriesAfterCrash++;
      await send(op);
      if (op.outcome === 'acked') report.keyedRetriesAcknowledged++;
      if (op.outcome === 'unknown') op.outcome = 'rejected';
    }
    // An unkeyed request lost in a crash cannot be retried safely; nothing to do for those.
  };

  const restart = async () => {
    const begun = Date.now();
    server = await launchServer({ dataDir });
    restartTimes.push(Date.now() - begun);
    report.restarts++;
  };

  await check('first start');
  for (let cycle = 1; report.kills < options.kills; cycle++) {
    const kill = report.kills + 1;
    if (cycle > 1 && rng.chance(options.startupKillShare)) {
      // Kill the idle server, then kill its successor while it starts: opening the stores, catching the
      // projector up, binding the port.
      await server.kill();
      const starting = spawnServer({ dataDir });
      await sleep(rng.int(20, 900));
      await starting.kill();
      report.killsDuringStartup++;
      report.kills++;
    } else {
      const stop = { stopped: false };
      killing = false;
      const loops = Array.from({ length: options.clients }, (_, client) => clientLoop(client, stop));
      await sleep(rng.int(options.loadMs[0], options.loadMs[1]));
      killing = true;
      await server.kill();
      stop.stopped = true;
      await Promise.all(loops);
      report.killsUnderLoad++;
    }
    report.kills++;
    await restart();
    killing = false;
    await check(`after kill ${kill}`);
    await retryUnknown();
    if (cycle % 10 === 0 || report.kills >= options.kills) {
      say(
        `kill ${kill}/${options.kills}: ${report.acknowledged} acknowledged, ${report.finalEvents} events, ${report.violations.length} violations, ${Math.round((Date.now() - started) / 1000)} s`,
      );
    }
  }
  await check('final');
  const finalHead = headPosition(dataDir);
  const state = await ready(server.url);
  if (state.status !== 200 || state.body.checkpoint !== String(finalHead))
    violation(`final: /ready ${state.status} ${JSON.stringify(state.body)}, head ${finalHead}`);
  await server.stop();
  report.restartMs = { median: median(restartTimes), max: Math.max(0, ...restartTimes) };
  report.durationMs = Date.now() - started;
  return report;
};
