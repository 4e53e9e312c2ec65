import fastifyStatic from '@fastify/static';
import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The client-side routes of the web app: each answers with index.html so a reload or a shared link works.
 * Listed one by one so they answer 200; the catch-all below answers every other page request with the app
 * and status 404 (the app shows its own "page not found"), and API paths with a JSON 404.
 */
export const WEB_APP_ROUTES = [
  '/signin',
  '/claims',
  '/claims/*',
  '/sources',
  '/sources/*',
  '/graph',
  '/graph/*',
  '/review',
  '/activity',
] as const;

/**
 * Paths of the API and its tools: an unknown path among them (or any request that does not ask for a page)
 * is answered with a JSON 404. Every other unknown GET for a page gets the app with status 404, which shows
 * its own "page not found" with the way back.
 */
export const API_PATH_PREFIXES = [
  '/graphql',
  '/graphiql',
  '/export',
  '/health',
  '/ready',
  '/assets',
] as const;

export const wantsAppPage = (path: string, accept: string | undefined): boolean =>
  (accept ?? '').includes('text/html') &&
  !API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** GraphiQL's page; `/graphiql/` (with the slash) is its index.html among the static files. */
export const GRAPHIQL_ROUTE = '/graphiql';

/** `web/dist` beside `dist/` (this file runs as dist/web/web.module.js), or CLAIMTRAIL_WEB_DIR. */
export const webRoot = (env: NodeJS.ProcessEnv = process.env): string =>
  env['CLAIMTRAIL_WEB_DIR']
    ? resolve(env['CLAIMTRAIL_WEB_DIR'])
    : join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Claimtrail</title>
<body>
<h1>Claimtrail</h1><p>The web app has not been built. Run <code>npm run build</code> (or <code>npm run build:web</code>)
and restart the server; GraphiQL is part of that build. The GraphQL API is at <a href="/graphql">/graphql</a>.</p>
</body></html>`;

const logger = new Logger('Web');

/**
 * The app (and GraphiQL) load only their own files and talk only to their own origin (GraphQL over fetch and
 * graphql-ws), and no page may frame them. The one inline style is the rule cytoscape inserts for its
 * container, allowed by its hash; GraphiQL's fonts come inlined as data: URLs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const secured = (reply: FastifyReply): FastifyReply =>
  reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff');

/** Serves the built web app (web/dist) at `/` with @fastify/static, on the Fastify instance Nest runs on. */
@Module({})
export class WebModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.register !== 'function') return;
    const root = webRoot();
    if (!existsSync(join(root, 'index.html'))) {
      logger.warn(`no web app at ${root}; run npm run build:web to serve it at /`);
      for (const route of ['/', GRAPHIQL_ROUTE])
        fastify.get(route, (_request, reply) =>
          secured(reply).status(503).type('text/html; charset=utf-8').send(NOT_BUILT),
        );
      return;
    }
    await fastify.register(fastifyStatic, {
      root,
      prefix: '/',
      // One route per built file (found at start-up) instead of a `/*` catch-all that would shadow other routes.
      wildcard: false,
      index: ['index.html'],
      setHeaders: (reply, path) => {
        secured(reply);
        // Vite puts a content hash in every asset name; index.html must be revalidated to pick up a new build.
        reply.header(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    const sendApp = (_request: unknown, reply: FastifyReply) => reply.sendFile('index.html');
    // Read once: the static routes above are the files found at start-up too, so a rebuild while running
    // needs a restart either way.
    const appPage = readFileSync(join(root, 'index.html'), 'utf8');
    for (const route of WEB_APP_ROUTES) fastify.get(route, sendApp);
    // The catch-all only answers what no other route does (find-my-way tries static and parametric first).
    fastify.get('/*', (request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      if (!wantsAppPage(path, request.headers.accept))
        return reply.status(404).send({ message: `Cannot GET ${path}`, error: 'Not Found', statusCode: 404 });
      return secured(reply)
        .status(404)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(appPage);
    });
    // GraphiQL is a page of its own in the same build (web/graphiql → web/dist/graphiql); its assets are
    // among the files served above.
    fastify.get(GRAPHIQL_ROUTE, (_request, reply) =>
      existsSync(join(root, 'graphiql', 'index.html'))
        ? reply.sendFile('graphiql/index.html')
        : reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT),
    );
  }
}
