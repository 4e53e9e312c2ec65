import { Logger } from '@nestjs/common';
import { Location, getOperationAST, parse, type DocumentNode } from 'graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { join } from 'node:path';
import type { AuthService } from '../auth/auth.service.js';
import type { ReadModelHandle } from '../read-model/read-model.handle.js';
import { UnauthenticatedError } from '../event-sourcing/errors.js';
import { BadRequestError } from './bad-request.js';
import type { ClaimsQueries } from '../claims/read-model/claims.queries.js';
import type { SourcesQueries } from '../sources/read-model/sources.queries.js';
import { errorFormatter } from './error-formatter.js';
import { withInputDefaults } from './input-defaults.js';
import { QUERY_LIMITS, aliasLimitRule, assertAffordable } from './limits.js';
import { buildContext, httpContext, type RequestContext } from './graphql.context.js';
import { RESPONSE_LIMITS, responseTooLarge } from './request-budget.js';
import { DOCUMENT_LIMITS, assertDocumentLength, mayCompile } from './document-limits.js';
import { SubscriptionGuard } from './subscription-guard.js';
import { assertVariablesCoerce } from './variable-coercion.js';
import { JsonScalar, DateTimeScalar } from './scalars.js';

const logger = new Logger('GraphQL');

const tokenRequired = () =>
  new UnauthenticatedError('a bearer token is required: Authorization: Bearer <token>');

/**
 * Mercurius checks that a GET runs a query by reading the chosen operation, which a document with several
 * operations and no (or an unknown) operationName does not have: it crashed there, after its cache, so the
 * check is made here, before it, on GET's (rare) documents.
 */
const assertGetRunsOneOperation = (source: string, context: unknown): void => {
  const request = (context as { reply?: { request?: { method?: string; ws?: boolean } } }).reply?.request;
  if (request?.method !== 'GET' || request.ws) return;
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: DOCUMENT_LIMITS.tokens });
  } catch {
    return; // Mercurius answers a syntax error itself
  }
  if (getOperationAST(document, operationNameOf(context)) === null) {
    const name = operationNameOf(context);
    throw new BadRequestError(
      name === undefined
        ? 'the document has several operations: name the one to run with operationName'
        : `the document has no operation named "${name}"`,
      'operationName',
    );
  }
};

/** The operation the request names, from its body (POST) or query string (GET). */
const operationNameOf = (context: unknown): string | undefined => {
  const request = (context as { reply?: { request?: { body?: unknown; query?: unknown } } }).reply?.request;
  const from = (request?.body ?? request?.query) as { operationName?: unknown } | undefined;
  return typeof from?.operationName === 'string' ? from.operationName : undefined;
};

export interface GraphqlDependencies {
  readonly auth: AuthService;
  readonly claims: ClaimsQueries;
  readonly sources: SourcesQueries;
  readonly anonymousRead: boolean;
  /** Told of every internal error, so that /ready can say when one was SQLite finding the file damaged. */
  readonly readModel?: Pick<ReadModelHandle, 'notice'>;
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
  const guard = new SubscriptionGuard(dependencies.auth);
  return {
    autoSchemaFile: schemaFile === false ? true : schemaFile,
    sortSchema: true,
    path: '/graphql',
    jit: 1,
    cache: DOCUMENT_LIMITS.cachedDocuments,
    // graphql's parser refuses a document of more tokens than this before building its AST.
    graphql: { parseOptions: { maxTokens: DOCUMENT_LIMITS.tokens } },
    queryDepth: QUERY_LIMITS.depth,
    validationRules: [aliasLimitRule],
    // Mercurius' own GraphiQL loads React and GraphiQL from a CDN (blank offline): the server serves the
    // project's build of it at /graphiql instead (web/graphiql, src/web/web.module.ts).
    graphiql: false,
    additionalRouteOptions: {
      // GraphQL over HTTP: a POST body's `extensions` may be null, like `variables`. Mercurius' body schema
      // only accepts an object there, so null is dropped before Fastify validates the body.
      // The answer's hard cap, on the serialized payload: large leaves were counted as they resolved, this
      // catches everything else (many small fields add up as well).
      onSend: async (_request, _reply, payload) =>
        typeof payload === 'string' &&
        payload.length > RESPONSE_LIMITS.responseBytes / 4 &&
        Buffer.byteLength(payload) > RESPONSE_LIMITS.responseBytes
          ? JSON.stringify({
              data: null,
              errors: [responseTooLarge(Buffer.byteLength(payload))].map((error) => ({
                message: error.message,
                extensions: error.extensions,
              })),
            })
          : payload,
      preHandler: guard.refuseUpgradeWhenFull,
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
    errorFormatter: errorFormatter((error) => {
      dependencies.readModel?.notice(error);
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }),
    subscription: {
      // The token comes from the connection_init payload ({ authorization: 'Bearer …' } or { token: '…' })
      // or else the upgrade request's header; the guard has closed the socket already if it is refused.
      context: (socket, request) =>
        buildContext(
          dependencies.auth,
          loaderSources,
          guard.authorizationFor(socket) ?? request.headers.authorization,
        ),
    },
    plugins: [{ plugin: guard.plugin }],
    hooks: {
      // Authentication before any work on the document: a request without a usable token is answered from
      // its headers alone, so an anonymous client cannot make the server parse, validate or price anything
      // (a 1 KB fragment bomb once froze the event loop for 7 s before the token was looked at).
      preParsing: async (_schema, source, context) => {
        const requestContext = context as unknown as RequestContext;
        if (requestContext.authError) throw requestContext.authError;
        if (!requestContext.actor && !dependencies.anonymousRead) throw tokenRequired();
        assertDocumentLength(source);
        assertGetRunsOneOperation(source, context);
      },
      // Mercurius takes a `query` that does not parse as GraphQL but does as JSON for a pre-parsed AST
      // ([], 1, or a whole AST that skips the parser and its token limit). Only the parser makes documents,
      // and it always gives them a Location; a JSON AST cannot have one.
      preValidation: async (_schema, document) => {
        if (!((document as { loc?: unknown } | undefined)?.loc instanceof Location)) {
          throw new BadRequestError('query must be a GraphQL document (a string)', 'query');
        }
      },
      preSubscriptionExecution: guard.beforeExecution,
      // An anonymous client may only read, and only where anonymous read is on.
      preExecution: async (schema, document, context, variables) => {
        const requestContext = context as unknown as RequestContext;
        const given = variables as Record<string, unknown> | undefined;
        const operationName = operationNameOf(context);
        assertVariablesCoerce(schema, document, given ?? {}, operationName);
        requestContext.budget?.admit(assertAffordable(schema, document, given ?? {}, operationName));
        const isQuery = document.definitions.every(
          (definition) => definition.kind !== 'OperationDefinition' || definition.operation === 'query',
        );
        if (!requestContext.actor && !(isQuery && dependencies.anonymousRead)) throw tokenRequired();
        const filled = withInputDefaults(schema, document, given);
        // Handing the document back as "modified" keeps Mercurius from compiling (and keeping) a large one.
        const compile = mayCompile(document);
        if (filled === variables && compile) return undefined;
        return { ...(filled === variables ? {} : { variables: filled }), ...(compile ? {} : { document }) };
      },
    },
  };
};
