import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from './support/http.js';
import { inspectorUrl, liveHeapMb } from './support/inspector.js';
import { record } from './support/prng.js';
import { launchServer, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * Distinct documents must not pile up in the server (issue 15, High 2). Each document is sent twice, so that
 * graphql-jit compiles it (`jit: 1` compiles on the second use), and the live heap is read through the
 * inspector after a full GC, so the figure is what the server keeps, not garbage it has yet to collect.
 * Mercurius kept up to 2,048 parsed and compiled documents (about 120 KB each for this 1 KB shape): the
 * heap grew by about 300 MB over 2,500 of them. The figure over 50,000 is in bench/memory/RESULTS.md.
 */

const FIELDS = `id statement status acceptability version tags createdAt updatedAt createdBy { id role }
  assessment { verdict confidence rationale assessedAt assessedBy { id role } }
  anchor { quote { exact prefix suffix start end } source { id title url author textLength } }
  evidence { id stance summary reliability withdrawn addedAt addedBy { id role } citation { title url author } }
  counterpoints { id text state response raisedAt raisedBy { id role } citation { title url } }
  relations { kind rationale linkedAt linkedBy { id role } from { id statement } to { id statement } }`;
const documentOf = (index: number) =>
  `query Q${index} { viewer { id } claims(first: ${1 + (index % 5)}) { edges { node { ${FIELDS} } } } }`;
const DISTINCT = 2_500;

describe('memory under distinct documents', () => {
  const dir = tempDataDir('hostile-memory');
  let server: ServerProcess;
  let inspector: string;

  beforeAll(async () => {
    server = await launchServer({
      dataDir: dir.path,
      env: { NODE_OPTIONS: '--inspect=127.0.0.1:0', LOG_LEVEL: 'warn' },
    });
    inspector = inspectorUrl(server.output())!;
    expect(inspector).toBeDefined();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    dir.remove();
  });

  const sendEachTwice = async (from: number, to: number) => {
    let next = from;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < to) {
          const document = documentOf(next++);
          for (let time = 0; time < 2; time++) {
            const answer = await gql(server.graphqlUrl, document, {}, server.bootstrapToken);
            if (answer.errors) throw new Error(answer.text);
          }
        }
      }),
    );
  };

  it(`keeps what ${DISTINCT.toLocaleString('en-US')} distinct compiled documents leave behind bounded`, async () => {
    await sendEachTwice(0, 200);
    const warm = await liveHeapMb(inspector);
    await sendEachTwice(200, 200 + DISTINCT);
    const after = await liveHeapMb(inspector);
    record(
      `memory: live heap ${warm.toFixed(0)} MB after 200 distinct documents, ${after.toFixed(0)} MB after ${DISTINCT + 200}`,
    );
    // 128 cached documents of this shape take about 15 MB; 40 leaves room for the GC's own bookkeeping.
    expect(after - warm).toBeLessThan(40);
  }, 600_000);
});
