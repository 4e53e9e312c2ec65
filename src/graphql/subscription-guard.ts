import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AuthService } from '../auth/auth.service.js';
import type { ClaimtrailError } from '../event-sourcing/errors.js';
import { LimitExceededError, QUERY_LIMITS, aliasLimitRule, costError } from './limits.js';
import { queryCost } from './query-cost.js';

/** What one client may hold open; the close codes are graphql-ws's. */
export const SUBSCRIPTION_LIMITS = {
  perSocket: 20,
  socketsPerToken: 10,
  /** Sockets without a token are counted per remote address. */
  anonymousSocketsPerAddress: 10,
  sockets: 500,
  connectionInitMs: 5000,
} as const;

const CLOSE = {
  forbidden: 4403,
  connectionInitTimeout: 4408,
  tooManySockets: 4429,
} as const;

const logger = new Logger('Subscriptions');

interface SocketState {
  /** The Authorization the socket runs as, once connection_init named one. */
  authorization: string | undefined;
  key: string | undefined;
  readonly subscriptions: Set<string>;
}

interface ProtocolMessage {
  readonly type?: unknown;
  readonly id?: unknown;
  readonly payload?: unknown;
}

const parsed = (raw: unknown): ProtocolMessage | undefined => {
  try {
    const message: unknown = JSON.parse(String(raw));
    return message !== null && typeof message === 'object' ? (message as ProtocolMessage) : undefined;
  } catch {
    return undefined;
  }
};

/** The token a connection_init names: `{ authorization: 'Bearer …' }` or `{ token: '…' }`. */
export const authorizationOf = (payload: unknown): string | undefined => {
  const fields = (payload ?? {}) as Record<string, unknown>;
  if (typeof fields['authorization'] === 'string') return fields['authorization'];
  if (typeof fields['token'] === 'string') return `Bearer ${fields['token']}`;
  return undefined;
};

/** Mercurius' own errors on the socket carry no code; every one of them is the client's mistake. */
const CLIENT_MISTAKES =
  /^(Syntax Error|Graphql validation error|Invalid payload type|Message must be a JSON string|Must provide document|Invalid operation|Unknown extension|Connection has not been established)/;

const withCode = (error: Record<string, unknown>): Record<string, unknown> => {
  const extensions = (error['extensions'] ?? {}) as Record<string, unknown>;
  if (typeof extensions['code'] === 'string') return error;
  const message = typeof error['message'] === 'string' ? error['message'] : '';
  if (message.startsWith('Graphql validation error'))
    return {
      message: `the subscription is nested deeper than ${QUERY_LIMITS.depth} levels`,
      extensions: { code: 'BAD_USER_INPUT', limit: 'depth' },
    };
  if (CLIENT_MISTAKES.test(message))
    return { ...error, extensions: { ...extensions, code: 'BAD_USER_INPUT' } };
  logger.error(`a subscription failed: ${message}`);
  return { message: 'internal error; it has been logged', extensions: { code: 'INTERNAL' } };
};

/**
 * Subscriptions under the rules queries live by, and a bound on what a client can hold open: the same
 * validation, alias limit and cost estimate (Mercurius validates nothing on its socket, only depth); at most
 * `perSocket` subscriptions per socket, `socketsPerToken` sockets per token and `sockets` in all; a socket
 * that has not sent connection_init within `connectionInitMs` is closed with 4408, one whose token is
 * refused with 4403 (before Mercurius can answer with a connection_error message). Every error sent on a
 * socket carries `extensions.code`.
 *
 * It watches each socket from the moment it opens (the ws server's `connection` event fires before
 * Mercurius' handler, so its message listener runs first), and Mercurius reaches it through the hooks and
 * options below.
 */
export class SubscriptionGuard {
  private readonly states = new WeakMap<WebSocket, SocketState>();
  private readonly byRequest = new WeakMap<IncomingMessage, SocketState>();
  private readonly perKey = new Map<string, number>();
  private open = 0;

  constructor(private readonly auth: AuthService) {}

