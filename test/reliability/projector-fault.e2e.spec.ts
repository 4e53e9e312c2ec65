import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { headPosition, readLog, readModelFile } from './support/event-log.js';
import { LEAK, gql, ok, ready, waitFor, type GraphQLResult } from './support/http.js';
import {
  cli,
  hasVerifyCommand,
  launchServer,
  tempDataDir,
  type ServerProcess,
} from './support/server-process.js';

/**
 * A projection that throws on one event, end to end and without touching the code: a trigger created
 * from outside in the server's read-model file makes every INSERT into `evidence` abort, as a full disk
 * or a bug in the evidence projection would. The event itself is stored (the log is the truth); the
 * projector must stop on it visibly (/ready 503 naming the event's position, an error log line with the
 * position), never skip it (later events wait behind it), and resume from its checkpoint once the fault
 * clears.
 */

const TRIGGER = 'reliability_injected_fault';

const PROPOSE =
  'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id version } readModelBehind } }';
const ATTACH =
  'mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) { claim { id version evidence { summary } } events { position type } readModelBehind } }';
const RAISE =
  'mutation($input: RaiseCounterpointInput!) { raiseCounterpoint(input: $input) { claim { id version counterpoints { text } } events { position type } readModelBehind } }';
const REGISTER =
  'mutation($input: RegisterSourceInput!) { registerSource(input: $input) { source { id title textLength registeredBy { id } } readModelBehind } }';
const CLAIM =
  'query($id: ID!) { claim(id: $id) { version status evidence { id summary } counterpoints { id } } }';

const withReadModel = (dataDir: string, sql: string) => {
  const db = new Database(readModelFile(dataDir));
  try {
    db.pragma('busy_timeout = 5000');
    db.exec(sql);
  } finally {
    db.close();
  }
};

