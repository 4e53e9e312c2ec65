import 'reflect-metadata';
import fastifyWebsocket from '@fastify/websocket';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { registerHttpPlugins } from './http/http-plugins.js';
import { createLogger, PinoNestLogger } from './logging/logger.js';
import { loadConfig, type ClaimtrailConfig } from './config.js';
import { PassThroughFilter } from './graphql/pass-through.filter.js';
import { inputValidationPipe } from './graphql/validation.pipe.js';
import { listenWithBanner } from './startup-banner.js';

/**
 * Every socket ends: a request must arrive whole within 20 s, its headers within 10 s (Node checks both every
 * second, not every 30 s), and the server holds at most 1,024 connections; beyond that Node drops new ones.
 * Fastify's default had no request timeout: 50 sockets dripping a body stayed open for 75 s and more.
 */
export const HTTP_LIMITS = {
  requestTimeoutMs: 20_000,
  headersTimeoutMs: 10_000,
  checkEveryMs: 1_000,
  connections: 1024,
} as const;

export const createApp = async (
  config: ClaimtrailConfig,
  options: { schemaFile?: string | false; quiet?: boolean } = {},
) => {
  const logger = createLogger(options.quiet ? 'error' : config.logLevel);
  // One JSON line per request (Fastify's own two lines per request are switched off).
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    requestTimeout: HTTP_LIMITS.requestTimeoutMs,
    http: {
      headersTimeout: HTTP_LIMITS.headersTimeoutMs,
      connectionsCheckingInterval: HTTP_LIMITS.checkEveryMs,
    },
    loggerInstance: logger,
    disableRequestLogging: true,
  });
  adapter.getInstance().server.maxConnections = HTTP_LIMITS.connections;
  // The WebSocket server at the root, before Mercurius registers its own inside its subscription plugin, where
  // nothing else can reach it: src/graphql/subscription-guard.ts watches every socket from its first moment.
  await adapter.getInstance().register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  adapter.getInstance().addHook('onResponse', async (request, reply) => {
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
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: new PinoNestLogger(logger),
    // A provider that fails (an unreachable database) rejects here, so the caller says why in one line,
    // instead of Nest exiting the process from inside its own handler.
    abortOnError: false,
  });
  await registerHttpPlugins(app, config);
  app.useGlobalPipes(inputValidationPipe());
  app.useGlobalFilters(new PassThroughFilter());
  app.enableShutdownHooks();
  return app;
};

const main = async () => {
  const config = loadConfig();
  const app = await createApp(config);
  await listenWithBanner(app, config);
};

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`claimtrail: failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
