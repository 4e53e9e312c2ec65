import { Logger } from '@nestjs/common';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { join } from 'node:path';
import type { AuthService } from '../auth/auth.service.js';
import { UnauthenticatedError, ValidationError } from '../event-sourcing/errors.js';
import type { ClaimsQueries } from '../claims/read-model/claims.queries.js';
import type { SourcesQueries } from '../sources/read-model/sources.queries.js';
import { errorFormatter } from './error-formatter.js';
import { withInputDefaults } from './input-defaults.js';
import { QUERY_LIMITS, aliasLimitRule, assertAffordable } from './limits.js';
import { buildContext, httpContext, type RequestContext } from './graphql.context.js';
import { JsonScalar, DateTimeScalar } from './scalars.js';

const logger = new Logger('GraphQL');

export interface GraphqlDependencies {
  readonly auth: AuthService;
  readonly claims: ClaimsQueries;
  readonly sources: SourcesQueries;
  readonly anonymousRead: boolean;
}

/**
 * Mercurius with graphql-jit: the measured choice of docs/architecture.md §1. The schema is printed sorted so that
 * `schema.gql` diffs stay readable; `schemaFile: false` keeps it in memory.
 */
export const graphqlOptions = (
  dependencies: GraphqlDependencies,
  schemaFile: string | false = join(process.cwd(), 'schema.gql'),
): MercuriusDriverConfig => {
  const loaderSources = { claims: dependencies.claims, sources: dependencies.sources };
  return {
    autoSchemaFile: schemaFile === false ? true : schemaFile,
    sortSchema: true,
    path: '/graphql',
    jit: 1,
    queryDepth: QUERY_LIMITS.depth,
    validationRules: [aliasLimitRule],
    // Mercurius' own GraphiQL loads React and GraphiQL from a CDN (blank offline): the server serves the
    // project's build of it at /graphiql instead (web/graphiql, src/web/web.module.ts).
    graphiql: false,
    additionalRouteOptions: {
      // GraphQL over HTTP: a POST body's `extensions` may be null, like `variables`. Mercurius' body schema
      // only accepts an object there, so null is dropped before Fastify validates the body.
      preValidation: async (request) => {
        const body = request.body as Record<string, unknown> | null | undefined;
        if (
          body !== null &&
          typeof body === 'object' &&
          !Array.isArray(body) &&
          body['extensions'] === null
        ) {
          delete body['extensions'];
        }
      },
    },
    resolvers: { DateTime: DateTimeScalar, JSON: JsonScalar },
    context: httpContext(dependencies.auth, loaderSources),
    errorFormatter: errorFormatter((error) =>
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error)),
    ),
    subscription: {
      // The token comes from the upgrade request's header or from the connection_init payload
      // ({ authorization: 'Bearer …' } or { token: '…' }); a payload with a bad token is refused at once.
      context: (_socket, request) =>
        buildContext(dependencies.auth, loaderSources, request.headers.authorization),
      onConnect: ({ payload }: { payload?: Record<string, unknown> }) => {
        const header =
          typeof payload?.['authorization'] === 'string'
            ? payload['authorization']
            : typeof payload?.['token'] === 'string'
              ? `Bearer ${payload['token']}`
              : undefined;
        if (header === undefined) return true;
        try {
          const actor = dependencies.auth.authenticate(header);
          return { actor, authError: undefined, authorization: header };
        } catch {
          return false;
        }
      },
    },
    hooks: {
      // Mercurius takes a `query` that is JSON but not a string ([], 1) as a pre-parsed AST; anything that
      // is not a GraphQL document is the client's mistake, not an internal error.
      preValidation: async (_schema, document) => {
        if ((document as { kind?: unknown } | undefined)?.kind !== 'Document') {
          throw new ValidationError('query must be a GraphQL document (a string)', 'query');
        }
      },
      // Authentication for every operation: a bad token is refused even where anonymous read is allowed.
      preExecution: async (schema, document, context, variables) => {
        assertAffordable(document, variables as Record<string, unknown> | undefined);
        const requestContext = context as unknown as RequestContext;
        if (requestContext.authError) throw requestContext.authError;
        const isQuery = document.definitions.every(
          (definition) => definition.kind !== 'OperationDefinition' || definition.operation === 'query',
        );
        if (!requestContext.actor && !(isQuery && dependencies.anonymousRead)) {
          throw new UnauthenticatedError('a bearer token is required: Authorization: Bearer <token>');
        }
        const filled = withInputDefaults(schema, document, variables as Record<string, unknown> | undefined);
        return filled === variables ? undefined : { variables: filled };
      },
    },
  };
};
