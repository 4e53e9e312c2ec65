// B5's "Apollo" comparison: the same Nest application (AppModule's feature modules, the same resolver classes,
// CQRS buses, query handlers, class-validator pipe, error mapping, auth and loaders) with only the GraphQL
// driver and the HTTP platform swapped: @nestjs/apollo's ApolloDriver on @nestjs/platform-express.
//
//   CLAIMTRAIL_DATA_DIR=… PORT=… node bench/servers/apollo-app.mjs
//
// Not installed here: @as-integrations/express5, which ApolloDriver.registerExpress loads. Its
// `expressMiddleware` (about 40 lines: Express request → server.executeHTTPGraphQLRequest → response) is
// inlined below, in a driver subclass that otherwise repeats registerExpress as @nestjs/apollo 14 has it.
import 'reflect-metadata';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloDriver } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ExpressAdapter } from '@nestjs/platform-express';
import { GraphQLError } from 'graphql';
// The application, from the bench's build of src/ (see bench/lib/app.mjs).
import { AppModule } from '../results/tmp/build/dist/app.module.js';
import { AuthService } from '../results/tmp/build/dist/auth/auth.service.js';
import { ClaimsQueries } from '../results/tmp/build/dist/claims/read-model/claims.queries.js';
import { loadConfig } from '../results/tmp/build/dist/config.js';
import { UnauthenticatedError } from '../results/tmp/build/dist/event-sourcing/errors.js';
import { formatError } from '../results/tmp/build/dist/graphql/error-formatter.js';
import { buildContext } from '../results/tmp/build/dist/graphql/graphql.context.js';
import { aliasLimitRule, assertAffordable } from '../results/tmp/build/dist/graphql/limits.js';
import { PassThroughFilter } from '../results/tmp/build/dist/graphql/pass-through.filter.js';
import { DateTimeScalar, JsonScalar } from '../results/tmp/build/dist/graphql/scalars.js';
import { inputValidationPipe } from '../results/tmp/build/dist/graphql/validation.pipe.js';
import { createLogger, PinoNestLogger } from '../results/tmp/build/dist/logging/logger.js';
import { SourcesQueries } from '../results/tmp/build/dist/sources/read-model/sources.queries.js';

/** @as-integrations/express5's expressMiddleware, inlined. */
const expressMiddleware = (server, options = {}) => {
  server.assertStarted('expressMiddleware()');
  const context = options.context ?? (async () => ({}));
  return (req, res, next) => {
    if (!req.body) {
      res
        .status(500)
        .send('`req.body` is not set; the JSON body parser must run before the Apollo Server middleware.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest = {
      method: req.method.toUpperCase(),
      headers,
      search: new URL(req.url, 'http://localhost').search,
      body: req.body,
    };
    server
      .executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context({ req, res }) })
      .then(async (httpGraphQLResponse) => {
        for (const [key, value] of httpGraphQLResponse.headers) res.setHeader(key, value);
        res.statusCode = httpGraphQLResponse.status || 200;
        if (httpGraphQLResponse.body.kind === 'complete') {
          res.send(httpGraphQLResponse.body.string);
          return;
        }
        for await (const chunk of httpGraphQLResponse.body.asyncIterator) {
          res.write(chunk);
          if (typeof res.flush === 'function') res.flush();
        }
        res.end();
      })
      .catch(next);
  };
};

class ApolloExpressDriver extends ApolloDriver {
  async registerExpress(options, { preStartHook } = {}) {
    const { path } = options;
    const httpAdapter = this.httpAdapterHost.httpAdapter;
    httpAdapter.use(path, (req, _res, next) => {
      req.body = req.body ?? {};
      next();
    });
    const app = httpAdapter.getInstance();
    const drainHttpServerPlugin = ApolloServerPluginDrainHttpServer({
      httpServer: httpAdapter.getHttpServer(),
    });
    preStartHook?.();
    const server = new ApolloServer({
      ...options,
      plugins: options.plugins ? options.plugins.concat([drainHttpServerPlugin]) : [drainHttpServerPlugin],
    });
    await server.start();
    app.use(path, expressMiddleware(server, { context: options.context }));
    this.apolloServer = server;
  }
}

const config = loadConfig();
const logger = createLogger(config.logLevel);

/** What Mercurius' preExecution hook does in graphql.options.ts: cost estimate, then authentication. */
const authPlugin = (anonymousRead) => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request, contextValue, schema }) {
        assertAffordable(schema, document, request.variables ?? {}, request.operationName);
        if (contextValue.authError) throw contextValue.authError;
        const isQuery = document.definitions.every(
          (definition) => definition.kind !== 'OperationDefinition' || definition.operation === 'query',
        );
        if (!contextValue.actor && !(isQuery && anonymousRead)) {
          throw new UnauthenticatedError('a bearer token is required: Authorization: Bearer <token>');
        }
      },
    };
  },
});

// AppModule's imports, with its GraphQL module replaced and the HTTP-only extras that are Fastify-specific
// and unrelated to GraphQL (static web app, exports, demo import) left out.
const HTTP_ONLY = /^(WebModule|ExportModule|DemoImportModule)$/;
const root = AppModule.forRoot(config, { schemaFile: false });
const moduleName = (entry) => (entry?.module ?? entry)?.name;
const imports = root.imports.filter(
  (entry) => moduleName(entry) !== 'GraphQLModule' && !HTTP_ONLY.test(moduleName(entry) ?? ''),
);

class ApolloBenchModule {}
Module({
  imports: [
    ...imports,
    GraphQLModule.forRootAsync({
      driver: ApolloExpressDriver,
      inject: [AuthService, ClaimsQueries, SourcesQueries],
      useFactory: (auth, claims, sources) => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        graphiql: false,
        introspection: true,
        resolvers: { DateTime: DateTimeScalar, JSON: JsonScalar },
        validationRules: [aliasLimitRule],
        context: ({ req }) => buildContext(auth, { claims, sources }, req.headers.authorization),
        formatError: (_formatted, error) =>
          formatError(error instanceof GraphQLError ? error : new GraphQLError(String(error)), (problem) =>
            logger.error(String(problem)),
          )[0].toJSON(),
        plugins: [authPlugin(config.anonymousRead)],
      }),
    }),
  ],
  controllers: root.controllers,
  providers: root.providers,
})(ApolloBenchModule);

const app = await NestFactory.create(ApolloBenchModule, new ExpressAdapter(), {
  logger: new PinoNestLogger(logger),
});
// The same one JSON line per request as main.ts adds to Fastify.
app.use((req, res, next) => {
  const started = performance.now();
  res.on('finish', () =>
    logger.info(
      {
        method: req.method,
        url: req.originalUrl,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 100) / 100,
      },
      'request',
    ),
  );
  next();
});
app.useGlobalPipes(inputValidationPipe());
app.useGlobalFilters(new PassThroughFilter());
app.enableShutdownHooks();
await app.listen(config.port, config.host);
const { port } = app.getHttpServer().address();
console.log(`apollo: listening on http://localhost:${port}/graphql`);