describe('projector fault, end to end', () => {
  const dir = tempDataDir('projector-fault');
  let server: ServerProcess;
  let admin: string;

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path });
    admin = server.bootstrapToken!;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('stops on the failing event with /ready 503 and its position, skips nothing, and resumes from the checkpoint once the fault clears', async () => {
    const proposed = (
      await ok<{ proposeClaim: { claim: { id: string }; readModelBehind: boolean } }>(
        server.graphqlUrl,
        PROPOSE,
        { input: { statement: 'Moscow still shapes Central Asian security' } },
        admin,
      )
    ).proposeClaim;
    // A healthy projector applies the write before the answer: it comes from the read model.
    expect(proposed.readModelBehind).toBe(false);
    const claimId = proposed.claim.id;
    const checkpointBefore = headPosition(dir.path);
    expect((await ready(server.url)).status).toBe(200);

    withReadModel(
      dir.path,
      `CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'injected fault: evidence is unwritable'); END;`,
    );

    // The mutation appends, then waits (bounded) for the projector, which cannot apply the event.
    const attaching = gql<{
      attachEvidence: {
        claim: { version: number; evidence: Array<{ summary: string }> };
        events: Array<{ position: string; type: string }>;
        readModelBehind: boolean;
      };
    }>(
      server.graphqlUrl,
      ATTACH,
      {
        input: {
          claimId,
          stance: 'UNDERMINES',
          summary: 'Security cooperation still runs through Moscow, an analyst argues',
          citation: { title: 'Exercise report' },
        },
      },
      admin,
    );
    const poisoned = await waitFor('the EvidenceAttached event in the log', async () =>
      readLog(dir.path).find((row) => row.type === 'EvidenceAttached' && row.streamId === `claim-${claimId}`),
    );
    const fault = await waitFor('/ready 503 with a fault', async () => {
      const state = await ready(server.url);
      return state.status === 503 && state.body.fault ? state.body : undefined;
    });
    expect(fault.fault!.position).toBe(String(poisoned.position));
    expect(fault.fault!.message).toContain('injected fault');
    expect(fault.checkpoint).toBe(String(checkpointBefore));
    expect(server.output()).toMatch(
      new RegExp(
        `"position":"${poisoned.position}"[^\\n]*projector: stopped on an event it could not apply|projector: stopped on an event it could not apply[^\\n]*"position":"${poisoned.position}"`,
      ),
    );

    // A later event waits behind the failing one: the projector does not skip ahead.
    const raising = gql<{
      raiseCounterpoint: {
        claim: { version: number; counterpoints: Array<{ text: string }> };
        events: Array<{ position: string; type: string }>;
        readModelBehind: boolean;
      };
    }>(
      server.graphqlUrl,
      RAISE,
      { input: { claimId, text: 'The drills were planned before the summit' } },
      admin,
    );
    await waitFor('the CounterpointRaised event in the log', async () =>
      readLog(dir.path).some((row) => row.type === 'CounterpointRaised') ? true : undefined,
    );
    // Past one retry period of the projector (1 s): it retried from the checkpoint and stopped on the same event.
    await new Promise((done) => setTimeout(done, 1500));
    const stillStuck = await ready(server.url);
    expect(stillStuck.status).toBe(503);
    expect(stillStuck.body.fault?.position).toBe(String(poisoned.position));
    expect(stillStuck.body.checkpoint).toBe(String(checkpointBefore));
    expect(server.output()).toContain('projector: resuming from checkpoint');
    const stale = await ok<{ claim: { version: number; evidence: unknown[]; counterpoints: unknown[] } }>(
      server.graphqlUrl,
      CLAIM,
      { id: claimId },
      admin,
    );
    expect(stale.claim).toMatchObject({ version: 1, evidence: [], counterpoints: [] });
    // Reads and liveness keep working while the read model is stuck.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    // What the two writers were told while the projector was stuck (after the bounded read-your-writes wait).
    const answers: Array<GraphQLResult<unknown>> = [await attaching, await raising];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).not.toMatch(LEAK);
      expect(answer.errors).toBeUndefined();
    }
    // Each write is stored, so each writer is told so: the events it appended with their positions, and the
    // claim as those events leave it (not the read model's stale version 1), flagged as read past the model.
    const attached = (await attaching).data!.attachEvidence;
    expect(attached.readModelBehind).toBe(true);
    expect(attached.events).toEqual([{ position: String(poisoned.position), type: 'EvidenceAttached' }]);
    expect(attached.claim.version).toBe(2);
    expect(attached.claim.evidence.map((item) => item.summary)).toEqual([
      'Security cooperation still runs through Moscow, an analyst argues',
    ]);
    // A source registered behind the stuck event is answered from its stored registration, the same way.
    const sourceText = 'The Second Central Asia-Russia Summit, held in Dushanbe';
    const registered = (
      await ok<{
        registerSource: {
          source: { title: string; textLength: number; registeredBy: { id: string } };
          readModelBehind: boolean;
        };
      }>(
        server.graphqlUrl,
        REGISTER,
        { input: { title: 'Central Asia-Russia Summit', text: sourceText } },
        admin,
      )
    ).registerSource;
    expect(registered.readModelBehind).toBe(true);
    expect(registered.source).toMatchObject({
      title: 'Central Asia-Russia Summit',
      textLength: sourceText.length,
    });
    const raised = (await raising).data!.raiseCounterpoint;
    expect(raised.readModelBehind).toBe(true);
    expect(raised.events.map((event) => event.type)).toEqual(['CounterpointRaised']);
    expect(raised.claim.version).toBe(3);
    expect(raised.claim.counterpoints.map((item) => item.text)).toEqual([
      'The drills were planned before the summit',
    ]);

    // The fault clears: the projector resumes from its checkpoint and applies both events, in order.
    const cleared = Date.now();
    withReadModel(dir.path, `DROP TRIGGER ${TRIGGER};`);
    const resumed = await waitFor(
      '/ready 200 after the fault cleared',
      async () => {
        const state = await ready(server.url);
        return state.status === 200 ? state.body : undefined;
      },
      5000,
    );
    const resumeMs = Date.now() - cleared;
    expect(resumeMs).toBeLessThan(3000);
    expect(resumed.checkpoint).toBe(String(headPosition(dir.path)));
    const caughtUp = await ok<{
      claim: {
        version: number;
        status: string;
        evidence: Array<{ summary: string }>;
        counterpoints: unknown[];
      };
    }>(server.graphqlUrl, CLAIM, { id: claimId }, admin);
    expect(caughtUp.claim.version).toBe(3);
    const sources = await ok<{ sources: { totalCount: number } }>(
      server.graphqlUrl,
      '{ sources { totalCount } }',
      {},
      admin,
    );
    expect(sources.sources.totalCount).toBe(1);
    expect(caughtUp.claim.status).toBe('CONTESTED');
    expect(caughtUp.claim.evidence.map((item) => item.summary)).toEqual([
      'Security cooperation still runs through Moscow, an analyst argues',
    ]);
    expect(caughtUp.claim.counterpoints).toHaveLength(1);
    if (await hasVerifyCommand(dir.path)) {
      const verified = await cli(dir.path, 'verify');
      expect(verified.stdout + verified.stderr).toMatch(/verified/);
      expect(verified.code).toBe(0);
    }
    process.stdout.write(
      `[reliability] projector fault: stopped at position ${poisoned.position}, resumed ${resumeMs} ms after the fault cleared; writers were told ${answers.map((answer) => answer.text.slice(0, 160)).join(' | ')}\n`,
    );
  }, 60_000);
});
