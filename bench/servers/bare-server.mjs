// B5's limit: a bare Fastify + Mercurius (graphql-jit) server with a hand-written schema, running the same SQL
// as ClaimsQueries / AuthService against the same read-model file, with the same one-line pino request log.
// No Nest, no CQRS bus, no class-validator, no per-request prepare (statements are prepared once per shape).
//
//   CLAIMTRAIL_DATA_DIR=… PORT=… node bench/servers/bare-server.mjs
import Database from 'better-sqlite3';
import DataLoader from 'dataloader';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';

const dataDir = process.env.CLAIMTRAIL_DATA_DIR;
const pointer = join(dataDir, 'read-model.current');
const file = join(
  dataDir,
  existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() || 'read-model.db' : 'read-model.db',
);
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');

const statements = new Map();
const prepared = (sql) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};
const placeholders = (values) => values.map(() => '?').join(', ');
const cursorOf = (key) => Buffer.from(JSON.stringify(key)).toString('base64url');

const claimView = (row) => ({
  id: row.id,
  statement: row.statement,
  status: row.status,
  tags: JSON.parse(row.tags),
  acceptability: row.acceptability,
  defeatedBy: JSON.parse(row.defeated_by),
  version: row.version,
  createdBy: { id: row.created_by, role: row.created_role },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const loaders = () => ({
  claim: new DataLoader(async (ids) => {
    const rows = prepared(`SELECT * FROM claims WHERE id IN (${placeholders(ids)})`).all(...ids);
    const byId = new Map(rows.map((row) => [row.id, claimView(row)]));
    return ids.map((id) => byId.get(id));
  }),
  evidence: new DataLoader(async (ids) => {
    const rows = prepared(`SELECT * FROM evidence WHERE claim_id IN (${placeholders(ids)}) ORDER BY seq`).all(
      ...ids,
    );
    const groups = new Map(ids.map((id) => [id, []]));
    for (const row of rows) {
      groups.get(row.claim_id)?.push({
        id: row.id,
        stance: row.stance,
        summary: row.summary,
        reliability: row.reliability,
        withdrawn: row.withdrawn === 1,
        addedAt: row.added_at,
      });
    }
    return ids.map((id) => groups.get(id));
  }),
  relations: new DataLoader(async (ids) => {
    const list = placeholders(ids);
    const rows = prepared(
      `SELECT * FROM relations WHERE from_id IN (${list}) OR to_id IN (${list}) ORDER BY seq`,
    ).all(...ids, ...ids);
    const groups = new Map(ids.map((id) => [id, []]));
    for (const row of rows) {
      const view = {
        kind: row.kind,
        fromId: row.from_id,
        toId: row.to_id,
        rationale: row.rationale,
        linkedAt: row.linked_at,
      };
      groups.get(view.fromId)?.push(view);
      if (view.toId !== view.fromId) groups.get(view.toId)?.push(view);
    }
    return ids.map((id) => groups.get(id));
  }),
});

const schema = `
  type Actor { id: ID! role: String! }
  type Evidence { id: ID! stance: String! summary: String! reliability: Float withdrawn: Boolean! addedAt: String! }
  type ClaimRelation { kind: String! from: Claim! to: Claim! rationale: String linkedAt: String! }
  type Claim {
    id: ID! statement: String! status: String! tags: [String!]! acceptability: String! defeatedBy: [ID!]!
    version: Int! createdBy: Actor! createdAt: String! updatedAt: String!
    evidence(includeWithdrawn: Boolean = false): [Evidence!]!
    relations: [ClaimRelation!]!
  }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type ClaimEdge { cursor: String! node: Claim! }
  type ClaimConnection { edges: [ClaimEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { claims(first: Int = 20): ClaimConnection! }
`;

const resolvers = {
  Query: {
    claims: (_root, { first }, context) => {
      if (!context.actor)
        throw new mercurius.ErrorWithProps('a bearer token is required', { code: 'UNAUTHENTICATED' });
      const limit = Math.min(first ?? 20, 500);
      const rows = prepared('SELECT * FROM claims ORDER BY created_at DESC, seq DESC LIMIT ?').all(limit + 1);
      const page = rows.slice(0, limit);
      const cursors = page.map((row) => cursorOf([row.created_at, row.seq]));
      return {
        edges: page.map((row, index) => ({ node: claimView(row), cursor: cursors[index] })),
        pageInfo: {
          hasNextPage: rows.length > limit,
          hasPreviousPage: false,
          startCursor: cursors[0] ?? null,
          endCursor: cursors.at(-1) ?? null,
        },
        // Counted only when asked for.
        totalCount: () => prepared('SELECT count(*) FROM claims').pluck().get(),
      };
    },
  },
  Claim: {
    evidence: async (claim, { includeWithdrawn }, context) =>
      (await context.loaders.evidence.load(claim.id)).filter((item) => includeWithdrawn || !item.withdrawn),
    relations: (claim, _args, context) => context.loaders.relations.load(claim.id),
  },
  ClaimRelation: {
    from: (relation, _args, context) => context.loaders.claim.load(relation.fromId),
    to: (relation, _args, context) => context.loaders.claim.load(relation.toId),
  },
};

const authenticate = (authorization) => {
  if (!authorization) return undefined;
  const [scheme, token] = authorization.trim().split(/[ \t]+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
  const row = prepared('SELECT actor_id, role, revoked_at FROM tokens WHERE token_hash = ?').get(
    createHash('sha256').update(token, 'utf8').digest('hex'),
  );
  return row && row.revoked_at === null ? { id: row.actor_id, role: row.role } : undefined;
};

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'bare' } });
const app = Fastify({ loggerInstance: logger, disableRequestLogging: true, bodyLimit: 1024 * 1024 });
app.addHook('onResponse', async (request, reply) => {
  request.log.info(
    {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    },
    'request',
  );
});
app.get('/health', async () => ({ status: 'ok' }));
app.get('/ready', async () => ({ status: 'ready' }));
await app.register(mercurius, {
  schema,
  resolvers,
  jit: 1,
  path: '/graphql',
  context: (request) => ({ actor: authenticate(request.headers.authorization), loaders: loaders() }),
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
const { port } = app.server.address();
console.log(`bare: listening on http://localhost:${port}/graphql`);
const stop = async () => {
  await app.close();
  db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
