import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { logViolations, readLog } from './support/event-log.js';
import { createToken, gql, ok } from './support/http.js';
import { launchServer, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * Races over real HTTP, 32 requests released at once against one claim: without expectedVersion every
 * writer wins and the claim ends at exactly the expected version; with the same expectedVersion exactly
 * one wins and the other 31 get CONFLICT with the version they lost to; with one idempotencyKey the
 * retries produce one set of events and all get the same answer. The log is checked directly.
 */

const WRITERS = 32;
const PROPOSE =
  'mutation($input: ProposeClaimInput!) { proposeClaim(input: $input) { claim { id version } events { position type } } }';
const ATTACH =
  'mutation($input: AttachEvidenceInput!) { attachEvidence(input: $input) { claim { id version } events { position version type data } } }';

interface Attached {
  attachEvidence: {
    claim: { id: string; version: number };
    events: Array<{ position: string; version: number; type: string; data: { evidenceId: string } }>;
  };
}

describe('races over HTTP: 32 writers on one claim', () => {
  const dir = tempDataDir('races');
  let server: ServerProcess;
  const tokens: string[] = [];

  const propose = async (statement: string) =>
    (
      await ok<{ proposeClaim: { claim: { id: string } } }>(
        server.graphqlUrl,
        PROPOSE,
        { input: { statement } },
        tokens[0]!,
      )
    ).proposeClaim.claim.id;
  const attach = (writer: number, input: Record<string, unknown>) =>
    gql<Attached>(
      server.graphqlUrl,
      ATTACH,
      {
        input: {
          stance: writer % 2 ? 'SUPPORTS' : 'UNDERMINES',
          summary: `Finding of writer ${writer}`,
          citation: { title: `Source ${writer}` },
          ...input,
        },
      },
      tokens[writer % tokens.length],
    );
  const stream = (claimId: string) => readLog(dir.path).filter((row) => row.streamId === `claim-${claimId}`);

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path });
    tokens.push(server.bootstrapToken!);
    tokens.push(
      ...(await Promise.all(
        [1, 2, 3].map((index) =>
          createToken(dir.path, () => server.graphqlUrl, `writer-${index}`, 'ANALYST'),
        ),
      )),
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  it('without expectedVersion every writer succeeds and the claim ends at exactly 1 + 32', async () => {
    const claimId = await propose('Central Asia is no longer a geopolitical object');
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) => attach(writer, { claimId })),
    );
    for (const answer of answers) expect(answer.errors ?? []).toEqual([]);
    const versions = answers
      .map((answer) => answer.data!.attachEvidence.events[0]!.version)
      .sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: WRITERS }, (_, index) => index + 2));
    const evidenceIds = new Set(
      answers.map((answer) => answer.data!.attachEvidence.events[0]!.data.evidenceId),
    );
    expect(evidenceIds.size).toBe(WRITERS);
    const events = stream(claimId);
    expect(events.map((row) => row.version)).toEqual(
      Array.from({ length: WRITERS + 1 }, (_, index) => index + 1),
    );
    const claim = await ok<{ claim: { version: number; evidence: unknown[] } }>(
      server.graphqlUrl,
      'query($id: ID!) { claim(id: $id) { version evidence { id } } }',
      { id: claimId },
      tokens[0]!,
    );
    expect(claim.claim).toMatchObject({ version: WRITERS + 1 });
    expect(claim.claim.evidence).toHaveLength(WRITERS);
  });

  it('with the same expectedVersion exactly one succeeds and 31 get CONFLICT with extensions.currentVersion', async () => {
    const claimId = await propose('Russia remains the security guarantor of the region');
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) => attach(writer, { claimId, expectedVersion: 1 })),
    );
    const winners = answers.filter((answer) => !answer.errors?.length);
    const losers = answers.filter((answer) => answer.errors?.length);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.data!.attachEvidence.claim.version).toBe(2);
    expect(losers).toHaveLength(WRITERS - 1);
    for (const loser of losers) {
      expect(loser.errors).toHaveLength(1);
      expect(loser.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      expect(loser.data ?? null).toBeNull();
    }
    expect(stream(claimId).map((row) => row.type)).toEqual(['ClaimProposed', 'EvidenceAttached']);
  });

  it('32 concurrent retries with one idempotencyKey append one event and all answer the same evidence', async () => {
    const claimId = await propose('Trade with China now outweighs trade with Russia');
    const input = {
      claimId,
      stance: 'SUPPORTS',
      summary: 'Customs data for 2024',
      citation: { url: 'https://example.org/customs-2024' },
      idempotencyKey: 'customs-2024',
    };
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, () => gql<Attached>(server.graphqlUrl, ATTACH, { input }, tokens[1])),
    );
    for (const answer of answers) expect(answer.errors ?? []).toEqual([]);
    // One request appended; the other 31 were recognised as retries and answered "appended nothing".
    const appended = answers.filter((answer) => answer.data!.attachEvidence.events.length > 0);
    expect(appended).toHaveLength(1);
    expect(appended[0]!.data!.attachEvidence.events).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.data!.attachEvidence.claim.version))).toEqual(new Set([2]));
    const events = stream(claimId);
    expect(events.map((row) => row.type)).toEqual(['ClaimProposed', 'EvidenceAttached']);
    expect(events[1]!.metadata).toMatchObject({ idempotencyKey: 'customs-2024', actorId: 'writer-1' });

    // The same key through proposeClaim, raced: one claim.
    const proposals = await Promise.all(
      Array.from({ length: WRITERS }, () =>
        gql<{ proposeClaim: { claim: { id: string } } }>(
          server.graphqlUrl,
          PROPOSE,
          { input: { statement: 'One claim, however often it is sent', idempotencyKey: 'one-claim' } },
          tokens[2],
        ),
      ),
    );
    for (const answer of proposals) expect(answer.errors ?? []).toEqual([]);
    const claimIds = new Set(proposals.map((answer) => answer.data!.proposeClaim.claim.id));
    expect(claimIds.size).toBe(1);
    expect(stream([...claimIds][0]!)).toHaveLength(1);
    expect(logViolations(readLog(dir.path))).toEqual([]);
  });
});