  /** A route hook of /graphql: an upgrade is refused with 503 once the server holds its share of sockets. */
  readonly refuseUpgradeWhenFull = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!(request as { ws?: boolean }).ws || this.open < SUBSCRIPTION_LIMITS.sockets) return;
    await reply.code(503).send({
      errors: [
        {
          message: `the server holds ${SUBSCRIPTION_LIMITS.sockets} sockets already; try again later`,
          extensions: { code: 'BAD_USER_INPUT', limit: 'sockets' },
        },
      ],
    });
  };

  /**
   * A Fastify plugin, registered after Mercurius: watches every socket of the root's WebSocket server (main.ts
   * registers it there, so that Mercurius uses it rather than a private one).
   */
  readonly plugin = async (fastify: FastifyInstance): Promise<void> => {
    const server = (fastify as unknown as { websocketServer?: WebSocketServer }).websocketServer;
    if (!server)
      throw new Error('no WebSocket server at the root: register @fastify/websocket before Mercurius');
    server.on('connection', (socket: WebSocket, request: IncomingMessage) => this.watch(socket, request));
  };

  /** The Authorization a socket's connection_init named, for its context. */
  authorizationFor(socket: WebSocket): string | undefined {
    return this.states.get(socket)?.authorization;
  }

  /** Mercurius' preSubscriptionExecution hook: validation, limits and price before anything runs. */
  readonly beforeExecution = async (
    schema: GraphQLSchema,
    document: DocumentNode,
    context: unknown,
    id: unknown,
  ): Promise<void> => {
    const request = (context as { request?: { raw?: IncomingMessage } }).request?.raw;
    const state = request ? this.byRequest.get(request) : undefined;
    if (state && state.subscriptions.size >= SUBSCRIPTION_LIMITS.perSocket) {
      throw asGraphQLError(
        new LimitExceededError(
          `a socket holds at most ${SUBSCRIPTION_LIMITS.perSocket} subscriptions; complete one first`,
          'subscriptions',
        ),
      );
    }
    const [invalid] = validate(schema, document, [...specifiedRules, aliasLimitRule]);
    if (invalid) {
      throw new GraphQLError(invalid.message, {
        extensions: { code: 'BAD_USER_INPUT', ...invalid.extensions },
      });
    }
    const cost = queryCost(schema, document, undefined);
    if (cost > QUERY_LIMITS.cost) throw asGraphQLError(costError(cost, 'the subscription'));
    // Counted once it runs; its completion (either side), its error or the socket's close ends it.
    if (state && typeof id === 'string') state.subscriptions.add(id);
  };

  private watch(socket: WebSocket, request: IncomingMessage): void {
    const state: SocketState = { authorization: undefined, key: undefined, subscriptions: new Set() };
    this.states.set(socket, state);
    this.byRequest.set(request, state);
    this.open++;
    const initTimer = setTimeout(
      () => socket.close(CLOSE.connectionInitTimeout, 'Connection initialisation timeout'),
      SUBSCRIPTION_LIMITS.connectionInitMs,
    );
    socket.on('message', (raw: unknown) => {
      const message = parsed(raw);
      if (!message) return;
      if (message.type === 'connection_init') {
        clearTimeout(initTimer);
        this.admit(socket, request, state, authorizationOf(message.payload) ?? request.headers.authorization);
      } else if ((message.type === 'complete' || message.type === 'stop') && typeof message.id === 'string') {
        state.subscriptions.delete(message.id);
      }
    });
    socket.once('close', () => {
      clearTimeout(initTimer);
      this.open--;
      if (state.key !== undefined) {
        const left = (this.perKey.get(state.key) ?? 1) - 1;
        if (left > 0) this.perKey.set(state.key, left);
        else this.perKey.delete(state.key);
      }
    });
    this.watchSent(socket, state);
  }

  private admit(
    socket: WebSocket,
    request: IncomingMessage,
    state: SocketState,
    authorization: string | undefined,
  ): void {
    if (state.key !== undefined) return;
    if (authorization !== undefined) {
      try {
        this.auth.authenticate(authorization);
      } catch {
        socket.close(CLOSE.forbidden, 'Forbidden');
        return;
      }
    }
    const key = authorization ?? `anonymous ${request.socket.remoteAddress ?? ''}`;
    const cap =
      authorization === undefined
        ? SUBSCRIPTION_LIMITS.anonymousSocketsPerAddress
        : SUBSCRIPTION_LIMITS.socketsPerToken;
    const held = this.perKey.get(key) ?? 0;
    if (held >= cap) {
      socket.close(CLOSE.tooManySockets, `at most ${cap} sockets per token`);
      return;
    }
    this.perKey.set(key, held + 1);
    state.key = key;
    state.authorization = authorization;
  }

  /** Sees what Mercurius sends: ends a subscription's count at its error or completion, codes its errors. */
  private watchSent(socket: WebSocket, state: SocketState): void {
    const send = socket.send.bind(socket) as (data: unknown, ...rest: unknown[]) => void;
    (socket as unknown as { send: typeof send }).send = (data, ...rest) => {
      if (
        typeof data === 'string' &&
        (data.startsWith('{"type":"error"') || data.startsWith('{"type":"complete"'))
      ) {
        const message = parsed(data) as { type: string; id?: string; payload?: unknown } | undefined;
        if (message && typeof message.id === 'string') state.subscriptions.delete(message.id);
        if (message?.type === 'error' && Array.isArray(message.payload)) {
          data = JSON.stringify({
            ...message,
            payload: (message.payload as Record<string, unknown>[]).map(withCode),
          });
        }
      }
      send(data, ...rest);
    };
  }
}

/** A ClaimtrailError as Mercurius sends it on a socket: a GraphQLError keeps its extensions there. */
const asGraphQLError = (error: ClaimtrailError): GraphQLError =>
  new GraphQLError(error.message, { extensions: error.extensions, originalError: error });
